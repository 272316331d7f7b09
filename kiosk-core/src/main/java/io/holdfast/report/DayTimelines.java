package io.holdfast.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Timestamps;

/**
 * Each capability's states over a day, read back from the mode board's transitions in the audit log
 * (the board writes every one there in the transaction that makes it): the state the day began in is
 * the one the last transition before it led to, ONLINE when there was none.
 */
final class DayTimelines {

    private DayTimelines() {
    }

    static List<DayTimeline> read(Connection connection, Instant from, Instant to) throws SQLException {
        List<DayTimeline> timelines = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            timelines.add(read(connection, capability, from, to));
        }
        return timelines;
    }

    private static DayTimeline read(Connection connection, Capability capability, Instant from, Instant to)
            throws SQLException {
        CapabilityState state = stateBefore(connection, capability, from);
        Instant since = from;
        List<DayTimeline.Segment> segments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT at, detail FROM audit_log
                WHERE action LIKE 'capability.%' AND subject = ? AND at >= ? AND at < ? ORDER BY at, sequence""")) {
            select.setString(1, capability.name());
            select.setString(2, Timestamps.format(from));
            select.setString(3, Timestamps.format(to));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant at = Timestamps.parse(rows.getString(1));
                    CapabilityState next = target(rows.getString(2));
                    if (at.isAfter(since)) {
                        segments.add(new DayTimeline.Segment(state, since, at));
                        since = at;
                    }
                    state = next;
                }
            }
        }
        if (to.isAfter(since)) {
            segments.add(new DayTimeline.Segment(state, since, to));
        }
        return new DayTimeline(capability, merged(segments));
    }

    private static CapabilityState stateBefore(Connection connection, Capability capability, Instant from)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT detail FROM audit_log
                WHERE action LIKE 'capability.%' AND subject = ? AND at < ? ORDER BY at DESC, sequence DESC LIMIT 1""")) {
            select.setString(1, capability.name());
            select.setString(2, Timestamps.format(from));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? target(row.getString(1)) : CapabilityState.ONLINE;
            }
        }
    }

    private static CapabilityState target(String detail) {
        return CoreJson.readField(detail, "to", CapabilityState.class).orElseThrow(() -> new IllegalStateException(
                "a mode transition in the audit log has no target state: " + detail));
    }

    /** Joins neighbours in the same state (a restore straight after another, say) into one segment. */
    private static List<DayTimeline.Segment> merged(List<DayTimeline.Segment> segments) {
        List<DayTimeline.Segment> merged = new ArrayList<>();
        for (DayTimeline.Segment segment : segments) {
            if (!merged.isEmpty() && merged.getLast().state() == segment.state()) {
                DayTimeline.Segment last = merged.removeLast();
                merged.add(new DayTimeline.Segment(last.state(), last.from(), segment.to()));
            } else {
                merged.add(segment);
            }
        }
        return merged;
    }
}
