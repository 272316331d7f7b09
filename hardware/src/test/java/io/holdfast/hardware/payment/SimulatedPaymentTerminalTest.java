package io.holdfast.hardware.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.holdfast.hardware.device.DeviceHealth;

class SimulatedPaymentTerminalTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private final SimulatedPaymentTerminal terminal = new SimulatedPaymentTerminal("till-3-terminal", clock);

    @Test
    void startsEnabledAndSwitchesOffWithTheReasonCustomersSee() {
        assertThat(terminal.state().contactlessEnabled()).isTrue();

        terminal.disable("Card payments paused");

        assertThat(terminal.state()).isEqualTo(new TerminalState(false, "Card payments paused", clock.instant()));
        assertThat(terminal.health()).isEqualTo(new DeviceHealth(DeviceHealth.Status.CONNECTED,
                "contactless off: Card payments paused", java.util.Optional.of(clock.instant()), 0));
        terminal.enable();
        assertThat(terminal.state().contactlessEnabled()).isTrue();
        assertThat(terminal.history()).extracting(TerminalState::contactlessEnabled).containsExactly(true, false, true);
    }

    @Test
    void repeatingTheSameSwitchChangesNothing() {
        terminal.disable("Card payments paused");
        terminal.disable("Card payments paused");

        assertThat(terminal.history()).hasSize(2);
    }

    @Test
    void aDisabledTerminalMustSayWhyInWordsThatFit() {
        assertThatThrownBy(() -> terminal.disable(" ")).hasMessage("a disabled terminal must show customers why");
        assertThatThrownBy(() -> terminal.disable("x".repeat(41)))
                .hasMessageStartingWith("a terminal message may be at most 40 characters, but was 41");
        assertThat(terminal.state().contactlessEnabled()).isTrue();
    }
}
