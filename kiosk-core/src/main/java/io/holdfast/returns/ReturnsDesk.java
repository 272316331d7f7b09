package io.holdfast.returns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.budget.OfflineBudgets;
import io.holdfast.giftcard.StoreCredit;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;
import io.holdfast.store.IdempotentRequests;

/**
 * Returns at the kiosk and the desk: quote what can come back and how it would be refunded now,
 * then make the return. One transaction writes the return, its lines (which the next quote counts,
 * so nothing comes back twice), the refund decision (a refund owed, store credit issued, or cash),
 * their outbox events, the audit entry and the idempotency record. A refund to the original tender
 * while REFUNDS is online is paid right after the commit; if central does not answer it stays due.
 */
public final class ReturnsDesk {

    static final String SCOPE = "return";
    public static final String RETURN_EVENT = "return.recorded";

    private final Database database;
    private final Outbox outbox;
    private final ReturnsPolicies policies;
    private final ModeBoard board;
    private final PurchaseFinder purchases;
    private final Optional<StoreCredit> storeCredit;
    private final RefundPayments payments;
    private final OfflineBudgets budgets;
    private final Clock clock;
    private final ZoneId zone;

    public ReturnsDesk(Database database, Outbox outbox, ReturnsPolicies policies, ModeBoard board,
                       PurchaseFinder purchases, Optional<StoreCredit> storeCredit, RefundPayments payments,
                       OfflineBudgets budgets, Clock clock, ZoneId zone) {
        this.budgets = budgets;
        this.database = database;
        this.outbox = outbox;
        this.policies = policies;
        this.board = board;
        this.purchases = purchases;
        this.storeCredit = storeCredit;
        this.payments = payments;
        this.clock = clock;
        this.zone = zone;
    }

    public QuoteOutcome quote(QuoteRequest request) {
        return switch (purchases.find(request.purchase())) {
            case PurchaseFinder.Found found -> {
                int offlineLimit = offlineLimitPercent();
                yield new QuoteOutcome.Quoted(database.read("quote a return of " + found.purchase().id(),
                        connection -> quote(connection, found.purchase(), request, offlineLimit)));
            }
            case PurchaseFinder.NotFound missing -> new QuoteOutcome.Refused(missing.refusal(), missing.reason());
        };
    }

    public ReturnOutcome make(ReturnCommand command) {
        IdempotentRequests.Request request = IdempotentRequests.Request.of(SCOPE, command.actor(), command.idempotencyKey(),
                command.canonical());
        Optional<ReturnOutcome> replay = database.read("look up idempotency key", c -> replay(c, request));
        if (replay.isPresent()) {
            return replay.get();
        }
        Purchase purchase;
        switch (purchases.find(command.purchase())) {
            case PurchaseFinder.Found found -> purchase = found.purchase();
            case PurchaseFinder.NotFound missing -> {
                return new ReturnOutcome.Refused(missing.refusal(), missing.reason());
            }
        }
        int offlineLimit = offlineLimitPercent();
        ReturnOutcome outcome = database.inTransaction("return against " + purchase.id(), connection -> {
            Optional<ReturnOutcome> raced = replay(connection, request);
            if (raced.isPresent()) {
                return raced.get();
            }
            return record(connection, purchase, command, request, offlineLimit);
        });
        if (outcome instanceof ReturnOutcome.Made made && made.made().method() == RefundMethod.ORIGINAL_TENDER) {
            RefundStatus status = payments.pay(made.made().refund().orElseThrow().refundId());
            return new ReturnOutcome.Made(made.made().withRefund(status), made.credit(), false);
        }
        return outcome;
    }

    /** What the offline budget leaves of the offline refund limits, in percent: 100 while REFUNDS is online. */
    private int offlineLimitPercent() {
        return refundsOnline() ? 100 : budgets.standing(Capability.REFUNDS).limitPercent();
    }

    private Quote quote(Connection connection, Purchase purchase, QuoteRequest request, int offlineLimit)
            throws SQLException {
        ReturnsPolicy policy = policies.inForce();
        boolean online = refundsOnline();
        ReturnRules.Context context = new ReturnRules.Context(request.giftReceipt(),
                request.overrideReason().isPresent(), clock.instant(), zone);
        List<LineQuote> lines = ReturnRules.quote(policy, purchase, returnedSoFar(connection, purchase.id()), context);
        // Only what the customer chose is priced: nothing chosen is a refund of nothing, and says so.
        Optional<Reason> problem = ReturnRules.check(lines, request.selection());
        Money amount = value(lines, request.selection(), purchase);
        Exposure exposure = exposure(connection, purchase.customerKey(), amount);
        RefundRules.Situation situation = new RefundRules.Situation(online, request.channel(), request.giftReceipt(),
                request.overrideReason().isPresent(), storeCredit.isPresent(), offlineLimit);
        List<RefundOption> options = amount.amount() == 0 ? List.of()
                : RefundRules.options(policy, situation, purchase, amount, exposure);
        return new Quote(purchase.id(), purchase.kind(), purchase.purchasedAt(), policy.version(), online, lines, amount,
                options, exposure, problem);
    }

