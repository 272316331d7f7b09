package io.holdfast.regional.command;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.fleet.StoreReport;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;
import io.holdfast.sync.SyncJson;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandSigner;

/**
 * Every command the console signs: drafted with the operator's key and the key's next sequence,
 * recorded with the stores it goes to (and audited) before it is published, and marked obeyed per
 * store when that store's heartbeat shows the expected state.
 */
public final class CommandBook {

    private static final ObjectMapper JSON = SyncJson.MAPPER;
    private static final System.Logger LOG = System.getLogger(CommandBook.class.getName());

    private final Database database;
    private final BiConsumer<String, byte[]> publisher;
    private final Clock clock;
    private final Map<String, List<Waiting>> waiting = new ConcurrentHashMap<>();

    private record Waiting(String commandId, Set<String> capabilities, String expect, byte[] envelope,
                           Instant expiresAt) {
    }

    /** A command to publish again on a store's own topic: the store was offline when it went out. */
    private record Resend(String store, String commandId, byte[] envelope) {
    }

    private final java.util.Queue<Resend> resends = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** One command as a store's page shows it. */
    public record Delivery(String commandId, String type, String summary, String requestedBy,
                           Optional<String> approvedBy, Instant sentAt, Optional<Instant> obeyedAt) {
    }

    /**
     * One operator action as the page lists it.
     *
     * @param watched how many of its stores can show in a heartbeat that they obeyed
     */
    public record Action(String action, String type, String summary, String requestedBy, Optional<String> approvedBy,
                         Instant signedAt, long stores, long obeyed, long watched) {
    }

    /** @param publisher publishes a payload on a topic at QoS 1 and returns once the broker has it */
    public CommandBook(Database database, BiConsumer<String, byte[]> publisher, Clock clock) {
        this.database = database;
        this.publisher = publisher;
        this.clock = clock;
        loadWaiting();
    }

    /** Signs a command for {@code store} (or {@code all}) with the key's next sequence; nothing is recorded yet. */
    public Draft draft(CommandSigner signer, String keyId, String store, String type, Map<String, Object> fields,
                       Duration validity, Set<String> capabilities, Optional<String> expect) {
        return draft(signer, reserve(keyId, 1), store, type, fields, validity, capabilities, expect);
    }

    /** The same with a sequence {@link #reserve reserved} before, for many commands signed at once. */
    public Draft draft(CommandSigner signer, long sequence, String store, String type, Map<String, Object> fields,
                       Duration validity, Set<String> capabilities, Optional<String> expect) {
        Instant now = clock.instant();
        ObjectNode command = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        command.put("id", id);
        command.put("store", store);
        command.put("sequence", sequence);
        command.put("issuedAt", now.toString());
        command.put("expiresAt", now.plus(validity).toString());
        command.put("type", type);
        fields.forEach((name, value) -> command.set(name, JSON.valueToTree(value)));
        return new Draft(id, type, store, signer.envelope(command.toString()), capabilities, expect);
    }

