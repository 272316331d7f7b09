package io.holdfast.gateway.update;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.holdfast.gateway.http.RequestTraffic;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderRepository;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.release.SwitchWatch;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;
import io.holdfast.sync.RelayStatus;

/**
 * A new release's health, judged on the business's results rather than on the process being up:
 * it is ready, the schema is migrated, a known order is found, the relay is connected and central
 * acknowledged something since the switch, each capability is in the state it was in before, and
 * real traffic got no 5xx for the soak time. Each check says what it saw.
 */
public final class ReleaseHealth {

    /** One check, passed or not, and what it saw. */
    record Check(String name, boolean passed, String detail) {
    }

    private final Database database;
    private final OrderRepository orders;
    private final ModeBoard board;
    private final Outbox outbox;
    private final Supplier<Optional<RelayStatus>> relay;
    private final RequestTraffic traffic;
    private final BooleanSupplier ready;
    private final Duration soak;
    private final Clock clock;

    public ReleaseHealth(Database database, OrderRepository orders, ModeBoard board, Outbox outbox,
                  Supplier<Optional<RelayStatus>> relay, RequestTraffic traffic, BooleanSupplier ready, Duration soak,
                  Clock clock) {
        this.database = database;
        this.orders = orders;
        this.board = board;
        this.outbox = outbox;
        this.relay = relay;
        this.traffic = traffic;
        this.ready = ready;
        this.soak = soak;
        this.clock = clock;
    }

    /**
     * Gives central something to acknowledge: the switch itself, as an event it keeps (the store's
     * release history). Written once per switch, whatever restarts follow.
     */
    void announceSwitch(SwitchWatch.Pending pending) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", pending.version());
        payload.put("previous", pending.previous());
        payload.put("switchedAt", pending.switchedAt().toString());
        database.inTransaction("record the switch to " + pending.version(), connection -> {
            try (PreparedStatement seen = connection.prepareStatement(
                    "SELECT count(*) FROM outbox_events WHERE idempotency_key = ?")) {
                seen.setString(1, key(pending));
                try (ResultSet row = seen.executeQuery()) {
                    if (row.next() && row.getLong(1) > 0) {
                        return 0L;
                    }
                }
            }
            return outbox.append(connection, new OutboxEvent(key(pending), Capability.ORDERS, "GatewayReleaseStarted",
                    "gateway-release", clock.instant(), CoreJson.write(payload)));
        });
    }

    List<Check> evaluate(SwitchWatch.Pending pending, int minimumSchema, Instant checkingSince) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("ready", ready.getAsBoolean(), ready.getAsBoolean() ? "ready" : "not ready"));
        int schema = database.schemaVersion();
        checks.add(new Check("schema", schema >= minimumSchema, "schema " + schema + " (needs " + minimumSchema + ")"));
        checks.add(knownOrder());
        checks.add(relayCheck(pending, checkingSince));
        checks.add(capabilities(pending));
        long errors = traffic.serverErrors();
        Duration ran = Duration.between(checkingSince, clock.instant());
        checks.add(new Check("no-5xx", errors == 0 && ran.compareTo(soak) >= 0, errors + " of " + traffic.served()
                + " requests answered 5xx in " + ran.toSeconds() + " s (must be none for " + soak.toSeconds() + " s)"));
        return checks;
    }

    private Check knownOrder() {
        Optional<String> newest = database.read("find the newest order", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT order_id FROM orders ORDER BY rowid DESC LIMIT 1");
                 ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
            }
        });
        if (newest.isEmpty()) {
            return new Check("known-order", true, "the store holds no order to look up");
        }
        boolean found = orders.find(new OrderId(newest.get())).isPresent();
        return new Check("known-order", found, "order " + newest.get() + (found ? " found" : " not found"));
    }

    private Check relayCheck(SwitchWatch.Pending pending, Instant checkingSince) {
        Optional<RelayStatus> status = relay.get();
        if (status.isEmpty()) {
            return new Check("central", true, "no broker is configured: nothing to acknowledge");
        }
        if (!status.get().connected()) {
            return new Check("central", false, "the relay is not connected to the broker"
                    + status.get().refusedBecause().map(why -> " (" + why + ")").orElse(""));
        }
        if (board.isIsolated(Capability.ORDERS)) {
            return new Check("central", true, "connected; ORDERS is isolated, so central is not asked");
        }
        Optional<Instant> contact = status.get().lastContact();
        boolean acknowledged = contact.filter(at -> !at.isBefore(pending.switchedAt())).isPresent()
                || status.get().eventsAcknowledged() > 0;
        return new Check("central", acknowledged, acknowledged ? "connected; central acknowledged events"
                : "connected; central has acknowledged nothing since " + checkingSince);
    }

    private Check capabilities(SwitchWatch.Pending pending) {
        List<String> changed = new ArrayList<>();
        for (CapabilityStatus status : board.all()) {
            String before = pending.statesBefore().get(status.capability().name());
            if (before != null && !before.equals(status.state().name())) {
                changed.add(status.capability() + " " + before + " -> " + status.state());
            }
        }
        return new Check("capabilities", changed.isEmpty(), changed.isEmpty() ? "as before the switch"
                : "not as before: " + String.join(", ", changed));
    }

    private static String key(SwitchWatch.Pending pending) {
        return "release-started-" + pending.version() + "-" + pending.switchedAt().toEpochMilli();
    }
}
