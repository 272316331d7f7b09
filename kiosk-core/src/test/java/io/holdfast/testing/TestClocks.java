package io.holdfast.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clocks tests run on. Every test chooses its day; none reads the machine's date, so the suite
 * passes on any date. {@code -Dholdfast.test.clock-shift=P400D} (or {@code -P400D}) moves the day
 * every test store lives on: CI runs the suite so, 400 days each way, to catch a fixture that is
 * not dated from this clock and code that reads the machine's clock after all.
 */
public final class TestClocks {

    /** The property that moves {@link #START}: an ISO-8601 duration. */
    public static final String SHIFT_PROPERTY = "holdfast.test.clock-shift";
    /**
     * The day test stores live on: Tuesday 24 November 2026, 09:30 in London (GMT, so UTC too),
     * moved by {@link #SHIFT_PROPERTY} when it is set.
     */
    public static final Instant START = Instant.parse("2026-11-24T09:30:00Z").plus(shift());
    /** The test stores' zone, as a gateway's default. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    /**
     * One ticking clock for everything a test starts (gateway, central simulator, relay, signer), so
     * they agree on the time while timers, sessions and backoffs still see it pass.
     */
    public static final Clock TICKING = ticking(START);

    private TestClocks() {
    }

    private static Duration shift() {
        String text = System.getProperty(SHIFT_PROPERTY, "").strip();
        return text.isEmpty() ? Duration.ZERO : Duration.parse(text);
    }

    /** {@link #START} in the test zone. */
    public static LocalDate today() {
        return LocalDate.ofInstant(START, ZONE);
    }

    public static Clock fixed() {
        return Clock.fixed(START, ZoneOffset.UTC);
    }

    /** A clock that starts at {@code start} and moves on with elapsed (monotonic) time. */
    public static Clock ticking(Instant start) {
        return new TickingClock(start, System.nanoTime());
    }

    private static final class TickingClock extends Clock {
        private final Instant start;
        private final long origin;

        TickingClock(Instant start, long origin) {
            this.start = start;
            this.origin = origin;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(this, Duration.ZERO);
        }

        @Override
        public Instant instant() {
            return start.plusNanos(System.nanoTime() - origin);
        }
    }
}
