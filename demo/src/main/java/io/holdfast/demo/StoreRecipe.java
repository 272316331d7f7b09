package io.holdfast.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.staff.StaffDirectory;

/**
 * {@code demo --central-only}: head office runs alone, and a store is served apart from it with
 * {@code holdfast serve}. This writes that store's configuration (central's addresses, the broker,
 * regional IT's and central's public keys, the shared collection-code and gift-card keys, the demo
 * kiosk and till) and prints the recipe that works, as printed.
 */
final class StoreRecipe {

    private StoreRecipe() {
    }

    /** Writes {@code store-<store>.yaml} into {@code data}; the store's own files go to {@code data/store-<store>/}. */
    static Path write(Path data, String store, int port, CentralSimulator central, URI broker,
                      java.util.Map<String, String> regionalKeys, DemoReleases releases) {
        Path folder = data.toAbsolutePath().resolve("store-" + store);
        Path config = data.toAbsolutePath().resolve("store-" + store + ".yaml");
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder yaml = new StringBuilder()
                .append("# Store ").append(store).append(" apart from the demo's head office: holdfast serve --config ")
                .append(config).append('\n')
                .append("server:\n  host: 127.0.0.1\n  port: ").append(port).append('\n')
                .append("holdfast:\n")
                .append("  store:\n    id: \"").append(store).append("\"\n")
                .append("    database: \"").append(folder.resolve("holdfast.db")).append("\"\n")
                .append("  devices:\n    spool: \"").append(folder.resolve("print-spool")).append("\"\n")
                .append("  central:\n");
        for (CentralService service : CentralService.values()) {
            yaml.append("    ").append(service.slug()).append("-url: ").append(central.url(service)).append('\n');
        }
        yaml.append("    collection-code-key: \"").append(base64.encodeToString(DemoDataset.COLLECTION_CODE_KEY)).append("\"\n")
                .append("    signing-public-key: \"").append(base64.encodeToString(central.signingKey().getEncoded()))
                .append("\"\n")
                .append("  sync:\n    broker: \"").append(broker).append("\"\n")
                .append("    trusted-keys:\n");
        regionalKeys.forEach((id, key) -> yaml.append("      - id: ").append(id).append("\n        public-key: \"")
                .append(key).append("\"\n"));
        yaml
                .append("  kiosks:\n    - {id: ").append(DemoSeeder.KIOSK_ID).append(", token-sha256: ")
                .append(StaffDirectory.sha256(DemoSeeder.KIOSK_TOKEN)).append("}\n")
                .append("  tills:\n    - {id: ").append(DemoSeeder.TILL_ID).append(", token-sha256: ")
                .append(StaffDirectory.sha256(DemoSeeder.TILL_TOKEN)).append("}\n")
                .append("  gift-cards:\n    key: \"").append(base64.encodeToString(GiftCardLedger.DEMO_KEY)).append("\"\n")
                .append(releases.yaml(folder.resolve("releases"), central));
        try {
            Files.createDirectories(folder);
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the store's configuration " + config, e);
        }
        return config;
    }

    static void print(PrintWriter out, String store, Path config, CentralSimulator central, URI broker, int port) {
        out.printf("%nHoldfast head office (central simulator) is running for store %s.%n", store);
        out.printf("  central switches %s  (and central's books)%n", central.adminUrl());
        out.printf("  MQTT broker      %s%n", broker);
        out.printf("  store config     %s%n", config);
        out.printf("Serve the store apart from it, in another terminal:%n");
        out.printf("  add staff        printf '1234\\n' | ./holdfast staff add --config %s --id S1001 --name Priya%n", config);
        out.printf("                   printf '9999\\n' | ./holdfast staff add --config %s --id S2001 --name Sam"
                + " --role SUPERVISOR%n", config);
        out.printf("  serve            ./holdfast serve --config %s%n", config);
        out.printf("  or supervised    ./holdfast supervise --config %s  (as systemd runs it: installs releases)%n", config);
        out.printf("  then open        http://localhost:%d/desk (S1001, PIN 1234)%n", port);
        out.flush();
    }
}
