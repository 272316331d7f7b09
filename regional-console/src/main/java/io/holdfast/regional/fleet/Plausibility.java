package io.holdfast.regional.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.StoreMode;

/**
 * The states a store cannot be in, said in words: the console flags such a store rather than
 * trusting or dropping what it said (a bug, a tampered gateway, or a heartbeat from a newer release).
 */
public final class Plausibility {

    private static final Set<String> CAPABILITIES = names(Capability.values());
    private static final Set<String> STATES = names(CapabilityState.values());
    private static final Set<String> MODES = names(StoreMode.values());

    private Plausibility() {
    }

    public static List<String> flags(String mode, Map<String, StoreReport.CapabilityReport> capabilities,
                                     long backlog) {
        List<String> flags = new ArrayList<>();
        if (!MODES.contains(mode)) {
            flags.add("mode '" + mode + "' is not one a store has");
        }
        long sum = 0;
        boolean anyIsolated = false;
        boolean allOnline = true;
        for (Map.Entry<String, StoreReport.CapabilityReport> entry : capabilities.entrySet()) {
            String capability = entry.getKey();
            StoreReport.CapabilityReport report = entry.getValue();
            if (!CAPABILITIES.contains(capability)) {
                flags.add("'" + capability + "' is not a capability");
            }
            if (!STATES.contains(report.state())) {
                flags.add(capability + " is in state '" + report.state() + "', which does not exist");
            }
            if (report.backlog() < 0) {
                flags.add(capability + " reports a negative backlog");
            }
            sum += Math.max(0, report.backlog());
            anyIsolated |= report.state().equals("ISOLATED");
            allOnline &= report.state().equals("ONLINE");
        }
        if (!capabilities.keySet().containsAll(CAPABILITIES)) {
            flags.add("capabilities are missing from its heartbeat");
        }
        if (backlog != sum) {
            flags.add("its backlog (" + backlog + ") is not the sum of its capabilities' (" + sum + ")");
        }
        if (anyIsolated && !mode.equals("ISOLATED")) {
            flags.add("a capability is ISOLATED but the store says it is " + mode);
        }
        if (allOnline && !capabilities.isEmpty() && !mode.equals("NORMAL")) {
            flags.add("every capability is ONLINE but the store says it is " + mode);
        }
        return flags;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
