package io.holdfast.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.demo.GiftCardNumbers;
import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.mode.Capability;
import io.holdfast.mode.IsolationSource;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.downstream.GiftCardBalanceRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast bench-giftcards}: imports a snapshot of many gift cards through the gift-card
 * stream's applier (JSON rows in chunks, as they arrive over MQTT, into SQLite), reports the import
 * time and the database size, then measures offline balance checks over HTTP against that store
 * (GIFT_CARDS isolated, so every check reads the store's copy and its offline spend). Bounded in
 * time; talks to 127.0.0.1 only.
 */
@Command(name = "bench-giftcards", mixinStandardHelpOptions = true,
        description = "Measure a gift-card snapshot import and balance checks per second and p99 over HTTP.")
final class GiftCardBenchCommand implements Callable<Integer> {
    /** The machine's clock, read here once: this command is a composition root, and hands it on. */
    private final Clock clock = Clock.systemUTC();


    @Option(names = "--cards", defaultValue = "5000000", description = "Cards in the snapshot (default: ${DEFAULT-VALUE}).")
    int cards;

    @Option(names = "--chunk", defaultValue = "5000", description = "Rows per snapshot chunk (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Spec
    CommandSpec spec;

    private final Logger quietCentral = Logger.getLogger("io.holdfast.gateway.central");

    @Override
    public Integer call() throws Exception {
        if (cards < 1 || chunk < 1 || clients < 1 || seconds < 1 || seconds > 600 || warmup < 0 || warmup > 120) {
            throw new IllegalArgumentException("cards, chunk and clients must be positive, seconds 1 to 600, warm-up 0 to 120");
        }
        PrintWriter out = spec.commandLine().getOut();
        Logger.getLogger("").setLevel(Level.WARNING);
        quietCentral.setLevel(Level.OFF);
        Path folder = Files.createTempDirectory("holdfast-bench-giftcards");
        Path file = folder.resolve("holdfast.db");
        CardFingerprinter fingerprinter = new CardFingerprinter(GiftCardLedger.DEMO_KEY);
        try {
            importSnapshot(out, file, fingerprinter);
            measureBalanceChecks(out, file);
        } finally {
            BenchSupport.deleteTree(folder);
        }
        return 0;
    }

    private void importSnapshot(PrintWriter out, Path file, CardFingerprinter fingerprinter) throws Exception {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            BenchSupport.provisionStaff(database, clock);
            GiftCardBalanceRows applier = new GiftCardBalanceRows(new io.holdfast.giftcard.SqliteGiftCardBalances(database));
            String asOf = clock.instant().toString();
            // Central sends a snapshot in fingerprint order (its own index order), so the store's
            // inserts land in key order; the rows are made in that order before the clock starts.
            long sorting = System.nanoTime();
            int[] order = inFingerprintOrder(fingerprinter);
            long sorted = System.nanoTime() - sorting;
            long making = 0;
            long applying = 0;
            for (int from = 0; from < cards; from += chunk) {
                long started = System.nanoTime();
                List<String> rows = new ArrayList<>(chunk);
                for (int i = from; i < from + chunk && i < cards; i++) {
                    rows.add(row(fingerprinter, order[i], asOf));
                }
                long made = System.nanoTime();
                applier.apply(rows);
                applying += System.nanoTime() - made;
                making += made - started;
            }
            making += sorted;
            out.printf("snapshot import  %,d cards in chunks of %,d: %.1f s applying (%,.0f cards/s), %.1f s making the"
                    + " rows%n", cards, chunk, applying / 1e9, cards / (applying / 1e9), making / 1e9);
        }
        long bytes = Files.size(file);
        out.printf("database size    %,d bytes (%.0f MiB, %.0f bytes a card)%n", bytes, bytes / 1048576.0,
                (double) bytes / cards);
        out.flush();
    }

    /** Card numbers 1..cards, ordered by their fingerprints. */
    private int[] inFingerprintOrder(CardFingerprinter fingerprinter) {
        String[] fingerprints = new String[cards + 1];
        Integer[] order = new Integer[cards];
        for (int n = 1; n <= cards; n++) {
            fingerprints[n] = fingerprinter.fingerprint(GiftCardNumbers.number(n)).hex();
            order[n - 1] = n;
        }
        java.util.Arrays.parallelSort(order, java.util.Comparator.comparing(n -> fingerprints[n]));
        return java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** A row as central's gift-card stream carries it. */
    private static String row(CardFingerprinter fingerprinter, int n, String asOf) {
        CardNumber card = new CardNumber(GiftCardNumbers.number(n));
        return "{\"card\":\"" + fingerprinter.fingerprint(card).hex() + "\",\"lastFour\":\"" + card.lastFour()
                + "\",\"balance\":{\"amount\":" + (500L + (n % 400) * 25) + ",\"currency\":\"GBP\"},\"asOf\":\"" + asOf
                + "\",\"pinCheck\":\"" + fingerprinter.pinCheck(card, new CardPin(pin(n))).hex() + "\"}";
    }

    private static String pin(int n) {
        return "%04d".formatted((n * 37) % 10_000);
    }

    private void measureBalanceChecks(PrintWriter out, Path file) throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:9");
        GatewaySettings defaults = GatewaySettings.from(GatewayConfig.load(Optional.empty()));
        GatewaySettings settings = defaults.withStoreId(DemoCommand.DEMO_STORE).withListener("127.0.0.1", 0)
                .withDatabase(DatabaseSettings.of(file)).withCentral(CentralEndpoints.all(nowhere))
                .withReturns(defaults.returns().withGiftCardKey(GiftCardLedger.DEMO_KEY));
        try (Gateway gateway = Gateway.start(settings, clock)) {
            gateway.services().board().isolate(List.of(Capability.GIFT_CARDS), IsolationSource.STORE_MANAGER,
                    BenchSupport.STAFF_ID, "benchmark: every check reads the store's copy");
            String base = "http://127.0.0.1:" + gateway.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = BenchSupport.signIn(http, base);
            URI checks = URI.create(base + "/api/v1/gift-cards/balance-checks");
            HttpLoad.Result result = new HttpLoad(clients, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds))
                    .run(http, "balance checks", () -> {
                        int n = 1 + ThreadLocalRandom.current().nextInt(cards);
                        return HttpRequest.newBuilder(checks).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"cardNumber\":\"" + GiftCardNumbers.number(n)
                                        + "\",\"pin\":\"" + pin(n) + "\"}")).build();
                    });
            out.printf("balance checks   %,d cards  %d clients  %d s: %,9.0f checks/s  p50 %6.2f ms  p99 %6.2f ms"
                    + "  errors %d%n", cards, clients, seconds, result.perSecond(), result.percentileMillis(0.50),
                    result.percentileMillis(0.99), result.errors());
            out.flush();
        }
    }
}