    /**
     * Records the command and the stores it is for, audits it, then publishes it. A command that the
     * broker would not take stays recorded, unobeyed, and the failure is audited and thrown.
     */
    public void publish(Draft draft, String action, String target, String summary, String requestedBy,
                        Optional<String> approvedBy, Collection<String> stores) {
        Instant now = clock.instant();
        database.inTransaction("record command " + draft.id(), connection -> {
            record(connection, draft, action, target, summary, requestedBy, approvedBy, stores, now);
            return null;
        });
        Instant expires = draft.expiresAt();
        stores.forEach(store -> draft.expect().ifPresent(expect -> waiting.computeIfAbsent(store,
                s -> new CopyOnWriteArrayList<>()).add(new Waiting(draft.id(), draft.capabilities(), expect,
                draft.envelope(), expires))));
        String topic = draft.store().equals("all") ? Topics.fleetCommands() : Topics.commands(draft.store());
        try {
            publisher.accept(topic, draft.envelope());
        } catch (RuntimeException e) {
            new AuditLog(database).append(clock.instant(), requestedBy, "COMMAND_NOT_PUBLISHED", draft.id(),
                    Map.of("error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private void record(Connection connection, Draft draft, String action, String target, String summary,
                        String requestedBy, Optional<String> approvedBy, Collection<String> stores, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands (id, action, type, target, summary, requested_by, approved_by, signed_at,
                    expires_at, envelope)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, draft.id());
            insert.setString(2, action);
            insert.setString(3, draft.type());
            insert.setString(4, target);
            insert.setString(5, summary);
            insert.setString(6, requestedBy);
            insert.setString(7, approvedBy.orElse(null));
            insert.setString(8, Timestamps.format(now));
            insert.setString(9, Timestamps.format(draft.expiresAt()));
            insert.setString(10, new String(draft.envelope(), StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO deliveries (command_id, store, capability, expect, sent_at) VALUES (?, ?, ?, ?, ?)""")) {
            for (String store : stores) {
                insert.setString(1, draft.id());
                insert.setString(2, store);
                insert.setString(3, String.join(",", draft.capabilities().stream().sorted().toList()));
                insert.setString(4, draft.expect().orElse(null));
                insert.setString(5, Timestamps.format(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("action", action);
        detail.put("type", draft.type());
        detail.put("target", target);
        detail.put("summary", summary);
        detail.put("stores", stores.size());
        approvedBy.ifPresent(approver -> detail.put("approvedBy", approver));
        AuditLog.append(connection, now, requestedBy, "COMMAND_" + draft.type(), draft.id(), detail);
    }

    /**
     * A heartbeat: marks obeyed the commands whose expected state it shows. A store that comes back
     * online (or is first heard from) is sent again, on its own topic, what it has not yet shown it
     * obeyed and has not expired: a store reconnects with a clean session, so what was published
     * while it was away never reached it. A store that did get a command refuses the copy as a
     * replay, so it obeys each once.
     */
    public void observe(Optional<StoreReport> before, StoreReport now) {
        List<Waiting> open = waiting.get(now.store());
        if (open == null || open.isEmpty() || !now.online()) {
            return;
        }
        boolean rejoined = !before.map(StoreReport::online).orElse(false);
        for (Waiting delivery : open) {
            if (rejoined && delivery.expiresAt().isAfter(clock.instant())) {
                resends.add(new Resend(now.store(), delivery.commandId(), delivery.envelope()));
            }
        }
        for (Waiting delivery : open) {
            if (delivery.capabilities().stream().allMatch(c -> obeys(now.state(c).orElse(""), delivery.expect()))) {
                open.remove(delivery);
                database.inTransaction("mark command obeyed", connection -> {
                    try (PreparedStatement update = connection.prepareStatement("""
                            UPDATE deliveries SET obeyed_at = ? WHERE command_id = ? AND store = ? AND obeyed_at IS NULL""")) {
                        update.setString(1, Timestamps.format(now.heardAt()));
                        update.setString(2, delivery.commandId());
                        update.setString(3, now.store());
                        return update.executeUpdate();
                    }
                });
            }
        }
    }

    /**
     * Publishes the commands queued for stores that came back (from the console's own step, never from
     * the broker's callback thread, which must not wait on a publish).
     *
     * @return how many were sent again
     */
    public int resend() {
        int sent = 0;
        for (Resend resend = resends.poll(); resend != null; resend = resends.poll()) {
            try {
                publisher.accept(Topics.commands(resend.store()), resend.envelope());
                sent++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not send command {0} to store {1} again: {2}",
                        resend.commandId(), resend.store(), e.getMessage());
            }
        }
        return sent;
    }

    /** RESTORE is obeyed once the capability is restoring or already back online. */
    private static boolean obeys(String state, String expect) {
        return expect.equals("RESTORING") ? state.equals("RESTORING") || state.equals("ONLINE") : state.equals(expect);
    }

    /**
     * The latest operator actions, newest first: each with how many stores it went to and how many
     * have shown in a heartbeat that they obeyed (of those whose obeying a heartbeat can show).
     */
    public List<Action> actions(int limit) {
        return database.read("latest actions", connection -> {
            List<Action> actions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.action, min(c.type), min(c.summary), min(c.requested_by), min(c.approved_by),
                           min(c.signed_at), count(d.store), count(d.obeyed_at), count(d.expect)
                    FROM commands c JOIN deliveries d ON d.command_id = c.id
                    GROUP BY c.action ORDER BY min(c.signed_at) DESC LIMIT ?""")) {
                select.setInt(1, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        actions.add(new Action(row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), Optional.ofNullable(row.getString(5)),
                                Timestamps.parse(row.getString(6)), row.getLong(7), row.getLong(8), row.getLong(9)));
                    }
                }
            }
            return actions;
        });
    }

    /** The commands a store was sent, newest first. */
    public List<Delivery> sentTo(String store, int limit) {
        return database.read("commands sent to " + store, connection -> {
            List<Delivery> sent = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT c.id, c.type, c.summary, c.requested_by, c.approved_by, d.sent_at, d.obeyed_at
                    FROM deliveries d JOIN commands c ON c.id = d.command_id
                    WHERE d.store = ? ORDER BY d.sent_at DESC, c.rowid DESC LIMIT ?""")) {
                select.setString(1, store);
                select.setInt(2, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        sent.add(new Delivery(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                Optional.ofNullable(row.getString(5)), Timestamps.parse(row.getString(6)),
                                Optional.ofNullable(row.getString(7)).map(Timestamps::parse)));
                    }
                }
            }
            return sent;
        });
    }

    /**
     * Reserves {@code count} sequences of a key and returns the first: above the last it signed, and
     * at least the time in milliseconds (as {@code holdfast sign} uses), so either may sign next.
     */
    public long reserve(String keyId, int count) {
        long now = clock.millis();
        return database.inTransaction("reserve sequences of key " + keyId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO key_sequences (key_id, last_sequence) VALUES (?, ?)
                    ON CONFLICT (key_id) DO UPDATE SET last_sequence = max(last_sequence, ? - 1) + ?
                    RETURNING last_sequence""")) {
                upsert.setString(1, keyId);
                upsert.setLong(2, now + count - 1);
                upsert.setLong(3, now);
                upsert.setLong(4, count);
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    return row.getLong(1) - count + 1;
                }
            }
        });
    }

    private void loadWaiting() {
        database.read("commands not yet obeyed", connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT d.command_id, d.store, d.capability, d.expect, c.envelope, c.expires_at
                    FROM deliveries d JOIN commands c ON c.id = d.command_id
                    WHERE d.obeyed_at IS NULL AND d.expect IS NOT NULL""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    waiting.computeIfAbsent(row.getString(2), s -> new CopyOnWriteArrayList<>()).add(new Waiting(
                            row.getString(1), Set.of(row.getString(3).split(",")), row.getString(4),
                            row.getString(5).getBytes(StandardCharsets.UTF_8), Timestamps.parse(row.getString(6))));
                }
            }
            return null;
        });
    }
}
