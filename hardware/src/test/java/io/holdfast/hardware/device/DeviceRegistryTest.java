package io.holdfast.hardware.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.holdfast.hardware.payment.SimulatedPaymentTerminal;

class DeviceRegistryTest {

    /** The terminals' clock: a day the test chooses; nothing here depends on it. */
    private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2026-11-24T09:30:00Z"),
            java.time.ZoneOffset.UTC);

    @Test
    void listsDevicesInIdOrderAndRefusesADuplicateId() {
        DeviceRegistry registry = new DeviceRegistry();
        registry.register(new SimulatedPaymentTerminal("till-2-terminal", CLOCK));
        registry.register(new SimulatedPaymentTerminal("till-1-terminal", CLOCK));

        assertThat(registry.all()).extracting(Device::id).containsExactly("till-1-terminal", "till-2-terminal");
        assertThat(registry.find("till-2-terminal")).isPresent();
        assertThatThrownBy(() -> registry.register(new SimulatedPaymentTerminal("till-1-terminal", CLOCK)))
                .hasMessage("device id 'till-1-terminal' is used twice");
    }
}
