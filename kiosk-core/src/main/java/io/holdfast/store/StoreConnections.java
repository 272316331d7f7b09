package io.holdfast.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens connections with the store's pragmas: WAL, foreign keys, a busy timeout, full sync, secure delete. */
final class StoreConnections {

    enum Access { READ, WRITE }

    private StoreConnections() {
    }

    static Connection open(DatabaseSettings settings, Access access) {
        try {
            return config(settings, access).createConnection(url(settings));
        } catch (SQLException e) {
            throw StoreFailures.whileOpening(settings, e);
        }
    }

    static SQLiteDataSource dataSource(DatabaseSettings settings) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config(settings, Access.WRITE));
        dataSource.setUrl(url(settings));
        return dataSource;
    }

    private static SQLiteConfig config(DatabaseSettings settings, Access access) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(Math.toIntExact(settings.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        if (access == Access.WRITE) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // Deleted and overwritten content is zeroed on disk, so what the retention purge removes
            // (and acknowledged events the relay clears) does not linger in free pages.
            config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "ON");
        } else {
            config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
            config.setReadOnly(true);
        }
        return config;
    }

    private static String url(DatabaseSettings settings) {
        return "jdbc:sqlite:" + settings.file();
    }
}
