package io.holdfast.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.Immutable;
import io.holdfast.testing.TestClocks;

/** A store that cannot be written is not ready: readiness makes a real write, not just a read. */
class StoreWritesTest {

    @TempDir
    Path folder;

    @Test
    void readinessFailsWhileTheStoreCannotBeWrittenAndRecoversWhenItCan() {
        Path file = folder.resolve("holdfast.db");
        TestStores.seed(file, List.of());
        try (Gateway gateway = Gateway.start(TestStores.settingsFor(file), TestClocks.TICKING)) {
            String ready = "http://127.0.0.1:" + gateway.port() + "/health/ready";
            assertThat(HttpCalls.get(ready).statusCode()).isEqualTo(200);
            Path wal = folder.resolve("holdfast.db-wal");

            Immutable.set(wal, true);
            try {
                assertThat(HttpCalls.get(ready).statusCode()).isEqualTo(503);
                assertThat(HttpCalls.get(ready).body()).contains("failing");
            } finally {
                Immutable.set(wal, false);
            }

            assertThat(HttpCalls.get(ready).statusCode()).isEqualTo(200);
        }
    }
}
