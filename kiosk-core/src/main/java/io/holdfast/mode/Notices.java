package io.holdfast.mode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * What each capability's state means, in words for customers and for colleagues. Sensible
 * defaults; regional IT may replace any text (the signed policy channel calls {@link #replace}).
 */
public final class Notices {

    private record Key(Capability capability, CapabilityState state, Audience audience) {
    }

    private static final Map<Key, String> DEFAULTS = defaults();

    private final Database database;
    private final Clock clock;

    public Notices(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public String text(Capability capability, CapabilityState state, Audience audience) {
        return database.read("read a notice", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT text FROM notices WHERE capability = ? AND state = ? AND audience = ?")) {
                select.setString(1, capability.name());
                select.setString(2, state.name());
                select.setString(3, audience.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : DEFAULTS.get(new Key(capability, state, audience));
                }
            }
        });
    }

    /** Regional IT's wording for a capability in a state; audited. */
    public void replace(Capability capability, CapabilityState state, Audience audience, String text, String actor) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank() || text.length() > 280) {
            throw new IllegalArgumentException("a notice must be 1 to 280 characters, but had " + text.length());
        }
        database.inTransaction("replace a notice", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO notices (capability, state, audience, text, changed_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (capability, state, audience) DO UPDATE SET text = excluded.text,
                        changed_at = excluded.changed_at""")) {
                upsert.setString(1, capability.name());
                upsert.setString(2, state.name());
                upsert.setString(3, audience.name());
                upsert.setString(4, text.strip());
                upsert.setString(5, Timestamps.format(clock.instant()));
                upsert.executeUpdate();
            }
            AuditLog.append(connection, clock.instant(), actor, "notice.replaced", capability.name(),
                    Map.of("state", state, "audience", audience, "text", text.strip()));
            return null;
        });
    }

    private static Map<Key, String> defaults() {
        Map<Key, String> texts = new java.util.HashMap<>();
        for (CapabilityState state : CapabilityState.values()) {
            boolean online = state == CapabilityState.ONLINE;
            put(texts, Capability.ORDERS, state,
                    online ? "Click & collect is open." : "Click & collect is open as usual.",
                    switch (state) {
                        case ONLINE -> "Orders are checked with head office before hand-over.";
                        case DEGRADED -> "Head office is not answering: hand over from this store's list; "
                                + "collections are sent on later.";
                        case ISOLATED -> "Head office is cut off on purpose: hand over from this store's list; "
                                + "nothing is sent until it is restored.";
                        case RESTORING -> "Head office is coming back: collections made while it was away are "
                                + "being sent. Keep handing over as usual.";
                    });
            put(texts, Capability.REFUNDS, state,
                    online ? "Refunds go back to your card or the way you paid."
                            : "Refunds today are given as store credit, or completed to your card once our systems are back.",
                    online ? "Refunds go back to the original tender."
                            : "Offer store credit now, or a refund to the original tender once refunds are restored: "
                            + "the customer chooses.");
            put(texts, Capability.GIFT_CARDS, state,
                    online ? "Gift cards can be checked and used as normal."
                            : "Gift cards can be used today, up to a daily limit.",
                    online ? "Gift cards are checked with head office."
                            : "Gift cards redeem against the last known balance, within the offline limits.");
            put(texts, Capability.PAYMENTS, state,
                    switch (state) {
                        case ONLINE -> "All payment methods are accepted.";
                        case ISOLATED -> "Contactless is switched off for now; please use chip and PIN or cash.";
                        default -> "Card payments may be slower today.";
                    },
                    switch (state) {
                        case ONLINE -> "Card terminals are working normally.";
                        case ISOLATED -> "Contactless is off to protect card data; take chip and PIN or cash.";
                        default -> "Card payments may fail; offer chip and PIN, another card or cash.";
                    });
            put(texts, Capability.LOYALTY, state,
                    online ? "Points are added to your account as you shop."
                            : "Your points will be added to your account when our systems are back.",
                    online ? "Loyalty points go to head office at once."
                            : "Loyalty receipts are queued and sent once loyalty is back; nothing is lost.");
        }
        return Map.copyOf(texts);
    }

    private static void put(Map<Key, String> texts, Capability capability, CapabilityState state, String customer,
                            String colleague) {
        texts.put(new Key(capability, state, Audience.CUSTOMER), customer);
        texts.put(new Key(capability, state, Audience.COLLEAGUE), colleague);
    }
}
