package io.holdfast.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one way an instant is written to the store: fixed-width UTC text with nine fractional digits
 * ({@code 2026-11-24T09:30:00.000000000Z}), so SQLite compares it as text in time order and a value
 * read back equals the one written. {@code Instant.toString()} writes as few fraction digits as the
 * instant needs ({@code 09:00:00Z}, {@code 09:00:00.5Z}), so its text does not sort
 * ({@code 09:00:00Z} comes after {@code 09:00:00.5Z}): never write it to a column that is compared.
 */
public final class Timestamps {

    /** How long every written timestamp is, in characters. */
    public static final int WIDTH = 30;

    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FIXED.format(instant);
    }

    /** Reads a stored timestamp in the fixed format or in any ISO-8601 instant (rows from before V14). */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a timestamp: '" + text + "'", e);
        }
    }
}
