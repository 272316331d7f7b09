package io.holdfast.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.Hashes;
import io.holdfast.store.Timestamps;

/**
 * The manager's sign-off of a day: one per store-day, written with its audit entry in one
 * transaction. A day not yet begun cannot be signed; a day signed stays signed (a second sign-off
 * is refused with the first one's details, so two supervisors cannot both think they closed it).
 */
public final class DaySignOffs {

    /** The outcome of signing a day. */
    public sealed interface Outcome {
        record Signed(DaySignOff signOff) implements Outcome {
        }

        record AlreadySigned(DaySignOff existing) implements Outcome {
        }

        record NotYetBegun(LocalDate day, LocalDate today) implements Outcome {
        }
    }

    public static final String AUDIT_ACTION = "report.day-signed-off";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;

    DaySignOffs(Database database, Clock clock, ZoneId zone) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
    }

    public Outcome signOff(LocalDate day, String staffId, String note) {
        if (note.isBlank()) {
            throw new IllegalArgumentException("a sign-off needs a note");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (day.isAfter(today)) {
            return new Outcome.NotYetBegun(day, today);
        }
        return database.inTransaction("sign off " + day, connection -> {
            Optional<DaySignOff> existing = find(connection, day);
            if (existing.isPresent()) {
                return new Outcome.AlreadySigned(existing.get());
            }
            DaySignOff signOff = new DaySignOff(day, staffId, note.strip(), now);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO day_sign_offs (day, staff_id, note, signed_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, day.toString());
                insert.setString(2, staffId);
                insert.setString(3, signOff.note());
                insert.setString(4, Timestamps.format(now));
                insert.executeUpdate();
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("day", day.toString());
            // The note's words stay in day_sign_offs; the append-only audit log keeps their hash, nothing personal.
            detail.put("noteSha256", Hashes.sha256Hex(signOff.note()));
            AuditLog.append(connection, now, staffId, AUDIT_ACTION, day.toString(), detail);
            return new Outcome.Signed(signOff);
        });
    }

    static Optional<DaySignOff> find(Connection connection, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT staff_id, note, signed_at FROM day_sign_offs WHERE day = ?")) {
            select.setString(1, day.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new DaySignOff(day, row.getString(1), row.getString(2),
                        Timestamps.parse(row.getString(3)))) : Optional.empty();
            }
        }
    }
}
