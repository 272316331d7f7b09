package io.holdfast.gateway.returns;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.Idempotency;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.Problem;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.returns.Channel;
import io.holdfast.returns.LineDecision;
import io.holdfast.returns.LineQuote;
import io.holdfast.returns.MadeReturn;
import io.holdfast.returns.Quote;
import io.holdfast.returns.QuoteOutcome;
import io.holdfast.returns.QuoteRequest;
import io.holdfast.returns.Reason;
import io.holdfast.returns.RefundOption;
import io.holdfast.returns.RefundPayments;
import io.holdfast.returns.ReturnCommand;
import io.holdfast.returns.ReturnOutcome;
import io.holdfast.returns.ReturnRefusal;
import io.holdfast.returns.ReturnsDesk;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * {@code /api/v1/returns}: quote what can come back and how it would be refunded now, make the
 * return, and (for staff) the refunds still owed. Kiosks and staff may quote and return; only a
 * supervisor may override, with a reason. Every decision comes with the words the customer reads.
 */
public final class ReturnsHttpService implements HttpService {

    private static final Set<Role> RETURNERS = EnumSet.of(Role.KIOSK, Role.COLLEAGUE, Role.SUPERVISOR);

    private final ReturnsDesk desk;
    private final RefundPayments payments;
    private final ReturnPrints prints;
    private final KioskLanguages languages;
    private final Access access;

    /** @param languages the customer's words: each request's in the language it asks for */
    public ReturnsHttpService(ReturnsDesk desk, RefundPayments payments, ReturnPrints prints, KioskLanguages languages,
                              Access access) {
        this.desk = desk;
        this.payments = payments;
        this.prints = prints;
        this.languages = languages;
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/quotes", this::quote)
                .post("/", this::makeReturn)
                .get("/refunds-due", this::refundsDue);
    }

