package io.holdfast.sync.command;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/** The last sequence accepted per signing key, kept in the store's database. */
public final class CommandSequences {

    private final Database database;

    public CommandSequences(Database database) {
        this.database = database;
    }

    /**
     * Claims a command's sequence for its key: true when it is higher than any accepted before (and
     * is now the highest), false when it is a replay. One statement, so two deliveries cannot both win.
     */
    public boolean claim(SignedCommand command, Instant at) {
        return database.inTransaction("claim command sequence " + command.sequence() + " of key " + command.keyId(),
                connection -> claim(connection, command, at));
    }

    /**
     * The same in the caller's transaction, so the claim commits with the command's effect and its
     * audit entry or not at all. A command ordered by its version instead
     * ({@link SignedCommand#orderedBySequence}) claims nothing and is always free to go on.
     */
    public static boolean claim(Connection transaction, SignedCommand command, Instant at) throws SQLException {
        if (!command.orderedBySequence()) {
            return true;
        }
        try (PreparedStatement upsert = transaction.prepareStatement("""
                INSERT INTO command_sequences (key_id, last_sequence, command_id, accepted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (key_id) DO UPDATE SET last_sequence = excluded.last_sequence,
                    command_id = excluded.command_id, accepted_at = excluded.accepted_at
                WHERE excluded.last_sequence > command_sequences.last_sequence""")) {
            upsert.setString(1, command.keyId());
            upsert.setLong(2, command.sequence());
            upsert.setString(3, command.id());
            upsert.setString(4, Timestamps.format(at));
            return upsert.executeUpdate() == 1;
        }
    }
}
