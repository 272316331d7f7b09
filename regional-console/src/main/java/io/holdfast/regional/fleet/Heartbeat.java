package io.holdfast.regional.fleet;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.sync.SyncJson;

/**
 * Reads a message on a store's status topic: a full heartbeat, a presence claim (online, no
 * capabilities yet) or a last will (offline). Anything else is refused with a reason, never thrown.
 */
public final class Heartbeat {

    /** A heartbeat is a few hundred bytes; anything over this is refused unread. */
    public static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = SyncJson.MAPPER;

    private Heartbeat() {
    }

    /** Why a message on a status topic was ignored. */
    public enum Rejection {
        MALFORMED, OVERSIZED, UNKNOWN_STORE
    }

    /** What a status message says. */
    public sealed interface Reading {
        /** @param full false for a presence claim or a last will, which carry no capabilities */
        record Report(StoreReport report, boolean full) implements Reading {
        }

        record Rejected(Rejection why, String detail) implements Reading {
        }
    }

    private static Instant reportedAt(JsonNode beat, Instant fallback) {
        try {
            return beat.path("at").isTextual() ? Instant.parse(beat.get("at").asText()) : fallback;
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    public static Reading read(String store, byte[] payload, FleetRegister register, Instant heardAt,
                               Optional<StoreReport> before) {
        if (payload.length > MAX_BYTES) {
            return new Reading.Rejected(Rejection.OVERSIZED, payload.length + " bytes from " + store);
        }
        if (register.find(store).isEmpty()) {
            return new Reading.Rejected(Rejection.UNKNOWN_STORE, "store '" + store + "' is not in the register");
        }
        if (payload.length == 0) {
            // A retained message cleared: nothing to say about the store.
            return new Reading.Rejected(Rejection.MALFORMED, "an empty status from " + store);
        }
        JsonNode beat;
        try {
            beat = JSON.readTree(payload);
        } catch (IOException e) {
            return new Reading.Rejected(Rejection.MALFORMED, "not JSON from " + store);
        }
        if (beat == null || !beat.isObject() || !beat.path("online").isBoolean()
                || !store.equals(beat.path("store").asText(store))) {
            return new Reading.Rejected(Rejection.MALFORMED, "no 'online' flag, or another store's name, from " + store);
        }
        if (!beat.path("online").booleanValue()) {
            return new Reading.Report(before.map(report -> report.offline(heardAt)).orElse(
                    new StoreReport(store, false, heardAt, heardAt, "UNKNOWN", Map.of(), 0, 0, "", Map.of(), List.of())), false);
        }
        if (!beat.path("capabilities").isObject()) {
            StoreReport presence = before.map(report -> new StoreReport(store, true, heardAt, heardAt, report.mode(),
                    report.capabilities(), report.backlog(), report.eventsPerSecond(), report.gatewayVersion(),
                    report.update(), report.flags())).orElse(
                    new StoreReport(store, true, heardAt, heardAt, "UNKNOWN", Map.of(), 0, 0, "", Map.of(), List.of()));
            return new Reading.Report(presence, false);
        }
        Map<String, StoreReport.CapabilityReport> capabilities = new LinkedHashMap<>();
        beat.get("capabilities").fields().forEachRemaining(entry -> capabilities.put(entry.getKey(),
                new StoreReport.CapabilityReport(entry.getValue().path("state").asText(""),
                        entry.getValue().path("backlog").asLong(-1))));
        Map<String, String> update = new LinkedHashMap<>();
        beat.path("update").fields().forEachRemaining(entry -> {
            if (entry.getValue().isValueNode()) {
                update.put(entry.getKey(), entry.getValue().asText());
            }
        });
        String mode = beat.path("mode").asText("");
        long backlog = beat.path("backlog").asLong(-1);
        StoreReport report = new StoreReport(store, true, heardAt, reportedAt(beat, heardAt), mode, capabilities, backlog,
                beat.path("eventsPerSecond").asLong(0), beat.path("versions").path("gateway").asText(""), update,
                Plausibility.flags(mode, capabilities, backlog));
        return new Reading.Report(report, true);
    }
}
