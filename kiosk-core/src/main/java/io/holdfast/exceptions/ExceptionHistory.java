package io.holdfast.exceptions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One step in an exception's life: raised, assigned, a note, an action, resolved. */
public record ExceptionHistory(int entryNo, Instant at, String actor, Entry entry, Optional<ExceptionAction> action,
                               String note) {

    public enum Entry { RAISED, ASSIGNED, NOTE, ACTION, RESOLVED }

    public ExceptionHistory {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(note, "note");
    }
}
