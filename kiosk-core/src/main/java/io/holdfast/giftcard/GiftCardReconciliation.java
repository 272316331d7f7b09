package io.holdfast.giftcard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.holdfast.audit.AuditLog;
import io.holdfast.exceptions.ExceptionKind;
import io.holdfast.exceptions.ManagerExceptions;
import io.holdfast.money.Money;
import io.holdfast.outbox.CentralVerdict;
import io.holdfast.outbox.VerdictHandler;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;

/**
 * Central's verdicts on the redemptions this store made offline, as they drain after GIFT_CARDS is
 * restored: {@code accepted}, or {@code overdrawn} when the card was spent beyond its balance in
 * several stores at once. An overdrawn card becomes an exception for the manager, naming its last
 * four digits, the stores and the amounts, and is blocked offline here until central clears it.
 * Each verdict is recorded once, however often central repeats it.
 */
public final class GiftCardReconciliation implements VerdictHandler {

    public static final String ACCEPTED = "accepted";
    public static final String OVERDRAWN = "overdrawn";

    /** What central says about an overdrawn card. */
    public record Overdrawn(String lastFour, Money shortBy, List<Spend> spends) {
        public Overdrawn {
            Objects.requireNonNull(lastFour, "last four");
            Objects.requireNonNull(shortBy, "short by");
            spends = List.copyOf(spends);
        }
    }

    /** One store's spend on the card that central counted. */
    public record Spend(String store, Money amount, Instant at) {
    }

    private final Database database;
    private final Clock clock;

    public GiftCardReconciliation(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void settle(List<CentralVerdict> verdicts) {
        List<CentralVerdict> ours = verdicts.stream()
                .filter(verdict -> verdict.eventKey().startsWith(GiftCardDesk.REDEEMED_KEY)).toList();
        if (ours.isEmpty()) {
            return;
        }
        database.inTransaction("record " + ours.size() + " gift-card verdicts", connection -> {
            for (CentralVerdict verdict : ours) {
                settle(connection, verdict);
            }
            return null;
        });
    }

    private void settle(Connection connection, CentralVerdict verdict) throws SQLException {
        String redemptionId = verdict.eventKey().substring(GiftCardDesk.REDEEMED_KEY.length());
        Optional<Redemptions.Stored> stored = Redemptions.find(connection, redemptionId);
        Instant now = clock.instant();
        boolean overdrawn = OVERDRAWN.equals(verdict.result());
        if (stored.isEmpty() || !Redemptions.judge(connection, redemptionId, overdrawn ? "OVERDRAWN" : "ACCEPTED", now)) {
            return;
        }
        if (!overdrawn) {
            return;
        }
        Overdrawn detail = CoreJson.read(verdict.detailJson(), Overdrawn.class);
        Redemption redemption = stored.get().redemption();
        CardBlocks.block(connection, stored.get().card(), redemption.lastFour(), "overdrawn by " + detail.shortBy().display(),
                now);
        ManagerExceptions.raise(connection, ExceptionKind.GIFT_CARD_OVERDRAWN, redemptionId, describe(redemption, detail),
                now);
        AuditLog.append(connection, now, "central", "giftcard.overdrawn", redemptionId, Map.of(
                "lastFour", redemption.lastFour(), "shortBy", detail.shortBy().display(),
                "stores", detail.spends().stream().map(Spend::store).distinct().toList()));
    }

    static String describe(Redemption redemption, Overdrawn detail) {
        String spends = detail.spends().stream()
                .map(spend -> "store " + spend.store() + " " + spend.amount().display())
                .collect(Collectors.joining(", "));
        return "Gift card ending " + redemption.lastFour() + " was spent beyond its balance while offline, by "
                + detail.shortBy().display() + ": " + spends + ". This store took " + redemption.amount().display()
                + " (redemption " + redemption.redemptionId() + "). The card is blocked for offline use until head"
                + " office clears it.";
    }
}
