package io.holdfast.audit;

/**
 * Text that came from outside (a key id on the broker, a scanned code, a field of a request) as it
 * may be written into a log line or the audit log: every control character but the tab, line and
 * paragraph separators included, becomes a visible {@code \\uXXXX} escape, so a newline in a key id cannot make
 * a log line of its own, and it is cut to {@link #MAX} characters.
 */
public final class Untrusted {

    public static final int MAX = 200;

    private Untrusted() {
    }

    public static String text(String raw) {
        return escape(raw, MAX);
    }

    /** Every control character escaped, nothing cut: for a whole log line made of trusted and untrusted parts. */
    public static String escape(String raw) {
        return escape(raw, Integer.MAX_VALUE);
    }

    private static String escape(String raw, int max) {
        if (raw == null) {
            return "null";
        }
        StringBuilder safe = new StringBuilder(Math.min(raw.length(), max) + 16);
        for (int i = 0; i < raw.length() && i < max; i++) {
            char c = raw.charAt(i);
            if (c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        if (raw.length() > max) {
            safe.append("… (").append(raw.length()).append(" characters)");
        }
        return safe.toString();
    }
}
