package io.holdfast.gateway.central;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.holdfast.gateway.config.ResilienceSettings;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.ModeBoard;
import io.holdfast.mode.Transition;

/**
 * One guard per capability, tied both ways to the mode board: every call's outcome is told to the
 * board, and an isolation on the board forces that capability's breaker open until it is restored.
 */
public final class CentralGuards implements AutoCloseable {

    private final Map<Capability, CapabilityGuard> guards = new EnumMap<>(Capability.class);
    private final CapabilityGuard manifest;

    public CentralGuards(ResilienceSettings settings, ModeBoard board, Clock clock) {
        CapabilityGuard.Observer tellBoard = new CapabilityGuard.Observer() {
            @Override
            public void answered(Capability capability) {
                board.centralObserved(capability, true, "central answered");
            }

            @Override
            public void failed(Capability capability, String reason) {
                board.centralCallFailed(capability);
            }

            @Override
            public void switchedOff(Capability capability, String reason) {
                board.centralObserved(capability, false, reason);
            }
        };
        for (Capability capability : Capability.values()) {
            CapabilityGuard guard = new CapabilityGuard(capability, settings.guard(capability), clock);
            guard.addObserver(tellBoard);
            guards.put(capability, guard);
        }
        this.manifest = new CapabilityGuard(Capability.ORDERS, "ORDERS_MANIFEST",
                settings.guard(Capability.ORDERS).withCallBudget(HttpCentralOrders.MANIFEST_BUDGET), clock);
        manifest.addObserver(tellBoard);
        board.addListener(this::follow);
        for (Capability capability : Capability.values()) {
            if (board.isIsolated(capability)) {
                isolate(capability);
            }
        }
    }

    public CapabilityGuard guard(Capability capability) {
        return guards.get(capability);
    }

    /** The guard for manifest downloads, whose budget is sized for a whole store. */
    public CapabilityGuard manifest() {
        return manifest;
    }

    /** Central answers this capability as far as the store knows. */
    public boolean answering(Capability capability) {
        return guards.get(capability).answering()
                && (capability != Capability.ORDERS || manifest.answering());
    }

    private void follow(Transition transition) {
        if (transition.to() == CapabilityState.ISOLATED) {
            isolate(transition.capability());
        } else if (transition.from() == CapabilityState.ISOLATED) {
            guards.get(transition.capability()).release();
            if (transition.capability() == Capability.ORDERS) {
                manifest.release();
            }
        }
    }

    private void isolate(Capability capability) {
        guards.get(capability).isolate();
        if (capability == Capability.ORDERS) {
            manifest.isolate();
        }
    }

    @Override
    public void close() {
        guards.values().forEach(CapabilityGuard::close);
        manifest.close();
    }
}
