package io.holdfast.store;

import java.sql.SQLException;
import java.util.Optional;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite's error codes met while opening into one plain sentence about the file. */
final class StoreFailures {

    private StoreFailures() {
    }

    static StoreUnavailableException whileOpening(DatabaseSettings settings, Throwable failure) {
        String reason = sqliteCode(failure)
                .map(code -> switch (code) {
                    case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY ->
                            "is locked by another process (waited " + settings.busyTimeout().toMillis() + " ms)";
                    case SQLITE_CORRUPT, SQLITE_NOTADB -> "is corrupt or not a SQLite database (" + code.message + ")";
                    case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR ->
                            "cannot be opened for writing (" + code.message + ")";
                    default -> "cannot be opened (" + rootMessage(failure) + ")";
                })
                .orElseGet(() -> "cannot be opened (" + rootMessage(failure) + ")");
        return new StoreUnavailableException(settings.file(), reason, failure);
    }

    private static Optional<SQLiteErrorCode> sqliteCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return Optional.of(baseCode(sqlite.getResultCode()));
            }
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                return Optional.of(baseCode(SQLiteErrorCode.getErrorCode(sql.getErrorCode())));
            }
        }
        return Optional.empty();
    }

    private static SQLiteErrorCode baseCode(SQLiteErrorCode code) {
        return switch (code) {
            case SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY -> SQLiteErrorCode.SQLITE_BUSY;
            default -> code.code > 255 ? SQLiteErrorCode.getErrorCode(code.code & 0xff) : code;
        };
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
