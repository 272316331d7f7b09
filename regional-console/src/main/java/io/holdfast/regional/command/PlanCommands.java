package io.holdfast.regional.command;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;
import io.holdfast.sync.command.CommandSigner;

/**
 * The commands a plan signs ahead, one per store (a restoration's RESTOREs, a rollout's
 * UPDATE_AVAILABLEs): signed by whoever asked, approved by a second person, kept in the console's
 * database and published step by step (a wave, a group). A store marked sent whose command was never
 * recorded (the console stopped between the two) is published again on the next step; a store that
 * did get it refuses the copy as a replay, so each store obeys its command once.
 */
public final class PlanCommands {

    /** One store of a plan: its place, the step planned for it (a rollout's group), and the step it was sent in. */
    public record Entry(String store, int position, Optional<Integer> plannedStep, Optional<Integer> step) {

        public boolean sent() {
            return step.isPresent();
        }
    }

    /**
     * How a plan's commands are published and listed.
     *
     * @param stepName what a step is called in an action's name: {@code wave} or {@code group}
     * @param summary  what each command is, for the page, before its step: {@code restore ORDERS}
     */
    public record Publishing(String type, Set<String> capabilities, Optional<String> expect, String stepName,
                             String summary, String requestedBy, String approvedBy) {
    }

    private final Database database;
    private final CommandBook commands;

    public PlanCommands(Database database, CommandBook commands) {
        this.database = database;
        this.commands = commands;
    }

    /** Keeps a plan's drafts, in order; {@code plannedSteps} gives each its step, or is empty when steps come later. */
    public static void record(Connection connection, String plan, List<Draft> drafts, List<Integer> plannedSteps)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO plan_commands (plan_id, store, position, planned_step, command_id, envelope)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < drafts.size(); i++) {
                insert.setString(1, plan);
                insert.setString(2, drafts.get(i).store());
                insert.setInt(3, i);
                insert.setObject(4, plannedSteps.isEmpty() ? null : plannedSteps.get(i));
                insert.setString(5, drafts.get(i).id());
                insert.setString(6, new String(drafts.get(i).envelope(), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The approver's signature added to every command of the plan, in the caller's transaction. */
    public static void approveAll(Connection connection, String plan, CommandSigner approver) throws SQLException {
        Map<String, String> envelopes = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT store, envelope FROM plan_commands WHERE plan_id = ?")) {
            select.setString(1, plan);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    envelopes.put(row.getString(1), row.getString(2));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE plan_commands SET envelope = ? WHERE plan_id = ? AND store = ?")) {
            for (Map.Entry<String, String> envelope : envelopes.entrySet()) {
                update.setString(1, new String(approver.approve(envelope.getValue().getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8));
                update.setString(2, plan);
                update.setString(3, envelope.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Marks {@code stores} sent in {@code step}, in the caller's transaction, before they are published. */
    public static void markSent(Connection connection, String plan, List<String> stores, int step, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE plan_commands SET step = ?, sent_at = ? WHERE plan_id = ? AND store = ?")) {
            for (String store : stores) {
                update.setInt(1, step);
                update.setString(2, Timestamps.format(at));
                update.setString(3, plan);
                update.setString(4, store);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    public List<Entry> entries(String plan) {
        return database.read("the stores of " + plan, connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT store, position, planned_step, step FROM plan_commands WHERE plan_id = ? ORDER BY position""")) {
                select.setString(1, plan);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(new Entry(row.getString(1), row.getInt(2), optionalInt(row, 3), optionalInt(row, 4)));
                    }
                }
            }
            return entries;
        });
    }

    /** Publishes the commands of {@code stores} (marked sent before), each recorded as its step's action. */
    public void publish(String plan, List<String> stores, Publishing how) {
        for (String store : stores) {
            String[] signed = database.read("the command for " + store + " in " + plan, connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT command_id, envelope, step FROM plan_commands WHERE plan_id = ? AND store = ?")) {
                    select.setString(1, plan);
                    select.setString(2, store);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        return new String[] {row.getString(1), row.getString(2), row.getString(3)};
                    }
                }
            });
            String step = how.stepName() + " " + signed[2];
            commands.publish(new Draft(signed[0], how.type(), store, signed[1].getBytes(StandardCharsets.UTF_8),
                            how.capabilities(), how.expect()), plan + "/" + how.stepName() + "-" + signed[2],
                    "store:" + store, how.summary() + ", " + step + " of " + plan, how.requestedBy(),
                    Optional.of(how.approvedBy()), List.of(store));
        }
    }

    /** Publishes again what was marked sent but never recorded as a command: the console stopped in between. */
    public void resendUnrecorded(String plan, Publishing how) {
        List<String> unrecorded = database.read("unrecorded sends of " + plan, connection -> {
            List<String> stores = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT store FROM plan_commands p WHERE plan_id = ? AND sent_at IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.id = p.command_id) ORDER BY position""")) {
                select.setString(1, plan);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        stores.add(row.getString(1));
                    }
                }
            }
            return stores;
        });
        publish(plan, unrecorded, how);
    }

    private static Optional<Integer> optionalInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
