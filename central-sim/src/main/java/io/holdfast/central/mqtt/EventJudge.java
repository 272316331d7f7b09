package io.holdfast.central.mqtt;

import java.util.Map;
import java.util.Optional;

/**
 * Central's business side of an event it applies once: some events get a verdict that travels
 * back with their acknowledgement (a gift-card redemption made offline: accepted or overdrawn).
 */
@FunctionalInterface
public interface EventJudge {

    EventJudge NONE = event -> Optional.empty();

    Optional<Verdict> judge(AppliedEvent event);

    record Verdict(String result, Map<String, Object> detail) {
        public Verdict {
            detail = Map.copyOf(detail);
        }
    }
}
