package io.holdfast.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * A list of public keys in configuration, {@code - {id: ..., public-key: <base64 X.509>}}, as the
 * command keys, the e-receipt keys and the release keys are all given; an entry without either is
 * refused with its key's name.
 */
final class ConfiguredKeys {

    private ConfiguredKeys() {
    }

    /** The keys by id, in the order given; none when the list is absent. */
    static Map<String, String> read(Config list) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Config entry : list.asNodeList().orElse(List.of())) {
            String id = entry.get("id").asString().orElseThrow(() -> new ConfigException(entry.key() + ".id is missing"));
            keys.put(id, entry.get("public-key").asString()
                    .orElseThrow(() -> new ConfigException(entry.key() + ".public-key is missing")));
        }
        return keys;
    }
}
