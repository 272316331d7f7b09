package io.holdfast.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class BatchingLineHandlerTest {

    private static final Formatter MESSAGE_ONLY = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    @Test
    void everyLineIsWrittenOnceInTheOrderItWasLogged() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchingLineHandler handler = new BatchingLineHandler(out, MESSAGE_ONLY);
        for (int i = 0; i < 50_000; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.flush();

        await().atMost(Duration.ofSeconds(10)).until(() -> text(out).lines().count() == 50_000);
        assertThat(text(out).lines().toList()).startsWith("line 0", "line 1").endsWith("line 49999")
                .doesNotHaveDuplicates();
        handler.close();
    }

    @Test
    void aLineBelowTheHandlersLevelIsNotWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchingLineHandler handler = new BatchingLineHandler(out, MESSAGE_ONLY);
        handler.setLevel(Level.WARNING);
        handler.publish(new LogRecord(Level.INFO, "quiet"));
        handler.publish(new LogRecord(Level.WARNING, "loud"));
        handler.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> text(out).contains("loud"));
        assertThat(text(out)).doesNotContain("quiet");
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
