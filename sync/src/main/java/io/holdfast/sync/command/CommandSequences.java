package io.holdfast.sync.command;

import java.sql.PreparedStatement;
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
     * Claims a sequence for a key: true when it is higher than any accepted before (and is now the
     * highest), false when it is a replay. One statement, so two deliveries cannot both win.
     */
    public boolean claim(String keyId, long sequence, String commandId, Instant at) {
        return database.inTransaction("claim command sequence " + sequence + " of key " + keyId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO command_sequences (key_id, last_sequence, command_id, accepted_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key_id) DO UPDATE SET last_sequence = excluded.last_sequence,
                        command_id = excluded.command_id, accepted_at = excluded.accepted_at
                    WHERE excluded.last_sequence > command_sequences.last_sequence""")) {
                upsert.setString(1, keyId);
                upsert.setLong(2, sequence);
                upsert.setString(3, commandId);
                upsert.setString(4, Timestamps.format(at));
                return upsert.executeUpdate() == 1;
            }
        });
    }
}
