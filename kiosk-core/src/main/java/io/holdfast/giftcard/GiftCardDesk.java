package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.holdfast.audit.AuditLog;
import io.holdfast.budget.BudgetStanding;
import io.holdfast.budget.OfflineBudgets;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.money.Money;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.store.IdempotentRequests;
import io.holdfast.store.Timestamps;

/**
 * Gift-card balance checks and redemptions at the desk, the kiosk and the tills. While
 * {@code GIFT_CARDS} is online central decides and the store's copy follows its answer; when central
 * cannot answer the store decides by {@link OfflineRedemptionRules} from its copy. Redemptions on one
 * card are taken one at a time, and each is written with its outbox event in one transaction, so
 * two tills cannot overspend a card here and central hears of every redemption exactly once.
 */
public final class GiftCardDesk {

    static final String SCOPE = "giftcard-redemption";
    public static final String REDEEMED_EVENT = "giftcard.redeemed";
    public static final String VOIDED_EVENT = "giftcard.voided";
    /**
     * Central did not answer an authorisation the store then did not record (declined, or refused):
     * central gives back what it took under the redemption id, if it took anything, and never takes
     * under that id again.
     */
    public static final String REVERSAL_EVENT = "giftcard.reversal-requested";
    /** The decline when gift cards have been offline for their whole budget. */
    public static final String OFFLINE_BUDGET_SPENT = "offline-budget-spent";
    /** The prefix of a redemption event's key; central's verdict comes back under it. */
    static final String REDEEMED_KEY = "gcr-";
    private static final int LOCK_STRIPES = 256;
    /** More than a redemption's event payload takes (about 400 bytes): what must fit before central is asked. */
    private static final int EVENT_PAYLOAD_BYTES = 1024;
    private static final String PIN_REQUIRED_TEXT = "This card has a PIN: ask the customer to enter it.";

    private final Database database;
    private final Outbox outbox;
    private final GiftCardPolicies policies;
    private final ModeBoard board;
    private final OfflineBudgets budgets;
    private final CentralGiftCards central;
    private final CardFingerprinter fingerprinter;
    private final Clock clock;
    private final ZoneId zone;
    private final ReentrantLock[] cardLocks = new ReentrantLock[LOCK_STRIPES];

