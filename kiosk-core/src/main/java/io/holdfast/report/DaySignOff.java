package io.holdfast.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** A supervisor's confirmation of a store-day's report, with what they wrote. */
public record DaySignOff(LocalDate day, String staffId, String note, Instant signedAt) {
    public DaySignOff {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(staffId, "staff id");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(signedAt, "signed at");
    }
}