    private ReturnOutcome record(Connection connection, Purchase purchase, ReturnCommand command,
                                 IdempotentRequests.Request request, int offlineLimit) throws SQLException {
        Quote quote = quote(connection, purchase, command.asQuote(), offlineLimit);
        if (quote.selectionProblem().isPresent()) {
            Reason why = quote.selectionProblem().get();
            return new ReturnOutcome.Refused(why.code().equals("return.condition-failed")
                    ? ReturnRefusal.COLLEAGUE_NEEDED : ReturnRefusal.NOT_RETURNABLE, why);
        }
        RefundOption option = quote.option(command.method()).orElseThrow();
        switch (option.availability()) {
            case ASK_COLLEAGUE -> {
                return new ReturnOutcome.Refused(ReturnRefusal.COLLEAGUE_NEEDED, option.reason());
            }
            case CLOSED -> {
                return new ReturnOutcome.Refused(ReturnRefusal.METHOD_NOT_OPEN, option.reason());
            }
            case OPEN -> {
                // go on
            }
        }
        Instant now = clock.instant();
        String returnId = "RET-" + UUID.randomUUID();
        List<MadeReturn.ReturnedLine> lines = returnedLines(purchase, command.lines());
        Optional<RefundStatus> refund = Optional.empty();
        Optional<StoreCredit.Issued> credit = Optional.empty();
        insertReturn(connection, returnId, purchase, command, quote, now, lines);
        switch (command.method()) {
            case ORIGINAL_TENDER, DEFERRED_TO_ORIGINAL_TENDER -> refund = Optional.of(RefundPayments.owe(connection,
                    "RF-" + returnId.substring(4), returnId, quote.refundAmount(),
                    purchase.originalTender().orElseThrow().reference(), now));
            case STORE_CREDIT -> credit = Optional.of(storeCredit.orElseThrow().issue(connection, outbox,
                    quote.refundAmount(), returnId, now));
            case CASH -> {
                // The colleague pays from the till; the return event and the audit entry record it.
            }
        }
        MadeReturn made = new MadeReturn(returnId, purchase.id(), purchase.kind(), command.channel(), command.actor(),
                now, lines, command.method(), quote.refundAmount(), !quote.refundsOnline(), command.overrideReason(),
                refund, credit.map(StoreCredit.Issued::lastFour));
        Map<String, Object> payload = eventPayload(made);
        outbox.append(connection, new OutboxEvent(returnId, Capability.REFUNDS, RETURN_EVENT, returnId, now,
                CoreJson.write(payload)));
        AuditLog.append(connection, now, command.actor(), command.overrideReason().isPresent()
                ? "return.made-by-override" : "return.made", returnId, payload);
        IdempotentRequests.remember(connection, request, CoreJson.write(made), now);
        return new ReturnOutcome.Made(made, credit, false);
    }

    private boolean refundsOnline() {
        return board.status(Capability.REFUNDS).state() == CapabilityState.ONLINE;
    }

