package io.holdfast.central.mqtt;

/** An event central has applied, as the store sent it. */
public record AppliedEvent(String store, long sequence, long previous, String key, String capability, String type,
                           String aggregate, String payloadJson) {
}
