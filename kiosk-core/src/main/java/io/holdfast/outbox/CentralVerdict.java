package io.holdfast.outbox;

import java.util.Objects;

/**
 * Central's answer about one event it applied, carried with its acknowledgement, for events whose
 * outcome the store must know (a gift-card redemption made offline: accepted, or overdrawn).
 *
 * @param result     such as {@code accepted} or {@code overdrawn}
 * @param detailJson what central adds, as a JSON object
 */
public record CentralVerdict(String eventKey, String result, String detailJson) {
    public CentralVerdict {
        Objects.requireNonNull(eventKey, "event key");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detailJson, "detail");
    }
}