    private void quote(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, RETURNERS);
        KioskText text = languages.forRequest(request);
        ReturnRequests.Body body = Json.read(request, ReturnRequests.Body.class);
        Optional<String> override = override(session, body);
        QuoteRequest quote = new QuoteRequest(ReturnRequests.purchase(body), channel(session),
                Boolean.TRUE.equals(body.giftReceipt()), override, ReturnRequests.lines(body));
        switch (desk.quote(quote)) {
            case QuoteOutcome.Quoted quoted -> Json.send(response, Status.OK_200, quoteView(quoted.quote(), text));
            case QuoteOutcome.Refused refused -> throw refusal(refused.refusal(), refused.reason(), text);
        }
    }

    private void makeReturn(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, RETURNERS);
        String key = Idempotency.requireKey(request, "each return");
        KioskText text = languages.forRequest(request);
        ReturnRequests.Body body = Json.read(request, ReturnRequests.Body.class);
        ReturnCommand command = new ReturnCommand(ReturnRequests.purchase(body), channel(session), session.principal(),
                Boolean.TRUE.equals(body.giftReceipt()), override(session, body), ReturnRequests.lines(body),
                ReturnRequests.method(body), key);
        if (command.lines().isEmpty()) {
            throw ReturnRequests.invalid("lines", "choose at least one line to return");
        }
        if (session.role() == Role.KIOSK && body.printerId() != null
                && !body.printerId().equals(ReturnPrints.ownPrinter(session))) {
            throw new ProblemException(422, "printer-not-this-kiosks", "Not this kiosk's printer",
                    "A kiosk prints on its own printer (" + ReturnPrints.ownPrinter(session) + "), not on "
                            + body.printerId() + ".");
        }
        switch (desk.make(command)) {
            case ReturnOutcome.Made made -> {
                // A replay prints again only a store-credit voucher: the card's number is on it and nowhere else.
                Optional<PrintTicket> printed = made.replayed() && made.credit().isEmpty() ? Optional.empty()
                        : prints.print(made.made(), made.credit(), session, Optional.ofNullable(body.printerId()), text);
                if (made.replayed()) {
                    Idempotency.markReplayed(response);
                }
                Json.send(response, Status.CREATED_201, madeView(made, printed, text));
            }
            case ReturnOutcome.Refused refused -> throw refusal(refused.refusal(), refused.reason(), text);
        }
    }

    private void refundsDue(ServerRequest request, ServerResponse response) {
        access.require(request, Access.STAFF);
        Json.send(response, Status.OK_200, Map.of("refunds", payments.due()));
    }

    private static Channel channel(Session session) {
        return session.role() == Role.KIOSK ? Channel.KIOSK : Channel.DESK;
    }

    private static Optional<String> override(Session session, ReturnRequests.Body body) {
        Optional<String> reason = ReturnRequests.overrideReason(body);
        if (reason.isPresent() && session.role() != Role.SUPERVISOR) {
            throw new ProblemException(403, "override-needs-supervisor", "Only a supervisor can override",
                    "An exception to the returns policy needs a supervisor signed in at the desk.");
        }
        return reason;
    }

    private static ProblemException refusal(ReturnRefusal refusal, Reason reason, KioskText text) {
        return new ProblemException(new Problem(refusal.status(), refusal.code(), title(refusal), text.render(reason),
                Map.of("reason", reason.code())));
    }

    private static String title(ReturnRefusal refusal) {
        return switch (refusal) {
            case RECEIPT_NOT_FOUND -> "No such receipt";
            case ORDER_NOT_FOUND -> "No such order";
            case E_RECEIPT_REFUSED -> "This e-receipt cannot be used";
            case NOT_RETURNABLE -> "This cannot be returned as asked";
            case METHOD_NOT_OPEN -> "That refund method is not open";
            case COLLEAGUE_NEEDED -> "Please see a colleague";
            case IDEMPOTENCY_KEY_REUSED -> "Idempotency-Key already used";
        };
    }

    private static Map<String, Object> quoteView(Quote quote, KioskText text) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("purchaseId", quote.purchaseId());
        view.put("kind", quote.kind());
        view.put("purchasedAt", quote.purchasedAt());
        view.put("policyVersion", quote.policyVersion());
        view.put("refundsOnline", quote.refundsOnline());
        view.put("lines", quote.lines().stream().map(line -> lineView(line, text)).toList());
        view.put("refundAmount", quote.refundAmount());
        view.put("options", quote.options().stream().map(option -> optionView(option, text)).toList());
        quote.selectionProblem().ifPresent(problem -> view.put("selectionProblem", reasonView(problem, text)));
        if (!quote.refundsOnline()) {
            view.put("notice", text.text("kiosk.notice.refunds-offline", Map.of()));
        }
        return view;
    }

    private static Map<String, Object> lineView(LineQuote line, KioskText text) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lineNumber", line.lineNumber());
        view.put("sku", line.sku());
        view.put("description", line.description());
        view.put("category", line.category());
        view.put("bought", line.bought());
        view.put("alreadyReturned", line.alreadyReturned());
        view.put("unitPrice", line.unitPrice());
        switch (line.decision()) {
            case LineDecision.Returnable returnable -> {
                view.put("returnable", returnable.quantity());
                view.put("questions", returnable.questions().stream().map(id -> Map.of("id", id,
                        "text", text.text("question." + id, Map.of()))).toList());
            }
            case LineDecision.NotReturnable ignored -> {
                view.put("returnable", 0);
                view.put("questions", List.of());
            }
        }
        view.put("decision", reasonView(line.decision().reason(), text));
        return view;
    }

    private static Map<String, Object> optionView(RefundOption option, KioskText text) {
        return Map.of("method", option.method(), "availability", option.availability(),
                "label", text.text("method." + option.method(),
                        Map.of("tender", text.originalPayment())),
                "reason", reasonView(option.reason(), text));
    }

    private static Map<String, Object> reasonView(Reason reason, KioskText text) {
        return Map.of("code", reason.code(), "text", text.render(reason));
    }

    private static Map<String, Object> madeView(ReturnOutcome.Made made, Optional<PrintTicket> printed,
                                                KioskText text) {
        MadeReturn r = made.made();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("returnId", r.returnId());
        view.put("purchaseId", r.purchaseId());
        view.put("returnedAt", r.returnedAt());
        view.put("lines", r.lines());
        view.put("refundMethod", r.method());
        view.put("amount", r.amount());
        view.put("offline", r.offline());
        r.refund().ifPresent(refund -> view.put("refund", refund));
        r.overrideReason().ifPresent(reason -> view.put("overrideReason", reason));
        // The card's number and PIN are on the printed voucher only: the screen shows the last four digits.
        r.creditLastFour().ifPresent(lastFour -> view.put("storeCredit", Map.of("lastFour", lastFour,
                "amount", r.amount())));
        view.put("message", text.outcome(r));
        printed.ifPresent(ticket -> view.put("receipt", ticket));
        view.put("replayed", made.replayed());
        return view;
    }
}
