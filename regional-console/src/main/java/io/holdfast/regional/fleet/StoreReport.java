package io.holdfast.regional.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console knows of one store, from its latest heartbeat (or its last will).
 *
 * @param online       false once its last will or goodbye arrived
 * @param heardAt      when the console received the latest message, on the console's clock
 * @param reportedAt   when the store says it sent it, on the store's clock
 * @param capabilities capability name to its state and backlog
 * @param update       the update report: {@code state}, {@code version}, {@code running}, {@code detail}
 * @param flags        states it cannot be in, said in words
 */
public record StoreReport(String store, boolean online, Instant heardAt, Instant reportedAt, String mode,
                          Map<String, CapabilityReport> capabilities, long backlog, long eventsPerSecond,
                          String gatewayVersion, Map<String, String> update, List<String> flags) {

    public StoreReport {
        capabilities = Map.copyOf(capabilities);
        update = Map.copyOf(update);
        flags = List.copyOf(flags);
    }

    /** One capability as the store reported it. */
    public record CapabilityReport(String state, long backlog) {
    }

    public Optional<String> state(String capability) {
        return Optional.ofNullable(capabilities.get(capability)).map(CapabilityReport::state);
    }

    public long backlog(String capability) {
        return Optional.ofNullable(capabilities.get(capability)).map(CapabilityReport::backlog).orElse(0L);
    }

    public String updateState() {
        return update.getOrDefault("state", "");
    }

    /** The same store gone quiet: its last will keeps what it said before. */
    StoreReport offline(Instant at) {
        return new StoreReport(store, false, at, at, mode, capabilities, backlog, 0, gatewayVersion, update, flags);
    }
}
