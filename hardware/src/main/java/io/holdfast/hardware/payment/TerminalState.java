package io.holdfast.hardware.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * @param message what the terminal shows: empty while enabled, the reason while disabled
 * @param since   when the terminal last changed
 */
public record TerminalState(boolean contactlessEnabled, String message, Instant since) {

    /** A terminal shows two lines of about 20 characters. */
    public static final int MAX_MESSAGE = 40;

    public TerminalState {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
        if (message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("a terminal message may be at most " + MAX_MESSAGE
                    + " characters, but was " + message.length() + ": '" + message + "'");
        }
        if (!contactlessEnabled && message.isBlank()) {
            throw new IllegalArgumentException("a disabled terminal must show customers why");
        }
    }
}
