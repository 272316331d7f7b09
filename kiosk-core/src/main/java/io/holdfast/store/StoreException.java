package io.holdfast.store;

/**
 * A fault in the local store while it runs: names the operation that failed and keeps the cause.
 * Business rules never throw this; they return decisions.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    static StoreException of(String operation, Throwable cause) {
        return new StoreException("Cannot " + operation + ": " + cause.getMessage(), cause);
    }
}
