package io.holdfast.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.holdfast.central.CentralSimulator;
import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.sync.command.KeyFiles;

/**
 * Gateway updates in the demo: three release keys made beside the data (a store wants two of them),
 * head office's release server serving {@code data/central-releases/}, and the two commands regional
 * IT would run to build, sign and announce a release to the demo store.
 */
final class DemoReleases {

    static final List<String> KEY_IDS = List.of("demo-release-1", "demo-release-2", "demo-release-3");

    private final Path data;
    private final Map<String, String> publicKeys = new LinkedHashMap<>();

    private DemoReleases(Path data) {
        this.data = data.toAbsolutePath();
    }

    /** Makes the keys on first start and has head office serve the demo's release folder. */
    static DemoReleases open(Path data, CentralSimulator central) {
        DemoReleases releases = new DemoReleases(data);
        for (String keyId : KEY_IDS) {
            Path publicFile = releases.data.resolve(keyId + ".pub");
            if (!Files.exists(publicFile)) {
                KeyFiles.create(releases.data, keyId);
            }
            releases.publicKeys.put(keyId, KeyFiles.readPublicText(publicFile));
        }
        try {
            central.releases().serveFrom(Files.createDirectories(releases.shelf()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the demo's release folder " + releases.shelf(), e);
        }
        return releases;
    }

    Path shelf() {
        return data.resolve("central-releases");
    }

    Map<String, String> publicKeys() {
        return publicKeys;
    }

    /** The store's update settings: these keys, head office's server, a short quiet spell for the demo. */
    UpdateSettings settings(Path folder, CentralSimulator central) {
        UpdateSettings off = UpdateSettings.OFF;
        return new UpdateSettings(folder, Optional.of(central.releasesUrl()), publicKeys, 2, List.of(),
                off.windowStart(), off.windowEnd(), Duration.ofSeconds(10), off.backlogLimit(), off.healthWindow(),
                off.healthSoak(), off.checkEvery());
    }

    /** The same settings as YAML, for a store served apart ({@code demo --central-only}). */
    String yaml(Path folder, CentralSimulator central) {
        StringBuilder yaml = new StringBuilder("  updates:\n    folder: \"").append(folder).append("\"\n")
                .append("    server: \"").append(central.releasesUrl()).append("\"\n")
                .append("    quiet-for: PT10S\n    release-keys:\n");
        publicKeys.forEach((id, key) -> yaml.append("      - id: ").append(id).append("\n        public-key: \"")
                .append(key).append("\"\n"));
        return yaml.toString();
    }

    /** The two commands that build and sign release {@code number}, then announce it to {@code store}. */
    void printCommands(PrintWriter out, String store, long number, long schema, String signWith) {
        Path jar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
        String version = "1." + number + ".0";
        Path bundle = shelf().resolve("holdfast-" + version + ".zip");
        out.printf("  a release        ./holdfast release build --jar %s --libs %s --version %s --release %d"
                        + " --minimum-schema %d --sign-with %s=%s --sign-with %s=%s --out %s%n", jar,
                jar.resolveSibling("libs"), version, number, schema, KEY_IDS.get(0), data.resolve(KEY_IDS.get(0) + ".key"),
                KEY_IDS.get(1), data.resolve(KEY_IDS.get(1) + ".key"), bundle);
        out.printf("                   ./holdfast sign --store %s --type UPDATE_AVAILABLE --bundle %s --urgent %s%n",
                store, bundle, signWith);
    }
}