    public GiftCardDesk(Database database, Outbox outbox, GiftCardPolicies policies, ModeBoard board,
                        OfflineBudgets budgets, CentralGiftCards central, CardFingerprinter fingerprinter, Clock clock,
                        ZoneId zone) {
        this.database = database;
        this.outbox = outbox;
        this.policies = policies;
        this.board = board;
        this.budgets = budgets;
        this.central = central;
        this.fingerprinter = fingerprinter;
        this.clock = clock;
        this.zone = zone;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            cardLocks[i] = new ReentrantLock();
        }
    }

    /**
     * The card's balance. Checks on one card are taken one at a time, so the PIN lock is tested and
     * a wrong PIN counted in one step: parallel guesses cannot all pass the lock before any is counted.
     */
    public BalanceOutcome checkBalance(CardNumber card, Optional<CardPin> pin) {
        CardFingerprint fingerprint = fingerprinter.fingerprint(card);
        ReentrantLock lock = lockFor(fingerprint);
        lock.lock();
        try {
            return checkBalance(card, fingerprint, pin);
        } finally {
            lock.unlock();
        }
    }

    private BalanceOutcome checkBalance(CardNumber card, CardFingerprint fingerprint, Optional<CardPin> pin) {
        if (online()) {
            Optional<Instant> locked = lockedUntil(fingerprint);
            if (locked.isPresent()) {
                return new BalanceOutcome.Refused(GiftCardRefusal.CARD_LOCKED, lockedText(locked.get()));
            }
            switch (central.balance(card, pin)) {
                case CentralGiftCards.Known known -> {
                    return database.inTransaction("note central's balance of " + card, connection -> {
                        follow(connection, fingerprint, card, known.balance(), known.asOf());
                        PinAttempts.reset(connection, fingerprint);
                        return new BalanceOutcome.Known(known.lastFour(), known.balance(), known.asOf(), true,
                                false);
                    });
                }
                case CentralGiftCards.PinWrong wrong -> {
                    return pin.isEmpty() ? new BalanceOutcome.Refused(GiftCardRefusal.PIN_REQUIRED, PIN_REQUIRED_TEXT)
                            : new BalanceOutcome.Refused(GiftCardRefusal.PIN_WRONG, wrongPin(fingerprint));
                }
                case CentralGiftCards.NotFound missing -> {
                    return new BalanceOutcome.Refused(GiftCardRefusal.CARD_NOT_FOUND, "Head office knows no such card.");
                }
                case CentralGiftCards.Unavailable unavailable -> {
                    // Central did not answer: the store's copy answers instead.
                }
            }
        }
        // One read answers offline: the PIN lock, the card, the PIN and what this store spent on it.
        OfflineCheck offline = database.read("check " + card + " from the store's copy", connection -> {
            Optional<GiftCardBalance> known = SqliteGiftCardBalances.find(connection, fingerprint);
            return new OfflineCheck(PinAttempts.state(connection, fingerprint, clock.instant()), known,
                    known.map(k -> pinResult(k, card, pin)).orElse(PinResult.FINE),
                    known.isEmpty() ? Optional.empty() : Optional.of(available(connection, known.get())));
        });
        if (offline.pinState().lockedUntil().isPresent()) {
            return new BalanceOutcome.Refused(GiftCardRefusal.CARD_LOCKED,
                    lockedText(offline.pinState().lockedUntil().get()));
        }
        if (offline.known().isEmpty()) {
            return new BalanceOutcome.Refused(GiftCardRefusal.CARD_NOT_FOUND,
                    "This card is not in the store's copy of balances, and head office cannot be asked now.");
        }
        switch (offline.pin()) {
            case REQUIRED -> {
                return new BalanceOutcome.Refused(GiftCardRefusal.PIN_REQUIRED, PIN_REQUIRED_TEXT);
            }
            case WRONG -> {
                return new BalanceOutcome.Refused(GiftCardRefusal.PIN_WRONG, wrongPin(fingerprint));
            }
            case FINE -> {
                if (offline.pinState().failures() > 0) {
                    database.inTransaction("forget wrong PINs", connection -> {
                        PinAttempts.reset(connection, fingerprint);
                        return null;
                    });
                }
            }
        }
        GiftCardBalance balance = offline.known().get();
        return new BalanceOutcome.Known(balance.lastFour(), offline.available().orElseThrow(), balance.asOf(), false,
                balance.blocked());
    }

    private enum PinResult { FINE, REQUIRED, WRONG }

    /** A decline or refusal kept for its key after central was told to give back what it may have taken. */
    record UnrecordedOutcome(String code, String message, Money couldApprove, Redemption.Mode mode,
                             GiftCardRefusal refusal, String detail) {
        RedemptionOutcome outcome() {
            return refusal != null ? new RedemptionOutcome.Refused(refusal, detail)
                    : new RedemptionOutcome.Declined(code, message, couldApprove, mode);
        }
    }

    private record OfflineCheck(PinAttempts.State pinState, Optional<GiftCardBalance> known, PinResult pin,
                                Optional<Money> available) {
    }

    /** What a redemption must know before it asks anyone: a replay, or a PIN lock. */
    private record Before(Optional<RedemptionOutcome> replay, Optional<Instant> locked) {
    }

    private Optional<Instant> lockedUntil(CardFingerprint card) {
        return database.read("check a PIN lock",
                connection -> PinAttempts.state(connection, card, clock.instant()).lockedUntil());
    }

    public RedemptionOutcome redeem(RedeemCommand command) {
        GiftCardPolicy policy = policies.inForce();
        Optional<String> amountProblem = amountProblem(policy, command.amount());
        if (amountProblem.isPresent()) {
            return new RedemptionOutcome.Refused(GiftCardRefusal.AMOUNT_INVALID, amountProblem.get());
        }
        CardFingerprint card = fingerprinter.fingerprint(command.card());
        IdempotentRequests.Request request = IdempotentRequests.Request.of(SCOPE, command.actor(), command.idempotencyKey(),
                command.canonical(card));
        ReentrantLock lock = lockFor(card);
        lock.lock();
        try {
            Before before = database.read("look up idempotency key and PIN lock", connection -> new Before(
                    replay(connection, request), PinAttempts.state(connection, card, clock.instant()).lockedUntil()));
            if (before.replay().isPresent()) {
                return before.replay().get();
            }
            if (before.locked().isPresent()) {
                return new RedemptionOutcome.Refused(GiftCardRefusal.CARD_LOCKED, lockedText(before.locked().get()));
            }
            // The same id on every retry of this request, so central, which dedups by it, takes the money once.
            String redemptionId = request.derivedId("GCR-");
            boolean maybeTaken = false;
            outbox.requireRoom(EVENT_PAYLOAD_BYTES);
            if (online()) {
                CentralGiftCards.AuthorisationAnswer answer = central.authorise(new CentralGiftCards.Authorisation(
                        redemptionId, command.card(), command.pin(), command.amount(), command.capture()));
                switch (answer) {
                    case CentralGiftCards.Approved approved -> {
                        return database.inTransaction("record redemption " + redemptionId, connection ->
                                recordOnline(connection, redemptionId, card, command, approved, request));
                    }
                    case CentralGiftCards.Declined declined -> {
                        return new RedemptionOutcome.Declined(declined.code(), declined.message(),
                                smallest(declined.balance(), command.amount()), Redemption.Mode.ONLINE);
                    }
                    case CentralGiftCards.PinWrong wrong -> {
                        return command.pin().isEmpty()
                                ? new RedemptionOutcome.Refused(GiftCardRefusal.PIN_REQUIRED, PIN_REQUIRED_TEXT)
                                : new RedemptionOutcome.Refused(GiftCardRefusal.PIN_WRONG, wrongPin(card));
                    }
                    case CentralGiftCards.NotFound missing -> {
                        return new RedemptionOutcome.Refused(GiftCardRefusal.CARD_NOT_FOUND,
                                "Head office knows no such card.");
                    }
                    case CentralGiftCards.Unavailable unavailable -> {
                        // Central did not answer: the store decides within its offline limits. If
                        // central did take it, the redemption id makes the offline record the same one;
                        // if the store does not record it, central is told to give it back.
                        maybeTaken = unavailable.centralAsked();
                    }
                }
            }
            boolean reverseUnlessRecorded = maybeTaken;
            BudgetStanding standing = budgets.standing(Capability.GIFT_CARDS);
            return database.inTransaction("redeem offline " + redemptionId, connection -> {
                RedemptionOutcome outcome = redeemOffline(connection, redemptionId, card, command, policy, standing,
                        request);
                if (reverseUnlessRecorded && !(outcome instanceof RedemptionOutcome.Done)) {
                    requestReversal(connection, redemptionId, card, command, request, outcome);
                }
                return outcome;
            });
        } finally {
            lock.unlock();
        }
    }

    /** Takes the money a till authorised; a second capture answers the first. */
    public RedemptionOutcome capture(String redemptionId, String actor) {
        return settle(redemptionId, actor, Redemption.State.CAPTURED);
    }

    /** Releases what a till authorised and did not take; a second void answers the first. */
    public RedemptionOutcome voidAuthorisation(String redemptionId, String actor) {
        return settle(redemptionId, actor, Redemption.State.VOIDED);
    }

    /** Offline gift-card redemptions today against the store's cap. */
    public Exposure exposureToday() {
        GiftCardPolicy policy = policies.inForce();
        return database.read("read today's gift-card exposure", connection -> {
            long today = offlineToday(connection, Optional.empty());
            return new Exposure(new Money(today, policy.currency()), policy.storeDailyOffline());
        });
    }

    /** What the store has approved offline today, against what it may. */
    public record Exposure(Money today, Money cap) {
    }

    public GiftCardPolicy policy() {
        return policies.inForce();
    }

    private RedemptionOutcome settle(String redemptionId, String actor, Redemption.State to) {
        Optional<Redemptions.Stored> found = database.read("read redemption " + redemptionId,
                connection -> Redemptions.find(connection, redemptionId));
        if (found.isEmpty()) {
            return new RedemptionOutcome.Refused(GiftCardRefusal.REDEMPTION_NOT_FOUND,
                    "There is no redemption " + redemptionId + " in this store.");
        }
        ReentrantLock lock = lockFor(found.get().card());
        lock.lock();
        try {
            return database.inTransaction((to == Redemption.State.CAPTURED ? "capture " : "void ") + redemptionId,
                    connection -> {
                        Redemptions.Stored stored = Redemptions.find(connection, redemptionId).orElseThrow();
                        Redemption redemption = stored.redemption();
                        if (redemption.state() == to) {
                            return new RedemptionOutcome.Done(redemption, true);
                        }
                        if (redemption.state() != Redemption.State.AUTHORISED) {
                            return new RedemptionOutcome.Refused(GiftCardRefusal.ALREADY_SETTLED, "Redemption "
                                    + redemptionId + " is already " + redemption.state().name().toLowerCase(java.util.Locale.ROOT)
                                    + "; it cannot be " + (to == Redemption.State.CAPTURED ? "captured." : "voided."));
                        }
                        Instant now = clock.instant();
                        Redemptions.settle(connection, redemptionId, to, now);
                        Redemption settled = redemption.in(to);
                        if (to == Redemption.State.CAPTURED) {
                            appendRedeemed(connection, settled, stored.card(), now);
                        } else {
                            // Offline too: the authorisation may have followed a call central took but
                            // did not answer; central gives back what it holds under the id, if anything.
                            outbox.append(connection, new OutboxEvent("gcv-" + redemptionId, Capability.GIFT_CARDS,
                                    VOIDED_EVENT, redemptionId, now, CoreJson.write(payload(settled, stored.card()))));
                        }
                        AuditLog.append(connection, now, actor, to == Redemption.State.CAPTURED
                                ? "giftcard.captured" : "giftcard.voided", redemptionId, payload(settled, stored.card()));
                        return new RedemptionOutcome.Done(settled, false);
                    });
        } finally {
            lock.unlock();
        }
    }

    private RedemptionOutcome recordOnline(Connection connection, String redemptionId, CardFingerprint card,
                                           RedeemCommand command, CentralGiftCards.Approved approved,
                                           IdempotentRequests.Request request) throws SQLException {
        Instant now = clock.instant();
        Redemption redemption = new Redemption(redemptionId, command.card().lastFour(), command.amount(),
                Redemption.Mode.ONLINE, command.capture() ? Redemption.State.CAPTURED : Redemption.State.AUTHORISED,
                now, Optional.of(approved.balanceAfter()), Optional.of(approved.reference()));
        follow(connection, card, command.card(), approved.balanceAfter(), now);
        PinAttempts.reset(connection, card);
        return record(connection, redemption, card, command.actor(), request, now);
    }

    /**
     * Decides from the store's copy, within the policy's offline limits as the offline budget has
     * cut them ({@code standing}): a decline under cut limits says why, and a spent budget declines all.
     */
    private RedemptionOutcome redeemOffline(Connection connection, String redemptionId, CardFingerprint card,
                                            RedeemCommand command, GiftCardPolicy policy, BudgetStanding standing,
                                            IdempotentRequests.Request request) throws SQLException {
        Optional<GiftCardBalance> known = SqliteGiftCardBalances.find(connection, card);
        switch (known.map(k -> pinResult(k, command.card(), command.pin())).orElse(PinResult.FINE)) {
            case REQUIRED -> {
                return new RedemptionOutcome.Refused(GiftCardRefusal.PIN_REQUIRED, PIN_REQUIRED_TEXT);
            }
            case WRONG -> {
                return new RedemptionOutcome.Refused(GiftCardRefusal.PIN_WRONG,
                        wrongPinText(PinAttempts.fail(connection, card, policy, clock.instant())));
            }
            case FINE -> PinAttempts.reset(connection, card);
        }
        Money zero = Money.zero(command.amount().currency());
        if (standing.stopped()) {
            return new RedemptionOutcome.Declined(OFFLINE_BUDGET_SPENT, standing.words().orElseThrow(), zero,
                    Redemption.Mode.OFFLINE);
        }
        Optional<Money> available = known.isEmpty() ? Optional.empty() : Optional.of(available(connection, known.get()));
        OfflineRedemptionRules.Situation situation = new OfflineRedemptionRules.Situation(command.amount(), available,
                known.map(GiftCardBalance::blocked).orElse(false),
                new Money(offlineToday(connection, Optional.of(card)), zero.currency()),
                new Money(offlineToday(connection, Optional.empty()), zero.currency()));
        return switch (OfflineRedemptionRules.decide(policy.offlineLimitsCutTo(standing.limitPercent()), situation)) {
            case OfflineRedemptionRules.Decision.Decline decline -> new RedemptionOutcome.Declined(decline.code(),
                    decline.message() + standing.words().map(why -> " " + why).orElse(""), decline.couldApprove(),
                    Redemption.Mode.OFFLINE);
            case OfflineRedemptionRules.Decision.Approve approve -> {
                Instant now = clock.instant();
                Redemption redemption = new Redemption(redemptionId, command.card().lastFour(), command.amount(),
                        Redemption.Mode.OFFLINE, command.capture() ? Redemption.State.CAPTURED
                        : Redemption.State.AUTHORISED, now, available.map(a -> a.minus(command.amount())),
                        Optional.empty());
                yield record(connection, redemption, card, command.actor(), request, now);
            }
        };
    }

    /**
     * Central may have taken money the store is not recording: in the same transaction as the
     * decision, the outbox tells central to give it back, and the answer is kept for the key, so a
     * retry under it is answered the same and never asks central again under this id.
     */
    private void requestReversal(Connection connection, String redemptionId, CardFingerprint card,
                                 RedeemCommand command, IdempotentRequests.Request request, RedemptionOutcome outcome)
            throws SQLException {
        Instant now = clock.instant();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("redemptionId", redemptionId);
        payload.put("cardFingerprint", card.hex());
        payload.put("lastFour", command.card().lastFour());
        payload.put("amount", Map.of("amount", command.amount().amount(),
                "currency", command.amount().currency().getCurrencyCode()));
        payload.put("because", switch (outcome) {
            case RedemptionOutcome.Declined declined -> declined.code();
            case RedemptionOutcome.Refused refused -> refused.refusal().code();
            case RedemptionOutcome.Done done -> "recorded";
        });
        outbox.append(connection, new OutboxEvent("gcx-" + redemptionId, Capability.GIFT_CARDS, REVERSAL_EVENT,
                redemptionId, now, CoreJson.write(payload)));
        AuditLog.append(connection, now, command.actor(), "giftcard.reversal-requested", redemptionId, payload);
        IdempotentRequests.remember(connection, request, CoreJson.write(Map.of("unrecorded", outcome)), now);
    }

    private RedemptionOutcome record(Connection connection, Redemption redemption, CardFingerprint card, String actor,
                                     IdempotentRequests.Request request, Instant now) throws SQLException {
        Redemptions.insert(connection, redemption, card, actor);
        if (redemption.state() == Redemption.State.CAPTURED) {
            appendRedeemed(connection, redemption, card, now);
        }
        AuditLog.append(connection, now, actor, redemption.state() == Redemption.State.CAPTURED
                ? "giftcard.redeemed" : "giftcard.authorised", redemption.redemptionId(), payload(redemption, card));
        IdempotentRequests.remember(connection, request, CoreJson.write(redemption), now);
        return new RedemptionOutcome.Done(redemption, false);
    }

    private void appendRedeemed(Connection connection, Redemption redemption, CardFingerprint card, Instant now)
            throws SQLException {
        outbox.append(connection, new OutboxEvent(REDEEMED_KEY + redemption.redemptionId(), Capability.GIFT_CARDS,
                REDEEMED_EVENT, redemption.redemptionId(), now, CoreJson.write(payload(redemption, card))));
    }

    private static Map<String, Object> payload(Redemption redemption, CardFingerprint card) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("redemptionId", redemption.redemptionId());
        payload.put("cardFingerprint", card.hex());
        payload.put("lastFour", redemption.lastFour());
        payload.put("amount", Map.of("amount", redemption.amount().amount(),
                "currency", redemption.amount().currency().getCurrencyCode()));
        payload.put("mode", redemption.mode().name());
        payload.put("state", redemption.state().name());
        payload.put("authorisedAt", Timestamps.format(redemption.authorisedAt()));
        redemption.centralReference().ifPresent(reference -> payload.put("centralReference", reference));
        return payload;
    }

    private Optional<RedemptionOutcome> replay(Connection connection, IdempotentRequests.Request request)
            throws SQLException {
        Optional<IdempotentRequests.Previous> previous = IdempotentRequests.find(connection, request);
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        if (previous.get() instanceof IdempotentRequests.Previous.Same same) {
            Optional<UnrecordedOutcome> unrecorded = CoreJson.readField(same.outcomeJson(), "unrecorded",
                    UnrecordedOutcome.class);
            if (unrecorded.isPresent()) {
                return Optional.of(unrecorded.get().outcome());
            }
            Redemption first = CoreJson.read(same.outcomeJson(), Redemption.class);
            Optional<Redemptions.Stored> stored = Redemptions.find(connection, first.redemptionId());
            return Optional.of(new RedemptionOutcome.Done(
                    stored.map(s -> first.in(s.redemption().state())).orElse(first), true));
        }
        return Optional.of(new RedemptionOutcome.Refused(GiftCardRefusal.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for another redemption; send a new key for a new redemption."));
    }

    /** Whether the PIN fits the store's copy of the card; a card without a PIN (store credit) needs none. */
    private PinResult pinResult(GiftCardBalance known, CardNumber card, Optional<CardPin> pin) {
        if (known.pinCheck().isEmpty()) {
            return PinResult.FINE;
        }
        if (pin.isEmpty()) {
            return PinResult.REQUIRED;
        }
        return fingerprinter.pinCheck(card, pin.get()).equals(known.pinCheck().get()) ? PinResult.FINE : PinResult.WRONG;
    }

    private String wrongPin(CardFingerprint card) {
        int left = database.inTransaction("count a wrong PIN",
                connection -> PinAttempts.fail(connection, card, policies.inForce(), clock.instant()));
        return wrongPinText(left);
    }

    private String wrongPinText(int left) {
        return left == 0 ? "That PIN is wrong, and the card is now locked for "
                + policies.inForce().pinLockMinutes() + " minutes." : "That PIN is wrong; " + left
                + (left == 1 ? " try is" : " tries are") + " left before the card is locked.";
    }

    private String lockedText(Instant until) {
        return "Too many wrong PINs: this card is locked until " + until.atZone(zone).toLocalTime()
                .withNano(0) + ".";
    }

    /** The card's last known balance less what this store has spent on it that central may not have counted. */
    private static Money available(Connection connection, GiftCardBalance balance) throws SQLException {
        return balance.balance().minus(new Money(Redemptions.unreconciled(connection, balance.card(), balance.asOf()),
                balance.balance().currency()));
    }

    private long offlineToday(Connection connection, Optional<CardFingerprint> card) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return Redemptions.offlineBetween(connection, card, today.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The store's copy follows what central just said the card holds. */
    private static void follow(Connection connection, CardFingerprint card, CardNumber number, Money balance,
                               Instant asOf) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO gift_card_balances (card_fingerprint, last_four, balance_minor, currency, as_of)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (card_fingerprint) DO UPDATE SET
                    balance_minor = excluded.balance_minor, currency = excluded.currency, as_of = excluded.as_of""")) {
            upsert.setBytes(1, card.bytes());
            upsert.setString(2, number.lastFour());
            upsert.setLong(3, balance.amount());
            upsert.setString(4, balance.currency().getCurrencyCode());
            upsert.setString(5, Timestamps.format(asOf));
            upsert.executeUpdate();
        }
    }

    private static Optional<String> amountProblem(GiftCardPolicy policy, Money amount) {
        if (!amount.currency().equals(policy.currency())) {
            return Optional.of("this store's gift cards are in " + policy.currency().getCurrencyCode() + ", not "
                    + amount.currency().getCurrencyCode());
        }
        if (amount.amount() <= 0) {
            return Optional.of("a redemption must be more than zero");
        }
        if (amount.amount() > policy.maximumRedemption().amount()) {
            return Optional.of("a single redemption may be at most " + policy.maximumRedemption().display());
        }
        return Optional.empty();
    }

    private boolean online() {
        return board.status(Capability.GIFT_CARDS).state() == CapabilityState.ONLINE;
    }

    private ReentrantLock lockFor(CardFingerprint card) {
        return cardLocks[Math.floorMod(card.hex().hashCode(), LOCK_STRIPES)];
    }

    private static Money smallest(Money a, Money b) {
        return a.amount() <= b.amount() ? a : b;
    }
}
