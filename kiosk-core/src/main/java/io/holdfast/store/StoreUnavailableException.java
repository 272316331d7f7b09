package io.holdfast.store;

import java.nio.file.Path;

/**
 * The store database cannot be opened: corrupt, locked, in use, unreadable or from a newer
 * gateway. The message is one line that names the file and the reason, fit to print and exit on.
 * Nothing is deleted or recreated when this is thrown.
 */
public final class StoreUnavailableException extends StoreException {

    private final Path file;

    StoreUnavailableException(Path file, String reason, Throwable cause) {
        super("Store database " + file + " " + reason, cause);
        this.file = file;
    }

    StoreUnavailableException(Path file, String reason) {
        this(file, reason, null);
    }

    public Path file() {
        return file;
    }
}
