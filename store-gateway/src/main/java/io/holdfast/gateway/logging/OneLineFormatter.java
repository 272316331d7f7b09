package io.holdfast.gateway.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.logging.common.HelidonMdc;

import io.holdfast.audit.Untrusted;

/**
 * One line per event, with the request id when there is one. A stack trace is folded onto the
 * same line, and every control character in the message is escaped, so a log line is always one
 * event: a newline in a key id from the broker cannot forge a line of its own.
 */
final class OneLineFormatter extends Formatter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LogFormat format;

    OneLineFormatter(LogFormat format) {
        this.format = format;
    }

    @Override
    public String format(LogRecord record) {
        String message = Untrusted.escape(formatMessage(record));
        String requestId = HelidonMdc.get("request-id").orElse("-");
        String error = record.getThrown() == null ? "" : stackTrace(record.getThrown());
        return switch (format) {
            case TEXT -> Instant.ofEpochMilli(record.getMillis()) + " " + record.getLevel().getName()
                    + " [" + requestId + "] " + shortName(record.getLoggerName()) + ": " + message
                    + (error.isEmpty() ? "" : " | " + error.replace("\n", " | ")) + System.lineSeparator();
            case JSON -> json(record, message, requestId, error) + System.lineSeparator();
        };
    }

    private static String json(LogRecord record, String message, String requestId, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
        line.put("level", record.getLevel().getName());
        line.put("logger", record.getLoggerName());
        line.put("requestId", requestId);
        line.put("message", message);
        if (!error.isEmpty()) {
            line.put("error", error);
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            return "{\"level\":\"SEVERE\",\"message\":\"log line could not be written as JSON\"}";
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString().strip();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
