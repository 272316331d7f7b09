package io.holdfast.report;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.holdfast.mode.CapabilityState;
import io.holdfast.returns.RefundMethod;

/**
 * The report in short form, as sections of labelled figures: what the receipt printer prints and
 * what {@code holdfast report day} writes. Every figure comes from the {@link DayReport} as it is.
 */
public record DaySummary(String heading, List<Section> sections) {

    public DaySummary {
        sections = List.copyOf(sections);
    }

    public record Section(String title, List<Line> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    public record Line(String label, String value) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    public static DaySummary of(DayReport report) {
        List<Section> sections = new ArrayList<>();
        List<Line> time = new ArrayList<>();
        for (DayTimeline timeline : report.time()) {
            Map<CapabilityState, Duration> totals = timeline.totals();
            Duration away = totals.get(CapabilityState.DEGRADED).plus(totals.get(CapabilityState.ISOLATED))
                    .plus(totals.get(CapabilityState.RESTORING));
            time.add(new Line(words(timeline.capability().name()), away.isZero() ? "online all day"
                    : "offline " + length(away)));
        }
        sections.add(new Section("Time without central", time));

        DayReport.OfflineWork work = report.offline();
        List<Line> offline = new ArrayList<>();
        offline.add(new Line("Hand-overs offline", work.handOvers().offline() + " of "
                + (work.handOvers().online() + work.handOvers().offline())));
        for (DayReport.ReturnsByMethod returns : work.returns()) {
            if (returns.all().count() > 0) {
                offline.add(new Line("Returns, " + method(returns.method()), returns.all().count() + " "
                        + returns.all().amount().display() + " (" + returns.offline().count() + " offline)"));
            }
        }
        offline.add(new Line("Store credit issued", tally(work.storeCredit())));
        offline.add(new Line("Refunds owed now", tally(work.refundsOwed())));
        DayReport.GiftCardExposure cards = work.giftCards();
        offline.add(new Line("Gift cards offline", tally(cards.redeemed())));
        offline.add(new Line("  of store cap", cards.storeCap().display() + " (" + cards.storeCapUsedPercent() + "%)"));
        offline.add(new Line("  cards at cap", cards.cardsAtCap() + " (cap " + cards.perCardCap().display() + ")"));
        offline.add(new Line("Loyalty receipts queued", work.loyaltyReceipts().queued() + " of "
                + work.loyaltyReceipts().issued()));
        sections.add(new Section("Offline work", offline));

        List<Line> backlog = new ArrayList<>();
        for (DayReport.Backlog each : report.backlog()) {
            backlog.add(new Line(words(each.capability().name()), each.events() == 0 ? "nothing waiting"
                    : each.events() + ", oldest " + each.oldestAge().map(DaySummary::length).orElse("?")));
        }
        sections.add(new Section("Still to reach central", backlog));

        DayReport.Exceptions exceptions = report.exceptions();
        sections.add(new Section("Exceptions", List.of(
                new Line("Opened", Long.toString(exceptions.openedTotal())),
                new Line("Resolved", Long.toString(exceptions.resolved())),
                new Line("Still open", Long.toString(exceptions.stillOpen())))));

        sections.add(new Section("Sign-off", List.of(report.signOff()
                .map(s -> new Line(s.staffId() + " at " + CLOCK.format(s.signedAt().atZone(report.zone())), s.note()))
                .orElseGet(() -> new Line("Not signed off", "")))));
        String heading = "Day report " + report.storeId() + " " + DAY.format(report.day());
        return new DaySummary(heading, sections);
    }

    /** Plain text, for the command line. */
    public String text() {
        StringBuilder out = new StringBuilder(heading).append('\n');
        for (Section section : sections) {
            out.append('\n').append(section.title()).append('\n');
            for (Line line : section.lines()) {
                out.append("  ").append(line.label());
                if (!line.value().isEmpty()) {
                    out.append(": ").append(line.value());
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String tally(DayReport.Tally tally) {
        return tally.count() + " " + tally.amount().display();
    }

    private static String method(RefundMethod method) {
        return switch (method) {
            case ORIGINAL_TENDER -> "to card";
            case DEFERRED_TO_ORIGINAL_TENDER -> "owed to card";
            case STORE_CREDIT -> "store credit";
            case CASH -> "cash";
        };
    }

    public static String length(Duration length) {
        return length.toHours() > 0 ? length.toHours() + " h " + length.toMinutesPart() + " min"
                : length.toMinutes() + " min";
    }

    public static String words(String capability) {
        String spaced = capability.replace('_', ' ');
        return spaced.charAt(0) + spaced.substring(1).toLowerCase(Locale.ROOT);
    }
}
