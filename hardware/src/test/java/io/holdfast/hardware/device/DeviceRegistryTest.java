package io.holdfast.hardware.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.holdfast.hardware.payment.SimulatedPaymentTerminal;

class DeviceRegistryTest {

    @Test
    void listsDevicesInIdOrderAndRefusesADuplicateId() {
        DeviceRegistry registry = new DeviceRegistry();
        registry.register(new SimulatedPaymentTerminal("till-2-terminal", Clock.fixed(java.time.Instant.parse("2026-11-24T09:30:00Z"), java.time.ZoneOffset.UTC)));
        registry.register(new SimulatedPaymentTerminal("till-1-terminal", Clock.fixed(java.time.Instant.parse("2026-11-24T09:30:00Z"), java.time.ZoneOffset.UTC)));

        assertThat(registry.all()).extracting(Device::id).containsExactly("till-1-terminal", "till-2-terminal");
        assertThat(registry.find("till-2-terminal")).isPresent();
        assertThatThrownBy(() -> registry.register(new SimulatedPaymentTerminal("till-1-terminal", Clock.fixed(java.time.Instant.parse("2026-11-24T09:30:00Z"), java.time.ZoneOffset.UTC))))
                .hasMessage("device id 'till-1-terminal' is used twice");
    }
}
