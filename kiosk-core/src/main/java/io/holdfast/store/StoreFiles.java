package io.holdfast.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Checks on the file itself, made before anything is written to it. */
final class StoreFiles {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private StoreFiles() {
    }

    /** A missing or empty file becomes a new store; anything else must start with SQLite's header. */
    static void requireSqliteOrEmpty(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreUnavailableException(file, "is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(SQLITE_HEADER.length);
            if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
                throw new StoreUnavailableException(file,
                        "is not a SQLite database (its first bytes are not the SQLite header); it was left untouched");
            }
        } catch (IOException e) {
            throw new StoreUnavailableException(file, "cannot be read (" + e + ")", e);
        }
    }

    /** Takes and gives back the write lock, so a store another process holds fails now, not at the first sale. */
    static void requireWritable(DatabaseSettings settings, Connection writer) {
        try (var statement = writer.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            throw StoreFailures.whileOpening(settings, e);
        }
    }

    /** {@code PRAGMA quick_check}: every page and index is readable and consistent. */
    static void requireIntact(Path file, Connection connection) {
        List<String> problems = new ArrayList<>();
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("PRAGMA quick_check")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw StoreFailures.whileOpening(DatabaseSettings.of(file), e);
        }
        if (!problems.equals(List.of("ok"))) {
            throw new StoreUnavailableException(file, "failed its integrity check: "
                    + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : "")
                    + "; it was left untouched");
        }
    }
}
