package io.holdfast.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store's SQLite file lives and how long a statement may wait for a lock.
 *
 * @param file        the SQLite file; its folder is created when missing
 * @param busyTimeout how long a statement waits for another connection's lock before failing
 * @param readers     how many read connections may be open at once
 */
public record DatabaseSettings(Path file, Duration busyTimeout, int readers) {

    /** Five seconds: long enough to ride out a checkpoint, short enough that a desk is never stuck. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** Four readers serve a store's desks, kiosks and tills; SQLite has one writer whatever we do. */
    public static final int DEFAULT_READERS = 4;

    public DatabaseSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.isZero()) {
            throw new IllegalArgumentException("busy timeout must be positive, but was " + busyTimeout);
        }
        if (readers < 1) {
            throw new IllegalArgumentException("readers must be at least 1, but was " + readers);
        }
        file = file.toAbsolutePath().normalize();
    }

    public static DatabaseSettings of(Path file) {
        return new DatabaseSettings(file, DEFAULT_BUSY_TIMEOUT, DEFAULT_READERS);
    }
}