    /** A return asked for again is answered as first made; store credit comes with its card again, to print. */
    private Optional<ReturnOutcome> replay(Connection connection, IdempotentRequests.Request request)
            throws SQLException {
        Optional<IdempotentRequests.Previous> previous = IdempotentRequests.find(connection, request);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (previous.get()) {
            case IdempotentRequests.Previous.Same same -> {
                MadeReturn made = CoreJson.read(same.outcomeJson(), MadeReturn.class);
                Optional<StoreCredit.Issued> credit = made.creditLastFour().isEmpty() ? Optional.empty()
                        : storeCredit.map(issuer -> issuer.reissue(made.returnId(), made.amount()));
                yield new ReturnOutcome.Made(made.refund().isEmpty() ? made
                        : made.withRefund(RefundPayments.status(connection, made.refund().get().refundId())),
                        credit, true);
            }
            case IdempotentRequests.Previous.Different different -> new ReturnOutcome.Refused(
                    ReturnRefusal.IDEMPOTENCY_KEY_REUSED, Reason.of("return.key-reused"));
        });
    }

    private static Map<Integer, Integer> returnedSoFar(Connection connection, String purchaseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT line_no, sum(quantity) FROM return_lines WHERE purchase_id = ? GROUP BY line_no")) {
            select.setString(1, purchaseId);
            Map<Integer, Integer> returned = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    returned.put(row.getInt(1), row.getInt(2));
                }
            }
            return returned;
        }
    }

    /** Offline refunds today that central must honour later: store credit and deferred refunds. */
    private Exposure exposure(Connection connection, String customerKey, Money amount) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        String from = Timestamps.format(today.atStartOfDay(zone).toInstant());
        String to = Timestamps.format(today.plusDays(1).atStartOfDay(zone).toInstant());
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT coalesce(sum(amount_minor), 0), coalesce(sum(CASE WHEN customer_key = ? THEN amount_minor END), 0)
                FROM returns
                WHERE offline = 1 AND refund_method IN ('STORE_CREDIT', 'DEFERRED_TO_ORIGINAL_TENDER')
                  AND returned_at >= ? AND returned_at < ? AND currency = ?""")) {
            select.setString(1, customerKey);
            select.setString(2, from);
            select.setString(3, to);
            select.setString(4, amount.currency().getCurrencyCode());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Exposure(new Money(row.getLong(1), amount.currency()), new Money(row.getLong(2), amount.currency()));
            }
        }
    }

    /** Offline refund exposure today, for the status page. */
    public Money exposureToday(String currency) {
        return database.read("read today's refund exposure",
                connection -> exposure(connection, "", Money.of(0, currency)).storeToday());
    }

    public ReturnsPolicy policy() {
        return policies.inForce();
    }

    private static Money value(List<LineQuote> lines, List<ReturnLineRequest> selection, Purchase purchase) {
        Money total = zero(purchase);
        for (ReturnLineRequest asked : selection) {
            Optional<LineQuote> line = lines.stream().filter(q -> q.lineNumber() == asked.lineNumber()).findFirst();
            if (line.isPresent()) {
                total = total.plus(line.get().unitPrice().times(asked.quantity()));
            }
        }
        return total;
    }

    private static Money zero(Purchase purchase) {
        return purchase.lines().isEmpty() ? Money.of(0, "GBP") : Money.zero(purchase.lines().get(0).unitPrice().currency());
    }

    private static List<MadeReturn.ReturnedLine> returnedLines(Purchase purchase, List<ReturnLineRequest> asked) {
        List<MadeReturn.ReturnedLine> lines = new ArrayList<>();
        for (ReturnLineRequest request : asked) {
            PurchasedLine line = purchase.line(request.lineNumber()).orElseThrow();
            lines.add(new MadeReturn.ReturnedLine(line.lineNumber(), line.sku(), line.description(), request.quantity(),
                    line.unitPrice().times(request.quantity()), request.reason()));
        }
        return lines;
    }

    private static void insertReturn(Connection connection, String returnId, Purchase purchase, ReturnCommand command,
                                     Quote quote, Instant now, List<MadeReturn.ReturnedLine> lines) throws SQLException {
        try (PreparedStatement header = connection.prepareStatement("""
                INSERT INTO returns (return_id, purchase_id, purchase_kind, channel, actor, returned_at, refund_method,
                    amount_minor, currency, offline, customer_key, override_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
             PreparedStatement line = connection.prepareStatement("""
                INSERT INTO return_lines (return_id, purchase_id, line_no, sku, quantity, amount_minor, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            header.setString(1, returnId);
            header.setString(2, purchase.id());
            header.setString(3, purchase.kind().name());
            header.setString(4, command.channel().name());
            header.setString(5, command.actor());
            header.setString(6, Timestamps.format(now));
            header.setString(7, command.method().name());
            header.setLong(8, quote.refundAmount().amount());
            header.setString(9, quote.refundAmount().currency().getCurrencyCode());
            header.setInt(10, quote.refundsOnline() ? 0 : 1);
            header.setString(11, purchase.customerKey());
            header.setString(12, command.overrideReason().orElse(null));
            header.executeUpdate();
            for (MadeReturn.ReturnedLine returned : lines) {
                line.setString(1, returnId);
                line.setString(2, purchase.id());
                line.setInt(3, returned.lineNumber());
                line.setString(4, returned.sku());
                line.setInt(5, returned.quantity());
                line.setLong(6, returned.amount().amount());
                line.setString(7, returned.reason());
                line.addBatch();
            }
            line.executeBatch();
        }
    }

    private static Map<String, Object> eventPayload(MadeReturn made) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("returnId", made.returnId());
        payload.put("purchaseId", made.purchaseId());
        payload.put("purchaseKind", made.kind().name());
        payload.put("channel", made.channel().name());
        payload.put("actor", made.actor());
        payload.put("returnedAt", made.returnedAt().toString());
        payload.put("restock", made.lines().stream().map(line -> Map.of("lineNumber", line.lineNumber(),
                "sku", line.sku(), "quantity", line.quantity(), "amount", line.amount().amount(),
                "reason", line.reason())).toList());
        payload.put("refundMethod", made.method().name());
        payload.put("amount", Map.of("amount", made.amount().amount(),
                "currency", made.amount().currency().getCurrencyCode()));
        payload.put("offline", made.offline());
        made.refund().ifPresent(refund -> payload.put("refundId", refund.refundId()));
        made.creditLastFour().ifPresent(lastFour -> payload.put("storeCreditLastFour", lastFour));
        made.overrideReason().ifPresent(reason -> payload.put("overrideReason", reason));
        return payload;
    }
}
