package io.holdfast.returns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.holdfast.audit.AuditLog;
import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.mode.Capability;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Pays refunds to the original tender through central, each exactly once. A refund is written DUE
 * with its return; paying asks central under the refund's own id, which central treats as an
 * idempotency key, and only then marks it PAID with a {@code REFUNDS} event. A crash between
 * central paying and the store marking leaves it DUE; the next run asks again under the same id
 * and central answers "already paid", so the customer is paid once. Declined refunds go to the manager.
 *
 * <p>Each refund is paid under a lock of its own (never one lock around every HTTP call, which kept
 * every refund waiting behind the slowest and pinned its carrier thread), and one central does not
 * answer for is tried again after a delay of its own that doubles each time; a run stops early only
 * when the breaker refuses without asking central, when no other refund would get through either.
 */
public final class RefundPayments {

    static final String PAID_EVENT = "refund.paid";
    /** The first wait after central did not answer for a refund; it doubles with each try, up to {@link #LONGEST_WAIT}. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
    private static final int LOCK_STRIPES = 64;
    private static final String DUE = """
            SELECT refund_id, return_id, amount_minor, currency, tender_reference, created_at, attempts, last_error
            FROM refunds WHERE state = 'DUE'""";

    /** A refund still owed, for the manager's list. */
    public record Due(String refundId, String returnId, Money amount, String tenderReference, Instant since,
                      int attempts, Optional<String> lastError) {
    }

    /** What one run over the due refunds did. */
    public record Run(int paid, int declined, int stillDue, Optional<String> stoppedBecause) {
    }

    private final Database database;
    private final Outbox outbox;
    private final CentralRefunds central;
    private final Clock clock;
    private final ReentrantLock[] refundLocks = new ReentrantLock[LOCK_STRIPES];
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    public RefundPayments(Database database, Outbox outbox, CentralRefunds central, Clock clock) {
        for (int i = 0; i < LOCK_STRIPES; i++) {
            refundLocks[i] = new ReentrantLock();
        }
        this.database = database;
        this.outbox = outbox;
        this.central = central;
        this.clock = clock;
    }

    /** Asks central to pay one refund, unless it is already settled; answers where it stands after. */
    public RefundStatus pay(String refundId) {
        return attempt(refundId).status();
    }

    /** Where a refund stands after a try, and central's answer when it was asked. */
    private record Attempt(RefundStatus status, Optional<CentralRefunds.Answer> answer) {
    }

    private Attempt attempt(String refundId) {
        ReentrantLock lock = refundLocks[Math.floorMod(refundId.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            Optional<Due> due = database.read("read refund " + refundId, connection -> due(connection, refundId));
            if (due.isEmpty()) {
                return new Attempt(status(refundId), Optional.empty());
            }
            Due refund = due.get();
            CentralRefunds.Answer answer = central.pay(new CentralRefunds.Instruction(refund.refundId(),
                    refund.returnId(), refund.amount(), refund.tenderReference()));
            Instant now = clock.instant();
            database.inTransaction("settle refund " + refundId, connection -> {
                switch (answer) {
                    case CentralRefunds.Answer.Paid paid -> markPaid(connection, refund, paid.reference(), now);
                    case CentralRefunds.Answer.Declined declined ->
                            markDeclined(connection, refund, declined.reason(), now);
                    case CentralRefunds.Answer.Unavailable unavailable ->
                            noteAttempt(connection, refund, unavailable.reason());
                }
                return null;
            });
            if (answer instanceof CentralRefunds.Answer.Unavailable) {
                notBefore.put(refundId, now.plus(wait(refund.attempts() + 1)));
            } else {
                notBefore.remove(refundId);
            }
            return new Attempt(status(refundId), Optional.of(answer));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pays what is due, oldest first, each refund whose wait is over. A refund central does not
     * answer for waits its turn again; the run stops only when the breaker refuses without asking.
     */
    public Run payDue(int atMost) {
        List<String> ids = database.read("list due refunds", connection -> dueIds(connection, atMost));
        int paid = 0;
        int declined = 0;
        Instant now = clock.instant();
        for (String id : ids) {
            if (notBefore.getOrDefault(id, Instant.MIN).isAfter(now)) {
                continue;
            }
            Attempt attempt = attempt(id);
            switch (attempt.status().state()) {
                case PAID -> paid++;
                case DECLINED -> declined++;
                case DUE -> {
                    if (attempt.answer().orElse(null) instanceof CentralRefunds.Answer.Unavailable unavailable
                            && !unavailable.centralAsked()) {
                        return new Run(paid, declined, dueCount(), Optional.of("central was not asked: "
                                + unavailable.reason()));
                    }
                }
            }
        }
        return new Run(paid, declined, dueCount(), Optional.empty());
    }

    /** Every refund may be tried at once again: REFUNDS has just come back online. */
    public void retryAllNow() {
        notBefore.clear();
    }

    /** How long a refund waits after its {@code tries}-th unanswered try. */
    static Duration wait(int tries) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(Math.max(tries - 1, 0), 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    public RefundStatus status(String refundId) {
        return database.read("read refund " + refundId, connection -> status(connection, refundId));
    }

    /** Where a refund stands, in the caller's transaction. */
    static RefundStatus status(Connection connection, String refundId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, central_reference FROM refunds WHERE refund_id = ?")) {
            select.setString(1, refundId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("there is no refund " + refundId);
                }
                return new RefundStatus(refundId, RefundStatus.State.valueOf(row.getString(1)),
                        Optional.ofNullable(row.getString(2)));
            }
        }
    }

    /** Refunds still owed, oldest first: what the manager sees until REFUNDS is back. */
    public List<Due> due() {
        return database.read("list due refunds", connection -> {
            try (PreparedStatement select = connection.prepareStatement(DUE + " ORDER BY created_at, refund_id")) {
                List<Due> due = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        due.add(due(row));
                    }
                }
                return due;
            }
        });
    }

