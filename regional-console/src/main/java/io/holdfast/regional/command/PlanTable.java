package io.holdfast.regional.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The tables that hold plans (restorations in waves, rollouts): each has a state and a line saying why. */
public enum PlanTable {
    WAVES("wave_plans"),
    ROLLOUTS("rollouts");

    private final String table;

    PlanTable(String table) {
        this.table = table;
    }

    /**
     * An approver's decision on a plan, in the caller's transaction: refused when they asked for it
     * themselves; approved, their signature is added to every command of the plan and it runs.
     */
    public Void decide(Connection connection, String id, io.holdfast.regional.operator.Operators.Unlocked approver,
                       boolean approve, String refusedState, java.time.Clock clock) throws SQLException {
        Approvals.decide(connection, id, approver.operator().id(), approve, clock);
        if (approve) {
            PlanCommands.approveAll(connection, id, approver.signer());
        }
        return setState(connection, id, approve ? "RUNNING" : refusedState,
                (approve ? "approved by " : "refused by ") + approver.operator().id());
    }

    /** Moves a plan to {@code state}, in the caller's transaction. */
    public Void setState(Connection connection, String id, String state, String detail) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET state = ?, detail = ? WHERE id = ?")) {
            update.setString(1, state);
            update.setString(2, detail);
            update.setString(3, id);
            update.executeUpdate();
        }
        return null;
    }

    /** Says what the plan waits for now, in the caller's transaction. */
    public Void setDetail(Connection connection, String id, String detail) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET detail = ? WHERE id = ?")) {
            update.setString(1, detail);
            update.setString(2, id);
            update.executeUpdate();
        }
        return null;
    }
}
