package io.holdfast.sync.downstream;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/** Each stream's position, in the store's database. */
public final class StreamPositions {

    private final Database database;

    public StreamPositions(Database database) {
        this.database = database;
    }

    public Optional<StreamPosition> find(String stream) {
        return all().stream().filter(position -> position.stream().equals(stream)).findFirst();
    }

    public List<StreamPosition> all() {
        return database.read("read stream positions", connection -> {
            List<StreamPosition> positions = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT stream, generation, sequence, chunks_done, chunks_total, complete, updated_at "
                            + "FROM stream_positions ORDER BY stream");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    positions.add(new StreamPosition(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                            row.getLong(5), row.getInt(6) == 1, Instant.parse(row.getString(7))));
                }
            }
            return positions;
        });
    }

    public void save(StreamPosition position) {
        database.inTransaction("save the position of stream " + position.stream(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO stream_positions (stream, generation, sequence, chunks_done, chunks_total, complete,
                                                  updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (stream) DO UPDATE SET generation = excluded.generation,
                        sequence = excluded.sequence, chunks_done = excluded.chunks_done,
                        chunks_total = excluded.chunks_total, complete = excluded.complete,
                        updated_at = excluded.updated_at""")) {
                upsert.setString(1, position.stream());
                upsert.setLong(2, position.generation());
                upsert.setLong(3, position.sequence());
                upsert.setLong(4, position.chunksDone());
                upsert.setLong(5, position.chunksTotal());
                upsert.setInt(6, position.complete() ? 1 : 0);
                upsert.setString(7, Timestamps.format(position.updatedAt()));
                upsert.executeUpdate();
            }
            return null;
        });
    }
}
