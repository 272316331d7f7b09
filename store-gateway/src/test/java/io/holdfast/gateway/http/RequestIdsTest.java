package io.holdfast.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void aSaneIdFromTheCallerIsKept() {
        assertThat(RequestIds.idFor(Optional.of("desk-7-0042"))).isEqualTo("desk-7-0042");
    }

    @Test
    void madeIdsAreSaneAndNeverRepeatedInARun() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.idFor(Optional.of(i % 2 == 0 ? "has spaces" : "x".repeat(65)));
            assertThat(id).matches("[0-9a-f]{16}-[0-9a-f]+");
            made.add(id);
        }
        assertThat(made).hasSize(10_000);
    }
}
