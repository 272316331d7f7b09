package io.holdfast.hardware.payment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.hardware.device.Device;
import io.holdfast.hardware.device.DeviceHealth;
import io.holdfast.hardware.device.DeviceKind;

/** A contactless terminal gate that only remembers: for the demo and the tests. */
public final class SimulatedPaymentTerminal implements PaymentTerminalGate, Device {

    private final String id;
    private final Clock clock;
    private final List<TerminalState> history = new ArrayList<>();
    private TerminalState state;

    public SimulatedPaymentTerminal(String id, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.state = new TerminalState(true, "", clock.instant());
        history.add(state);
    }

    @Override
    public synchronized void enable() {
        change(new TerminalState(true, "", clock.instant()));
    }

    @Override
    public synchronized void disable(String reasonOnTerminal) {
        change(new TerminalState(false, reasonOnTerminal.strip(), clock.instant()));
    }

    @Override
    public synchronized TerminalState state() {
        return state;
    }

    /** Every state it has been in, oldest first. */
    public synchronized List<TerminalState> history() {
        return List.copyOf(history);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.PAYMENT_TERMINAL;
    }

    @Override
    public String driver() {
        return "simulator";
    }

    @Override
    public synchronized DeviceHealth health() {
        String detail = state.contactlessEnabled() ? "contactless on" : "contactless off: " + state.message();
        return new DeviceHealth(DeviceHealth.Status.CONNECTED, detail, Optional.of(state.since()), 0);
    }

    private void change(TerminalState next) {
        if (next.contactlessEnabled() == state.contactlessEnabled() && next.message().equals(state.message())) {
            return;
        }
        state = next;
        history.add(next);
    }
}