    /** How many refunds are owed, how much, and since when: for the status page, in one query. */
    public record Owed(int count, Optional<Instant> oldest, List<Money> totals) {
    }

    public Owed owed() {
        return database.read("sum due refunds", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT currency, count(*), sum(amount_minor), min(created_at) FROM refunds WHERE state = 'DUE'
                    GROUP BY currency ORDER BY currency""");
                 ResultSet row = select.executeQuery()) {
                int count = 0;
                Optional<Instant> oldest = Optional.empty();
                List<Money> totals = new ArrayList<>();
                while (row.next()) {
                    count += row.getInt(2);
                    totals.add(Money.of(row.getLong(3), row.getString(1)));
                    Instant since = Instant.parse(row.getString(4));
                    oldest = oldest.filter(o -> o.isBefore(since)).or(() -> Optional.of(since));
                }
                return new Owed(count, oldest, totals);
            }
        });
    }

    public int dueCount() {
        return Math.toIntExact(database.readLong("count due refunds", "SELECT count(*) FROM refunds WHERE state = 'DUE'"));
    }

    /** Writes a refund owed for a return, in the caller's transaction. */
    static RefundStatus owe(Connection transaction, String refundId, String returnId, Money amount,
                            String tenderReference, Instant now) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO refunds (refund_id, return_id, amount_minor, currency, tender_reference, state, created_at)
                VALUES (?, ?, ?, ?, ?, 'DUE', ?)""")) {
            insert.setString(1, refundId);
            insert.setString(2, returnId);
            insert.setLong(3, amount.amount());
            insert.setString(4, amount.currency().getCurrencyCode());
            insert.setString(5, tenderReference);
            insert.setString(6, Timestamps.format(now));
            insert.executeUpdate();
        }
        return new RefundStatus(refundId, RefundStatus.State.DUE, Optional.empty());
    }

    private void markPaid(Connection connection, Due refund, String reference, Instant now) throws SQLException {
        if (settle(connection, refund, "PAID", Optional.of(reference), Optional.empty(), now) == 0) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("refundId", refund.refundId());
        payload.put("returnId", refund.returnId());
        payload.put("amount", Map.of("amount", refund.amount().amount(),
                "currency", refund.amount().currency().getCurrencyCode()));
        payload.put("tender", refund.tenderReference());
        payload.put("centralReference", reference);
        payload.put("paidAt", now.toString());
        outbox.append(connection, new OutboxEvent("refund-paid-" + refund.refundId(), Capability.REFUNDS, PAID_EVENT,
                refund.returnId(), now, CoreJson.write(payload)));
        AuditLog.append(connection, now, "gateway", "refund.paid", refund.refundId(), payload);
    }

    private static void markDeclined(Connection connection, Due refund, String reason, Instant now)
            throws SQLException {
        if (settle(connection, refund, "DECLINED", Optional.empty(), Optional.of(reason), now) == 0) {
            return;
        }
        ManagerExceptions.raise(connection, ExceptionKind.REFUND_DECLINED, refund.returnId(), "Head office declined"
                + " refund " + refund.refundId() + " of " + refund.amount() + " to " + refund.tenderReference() + ": "
                + reason + ". Contact the customer and refund them another way.", now);
        AuditLog.append(connection, now, "gateway", "refund.declined", refund.refundId(), Map.of("reason", reason));
    }

    private static int settle(Connection connection, Due refund, String state, Optional<String> reference,
                              Optional<String> error, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE refunds SET state = ?, settled_at = ?, central_reference = ?, last_error = ?,
                    attempts = attempts + 1
                WHERE refund_id = ? AND state = 'DUE'""")) {
            update.setString(1, state);
            update.setString(2, Timestamps.format(now));
            update.setString(3, reference.orElse(null));
            update.setString(4, error.orElse(null));
            update.setString(5, refund.refundId());
            return update.executeUpdate();
        }
    }

    private static void noteAttempt(Connection connection, Due refund, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE refunds SET attempts = attempts + 1, last_error = ? WHERE refund_id = ? AND state = 'DUE'")) {
            update.setString(1, error);
            update.setString(2, refund.refundId());
            update.executeUpdate();
        }
    }

    private static List<String> dueIds(Connection connection, int atMost) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT refund_id FROM refunds WHERE state = 'DUE' ORDER BY created_at, refund_id LIMIT ?")) {
            select.setInt(1, atMost);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        }
    }

    private static Optional<Due> due(Connection connection, String refundId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(DUE + " AND refund_id = ?")) {
            select.setString(1, refundId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(due(row)) : Optional.empty();
            }
        }
    }

    private static Due due(ResultSet row) throws SQLException {
        return new Due(row.getString(1), row.getString(2), Money.of(row.getLong(3), row.getString(4)),
                row.getString(5), Instant.parse(row.getString(6)), row.getInt(7), Optional.ofNullable(row.getString(8)));
    }
}
