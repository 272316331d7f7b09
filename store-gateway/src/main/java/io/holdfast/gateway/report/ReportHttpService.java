package io.holdfast.gateway.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.money.Money;
import io.holdfast.report.DayReport;
import io.holdfast.report.DayReports;
import io.holdfast.report.DaySignOffs;
import io.holdfast.report.DaySummary;
import io.holdfast.report.DayTimeline;
import io.holdfast.staff.Session;

/**
 * {@code /api/v1/reports/day/{date}}: the end-of-day report of one store-day (or {@code today}), as
 * JSON, as the timeline picture, printed in short form on a receipt printer, and signed off by a
 * supervisor. Supervisors only: it shows the store's money at risk.
 */
public final class ReportHttpService implements HttpService {

    record SignOffBody(String note) {
    }

    record PrintBody(String printerId) {
    }

    private final DayReports reports;
    private final StoreDevices devices;
    private final Access access;

    public ReportHttpService(DayReports reports, StoreDevices devices, Access access) {
        this.reports = reports;
        this.devices = devices;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/day/{date}", (request, response) -> {
            access.require(request, Access.SUPERVISORS);
            Json.send(response, Status.OK_200, view(report(request)));
        }).get("/day/{date}/timeline.svg", (request, response) -> {
            access.require(request, Access.SUPERVISORS);
            response.header(HeaderNames.CONTENT_TYPE, "image/svg+xml; charset=utf-8");
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            response.send(TimelineSvg.render(report(request)));
        }).post("/day/{date}/print", this::print)
                .post("/day/{date}/sign-off", this::signOff);
    }

    private void print(ServerRequest request, ServerResponse response) {
        access.require(request, Access.SUPERVISORS);
        DayReport report = report(request);
        PrintBody body = request.content().hasEntity() ? Json.read(request, PrintBody.class) : new PrintBody(null);
        String printerId = Optional.ofNullable(body.printerId()).or(devices::firstPrinterId)
                .orElseThrow(() -> new ProblemException(409, "no-printer", "No receipt printer",
                        "This store has no receipt printer to print the report on."));
        PrintTicket ticket = devices.printer(printerId).map(printer -> printer.print(document(DaySummary.of(report))))
                .orElseThrow(() -> new ProblemException(404, "printer-unknown", "No such printer",
                        "There is no printer " + printerId + " in this store."));
        Json.send(response, Status.ACCEPTED_202, ticket);
    }

    static ReceiptDocument document(DaySummary summary) {
        ReceiptDocument.Builder receipt = ReceiptDocument.builder().title("END OF DAY").centred(summary.heading());
        for (DaySummary.Section section : summary.sections()) {
            receipt.divider().bold(section.title());
            for (DaySummary.Line line : section.lines()) {
                if (line.value().isEmpty()) {
                    receipt.line(line.label());
                } else {
                    receipt.columns(line.label(), line.value());
                }
            }
        }
        return receipt.divider().centred("Full report: /reports/day").build();
    }

    private void signOff(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, Access.SUPERVISORS);
        LocalDate day = day(request);
        SignOffBody body = Json.read(request, SignOffBody.class);
        if (body.note() == null || body.note().isBlank()) {
            throw new ProblemException(422, "sign-off-note-missing", "Say what you checked",
                    "A sign-off needs a note, such as what was checked and what is still to follow up.");
        }
        switch (reports.signOffs().signOff(day, session.principal(), body.note())) {
            case DaySignOffs.Outcome.Signed signed -> Json.send(response, Status.CREATED_201, signed.signOff());
            case DaySignOffs.Outcome.AlreadySigned already -> throw new ProblemException(409, "day-already-signed-off",
                    "This day is signed off already", day + " was signed off by " + already.existing().staffId()
                    + " at " + already.existing().signedAt() + ": " + already.existing().note());
            case DaySignOffs.Outcome.NotYetBegun notYet -> throw notBegun(notYet.day(), notYet.today());
        }
    }

    private DayReport report(ServerRequest request) {
        LocalDate day = day(request);
        try {
            return reports.report(day);
        } catch (DayReports.FutureDayException e) {
            throw notBegun(day, reports.today());
        }
    }

    private LocalDate day(ServerRequest request) {
        String text = request.path().pathParameters().get("date");
        if (text.equals("today")) {
            return reports.today();
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "report-day-invalid", "Not a day",
                    "'" + text + "' is not a day: write it as YYYY-MM-DD (2026-11-24) or 'today'.");
        }
    }

    private static ProblemException notBegun(LocalDate day, LocalDate today) {
        return new ProblemException(422, "report-day-not-begun", "That day has not begun",
                day + " has not begun yet in the store's zone; today is " + today + ".");
    }

    /** The report as the page reads it: durations in seconds, money with its display text too. */
    static Map<String, Object> view(DayReport report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("storeId", report.storeId());
        view.put("day", report.day().toString());
        view.put("zone", report.zone().getId());
        view.put("from", report.from());
        view.put("to", report.to());
        view.put("generatedAt", report.generatedAt());
        view.put("time", report.time().stream().map(ReportHttpService::timeline).toList());
        DayReport.OfflineWork work = report.offline();
        Map<String, Object> offline = new LinkedHashMap<>();
        offline.put("handOvers", work.handOvers());
        offline.put("returns", work.returns().stream().map(r -> Map.of("method", r.method().name(),
                "all", tally(r.all()), "offline", tally(r.offline()))).toList());
        offline.put("storeCredit", tally(work.storeCredit()));
        offline.put("refundsOwed", tally(work.refundsOwed()));
        offline.put("refundsOwedFromThisDay", tally(work.refundsOwedFromToday()));
        DayReport.GiftCardExposure cards = work.giftCards();
        Map<String, Object> giftCards = new LinkedHashMap<>();
        giftCards.put("redeemed", tally(cards.redeemed()));
        giftCards.put("storeCap", money(cards.storeCap()));
        giftCards.put("storeCapUsedPercent", cards.storeCapUsedPercent());
        giftCards.put("busiestCard", money(cards.busiestCard()));
        giftCards.put("perCardCap", money(cards.perCardCap()));
        giftCards.put("cardsAtCap", cards.cardsAtCap());
        giftCards.put("overdrawn", tally(cards.overdrawn()));
        offline.put("giftCards", giftCards);
        offline.put("loyaltyReceipts", work.loyaltyReceipts());
        view.put("offline", offline);
        view.put("backlog", report.backlog().stream().map(b -> {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("capability", b.capability().name());
            each.put("events", b.events());
            each.put("oldestAgeSeconds", b.oldestAge().map(Duration::toSeconds).orElse(null));
            return each;
        }).toList());
        DayReport.Exceptions exceptions = report.exceptions();
        Map<String, Object> exceptionView = new LinkedHashMap<>();
        exceptionView.put("opened", exceptions.opened());
        exceptionView.put("openedTotal", exceptions.openedTotal());
        exceptionView.put("resolved", exceptions.resolved());
        exceptionView.put("stillOpen", exceptions.stillOpen());
        view.put("exceptions", exceptionView);
        view.put("signOff", report.signOff().orElse(null));
        return view;
    }

    private static Map<String, Object> timeline(DayTimeline timeline) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("capability", timeline.capability().name());
        Map<String, Long> seconds = new LinkedHashMap<>();
        timeline.totals().forEach((state, length) -> seconds.put(state.name(), length.toSeconds()));
        view.put("secondsIn", seconds);
        view.put("segments", timeline.segments().stream().map(s -> Map.of("state", s.state().name(),
                "from", (Object) s.from(), "to", s.to())).toList());
        return view;
    }

    private static Map<String, Object> tally(DayReport.Tally tally) {
        return Map.of("count", tally.count(), "amount", money(tally.amount()));
    }

    private static Map<String, Object> money(Money money) {
        return Map.of("amount", money.amount(), "currency", money.currency().getCurrencyCode(),
                "display", money.display());
    }
}
