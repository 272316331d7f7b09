package io.holdfast.exceptions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the manager must resolve.
 *
 * @param detail     what happened, in words
 * @param assignedTo the colleague looking after it, once assigned
 * @param resolution how the manager resolved it, once resolved
 */
public record ManagerException(String exceptionId, ExceptionKind kind, String aggregateId, String detail,
                               Instant raisedAt, Optional<String> assignedTo, Optional<Resolution> resolution) {

    public record Resolution(String staffId, String note, Instant at) {
    }

    public ManagerException {
        Objects.requireNonNull(exceptionId, "exception id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(aggregateId, "aggregate id");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(raisedAt, "raised at");
        Objects.requireNonNull(assignedTo, "assigned to");
        Objects.requireNonNull(resolution, "resolution");
    }

    public boolean open() {
        return resolution.isEmpty();
    }
}
