package io.holdfast.gateway.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.helidon.config.Config;

import io.holdfast.gateway.central.GuardSettings;
import io.holdfast.mode.Capability;

/**
 * How calls to central are guarded, per capability ({@code holdfast.capabilities.orders.call-budget},
 * {@code window-calls}, {@code minimum-calls}, {@code open-for}, {@code concurrent-calls}), how often a degraded capability probes central, and how long it must answer
 * before the board calls it online again.
 */
public record ResilienceSettings(Map<Capability, GuardSettings> guards, Duration probeEvery, Duration minimumHold,
                                 Duration watchEvery) {

    public static final Duration DEFAULT_PROBE_EVERY = Duration.ofSeconds(2);
    /** How often each online capability's health is checked with nobody at the desk; zero: never. */
    public static final Duration DEFAULT_WATCH_EVERY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MINIMUM_HOLD = Duration.ofSeconds(30);

    public ResilienceSettings {
        EnumMap<Capability, GuardSettings> copy = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            copy.put(capability, guards.getOrDefault(capability, GuardSettings.DEFAULT));
        }
        guards = Map.copyOf(copy);
        if (probeEvery.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("holdfast.mode.probe-every must be at least 100 ms, but was " + probeEvery);
        }
        if (minimumHold.isNegative()) {
            throw new IllegalArgumentException("holdfast.mode.minimum-hold must not be negative, but was " + minimumHold);
        }
        if (watchEvery.isNegative() || (!watchEvery.isZero() && watchEvery.compareTo(Duration.ofMillis(100)) < 0)) {
            throw new IllegalArgumentException("holdfast.mode.watch-every must be 0 (off) or at least 100 ms, but was "
                    + watchEvery);
        }
    }

    public static ResilienceSettings defaults() {
        return new ResilienceSettings(Map.of(), DEFAULT_PROBE_EVERY, DEFAULT_MINIMUM_HOLD, DEFAULT_WATCH_EVERY);
    }

    /** How often an online capability's health is checked on its own; {@link Duration#ZERO} turns the watch off. */
    public ResilienceSettings withWatch(Duration every) {
        return new ResilienceSettings(guards, probeEvery, minimumHold, every);
    }

    public GuardSettings guard(Capability capability) {
        return guards.get(capability);
    }

    public ResilienceSettings withGuard(Capability capability, GuardSettings settings) {
        Map<Capability, GuardSettings> more = new EnumMap<>(guards);
        more.put(capability, settings);
        return new ResilienceSettings(more, probeEvery, minimumHold, watchEvery);
    }

    public ResilienceSettings withTiming(Duration probe, Duration hold) {
        return new ResilienceSettings(guards, probe, hold, watchEvery);
    }

    static ResilienceSettings from(Config holdfast) {
        Map<Capability, GuardSettings> guards = new EnumMap<>(Capability.class);
        for (Capability capability : Capability.values()) {
            Config node = holdfast.get("capabilities." + CentralEndpoints.key(capability));
            GuardSettings d = GuardSettings.DEFAULT;
            guards.put(capability, new GuardSettings(
                    node.get("call-budget").as(Duration.class).orElse(d.callBudget()),
                    node.get("window-calls").asInt().orElse(d.windowCalls()),
                    node.get("minimum-calls").asInt().orElse(d.minimumCalls()),
                    node.get("open-for").as(Duration.class).orElse(d.openFor()),
                    node.get("concurrent-calls").asInt().orElse(d.concurrent())));
        }
        Config mode = holdfast.get("mode");
        return new ResilienceSettings(guards,
                mode.get("probe-every").as(Duration.class).orElse(DEFAULT_PROBE_EVERY),
                mode.get("minimum-hold").as(Duration.class).orElse(DEFAULT_MINIMUM_HOLD),
                mode.get("watch-every").as(Duration.class).orElse(DEFAULT_WATCH_EVERY));
    }
}
