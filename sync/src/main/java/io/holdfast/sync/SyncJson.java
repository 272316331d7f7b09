package io.holdfast.sync;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one JSON mapper for what crosses to and from central: envelopes, batches, stream messages. */
public final class SyncJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SyncJson() {
    }
}
