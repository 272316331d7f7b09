package io.holdfast.gateway.logging;

import java.util.Locale;

/** How log lines are written: plain text for people, JSON for log shippers. */
public enum LogFormat {
    TEXT,
    JSON;

    public static LogFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("log format must be 'text' or 'json', but was '" + value + "'", e);
        }
    }
}
