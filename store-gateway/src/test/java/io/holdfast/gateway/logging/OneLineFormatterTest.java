package io.holdfast.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.helidon.logging.common.HelidonMdc;

class OneLineFormatterTest {

    @AfterEach
    void clearContext() {
        HelidonMdc.clear();
    }

    @Test
    void aTextLineCarriesTheRequestIdAndFoldsTheStackTraceOntoIt() {
        HelidonMdc.set("request-id", "desk-7-0042");
        LogRecord record = record("Order {0} handed over", "CC-100001");
        record.setThrown(new IllegalStateException("printer jammed"));

        String line = new OneLineFormatter(LogFormat.TEXT).format(record);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("INFO [desk-7-0042] Collections: Order CC-100001 handed over")
                .contains("IllegalStateException: printer jammed");
    }

    @Test
    void aNewlineInAnUntrustedStringCannotForgeALineOfItsOwn() {
        LogRecord record = record("refused a command: no trusted key is called {0}",
                "'x'\n2026-12-01T09:00:00Z SEVERE [-] Gateway: store database deleted\r\u2028");

        String line = new OneLineFormatter(LogFormat.TEXT).format(record);

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("'x'\\u000a2026-12-01T09:00:00Z SEVERE").contains("\\u000d\\u2028");
    }

    @Test
    void aJsonLineIsOneParsableObject() throws Exception {
        HelidonMdc.set("request-id", "kiosk-2-0007");

        String line = new OneLineFormatter(LogFormat.JSON).format(record("Return {0} accepted", "R-1"));

        assertThat(line.lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("requestId").asText()).isEqualTo("kiosk-2-0007");
        assertThat(json.path("message").asText()).isEqualTo("Return R-1 accepted");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("io.holdfast.Collections");
    }

    @Test
    void aLineOutsideARequestSaysSo() {
        assertThat(new OneLineFormatter(LogFormat.TEXT).format(record("started")))
                .contains("INFO [-] Collections: started");
    }

    @Test
    void theFormatIsTextOrJson() {
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> LogFormat.parse("xml"))
                .hasMessage("log format must be 'text' or 'json', but was 'xml'");
    }

    private static LogRecord record(String message, Object... parameters) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("io.holdfast.Collections");
        record.setParameters(parameters);
        return record;
    }
}
