package io.holdfast.release;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A manifest as JSON: {@code {"version", "release", "files": [{"path", "sha256", "size"}], "minimumSchema",
 * "expires", "audience": {"all": true} | {"stores": [..]} | {"cohort": ".."}, "fix"}}. Signatures are
 * made over the exact bytes written here and checked over the exact bytes received: nothing is
 * re-encoded between the two.
 */
public final class ReleaseManifestJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseManifestJson() {
    }

    public static byte[] write(ReleaseManifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", manifest.version());
        root.put("release", manifest.release());
        ArrayNode files = root.putArray("files");
        manifest.files().forEach(file -> files.addObject().put("path", file.path()).put("sha256", file.sha256())
                .put("size", file.size()));
        root.put("minimumSchema", manifest.minimumSchema());
        root.put("expires", manifest.expires().toString());
        ObjectNode audience = root.putObject("audience");
        switch (manifest.audience()) {
            case ReleaseAudience.AllStores all -> audience.put("all", true);
            case ReleaseAudience.Stores stores -> stores.storeIds().forEach(audience.putArray("stores")::add);
            case ReleaseAudience.Cohort cohort -> audience.put("cohort", cohort.label());
        }
        root.put("fix", manifest.fix());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest could not be written as JSON", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    public static ReleaseManifest read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the manifest is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the manifest is not a JSON object");
        }
        List<ReleaseFile> files = new ArrayList<>();
        for (JsonNode file : array(root, "files")) {
            files.add(new ReleaseFile(text(file, "path"), text(file, "sha256"), number(file, "size")));
        }
        try {
            return new ReleaseManifest(text(root, "version"), number(root, "release"), files,
                    Math.toIntExact(number(root, "minimumSchema")), Instant.parse(text(root, "expires")),
                    audience(root.path("audience")), root.path("fix").asBoolean(false));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("the manifest's expires or minimumSchema is not valid: " + e.getMessage(), e);
        }
    }

    private static ReleaseAudience audience(JsonNode audience) {
        if (audience.path("all").asBoolean(false)) {
            return new ReleaseAudience.AllStores();
        }
        if (audience.has("stores")) {
            List<String> stores = new ArrayList<>();
            array(audience, "stores").forEach(store -> stores.add(store.asText()));
            return new ReleaseAudience.Stores(stores);
        }
        if (audience.path("cohort").isTextual()) {
            return new ReleaseAudience.Cohort(audience.get("cohort").asText());
        }
        throw new IllegalArgumentException("the manifest's audience must be {\"all\": true}, {\"stores\": [..]} or "
                + "{\"cohort\": \"..\"}");
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("the manifest's " + field + " must be a list");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the manifest's " + field + " must be text");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("the manifest's " + field + " must be a whole number");
        }
        return value.asLong();
    }
}
