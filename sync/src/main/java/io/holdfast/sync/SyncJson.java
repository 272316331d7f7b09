package io.holdfast.sync;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.holdfast.store.StrictJson;

/** The one JSON mapper for what crosses to and from central: envelopes, batches, stream messages. */
public final class SyncJson {

    /** Strict about whole numbers: a sequence of {@code 100.5} or {@code "100"} is refused, not rounded. */
    public static final ObjectMapper MAPPER = StrictJson.strict(new ObjectMapper());

    private SyncJson() {
    }
}
