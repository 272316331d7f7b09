package io.holdfast.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.sqlite.SQLiteConnection;

/** SQLite's online backup API: a page-by-page copy that stays consistent while others write. */
final class OnlineBackup {

    private OnlineBackup() {
    }

    static BackupReport copy(DatabaseSettings source, Path target) {
        if (!Files.isRegularFile(source.file())) {
            throw new StoreUnavailableException(source.file(), "does not exist, so there is nothing to back up");
        }
        if (Files.exists(target)) {
            throw new StoreException("Backup target " + target + " already exists; choose a new file so nothing is overwritten");
        }
        StoreFiles.requireSqliteOrEmpty(source.file());
        createFolder(target);
        long started = System.nanoTime();
        Connection connection = StoreConnections.open(source, StoreConnections.Access.READ);
        try {
            ((SQLiteConnection) connection).getDatabase().backup("main", target.toString(), null);
        } catch (SQLException e) {
            throw StoreException.of("back up " + source.file() + " to " + target, e);
        } finally {
            Database.closeQuietly(connection);
        }
        verify(target);
        return new BackupReport(target, size(target), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void verify(Path target) {
        Connection copy = StoreConnections.open(DatabaseSettings.of(target), StoreConnections.Access.READ);
        try {
            StoreFiles.requireIntact(target, copy);
        } finally {
            Database.closeQuietly(copy);
        }
    }

    private static void createFolder(Path target) {
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new StoreException("Cannot create the folder for backup " + target + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path target) {
        try {
            return Files.size(target);
        } catch (IOException e) {
            throw new StoreException("Cannot read the size of backup " + target, e);
        }
    }
}
