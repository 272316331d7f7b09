package io.holdfast.demo;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.holdfast.central.CentralService;
import io.holdfast.central.CentralSimulator;
import io.holdfast.central.GiftCardLedger;
import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.central.mqtt.EmbeddedBroker;
import io.holdfast.gateway.Gateway;
import io.holdfast.gateway.update.Updates;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.logging.Logging;
import io.holdfast.staff.Role;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.sync.command.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast demo}: a seeded demo store on a local SQLite file, against an in-process
 * central simulator whose switches break head office on demand.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo store with seeded orders, receipts and gift cards against a central simulator.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_STORE = "0421";
    static final long DEMO_SEED = 20250422L;
    static final String REGIONAL_KEY_ID = "demo-regional-it";
    /** A second person's key: a fleet-wide RESTORE and a release need their approval as well. */
    static final String APPROVER_KEY_ID = "demo-regional-approver";
    /** The schema a demo release says it needs: the newest migration this build brings. */
    static final int MINIMUM_SCHEMA = 21;
    static final String CENTRAL_BOOKS = "central-sim.db";

    @Option(names = "--port", defaultValue = "8080", description = "The gateway's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--sim-port", defaultValue = "8090",
            description = "The simulator's switchboard port; its services take the next five (default: ${DEFAULT-VALUE}).")
    int simPort;

    @Option(names = "--mqtt-port", defaultValue = "18830",
            description = "The embedded MQTT broker's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "Where the demo store's database lives (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--store", defaultValue = DEMO_STORE,
            description = "The store's number; central's dataset is made for it (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--central-only",
            description = "Run head office alone (the simulator, the broker, central's consumer and books) for a"
                    + " store served apart with 'holdfast serve': writes that store's configuration and prints how.")
    boolean centralOnly;

    @Option(names = "--stores", defaultValue = "200",
            description = "Stores in the demo's fleet, this one included; the rest are simulated (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--console-port", defaultValue = "8070",
            description = "Regional IT's console (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        GatewaySettings defaults = GatewaySettings.from(GatewayConfig.load(Optional.empty()));
        Logging.configure(defaults.logFormat());
        Clock clock = Clock.systemUTC();
        if (!store.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("--store takes a four-digit store number, not '" + store + "'");
        }
        DemoDataset dataset = DemoDataset.generate(store, DemoDataset.Size.DEMO, DEMO_SEED, clock);

        // Central's books live beside the store's data, so a restarted demo goes on where it stopped.
        CentralBooks books = CentralBooks.open(data.resolve(CENTRAL_BOOKS), clock);
        CentralSimulator central = CentralSimulator.start(CentralSimulator.Settings.from(simPort), dataset,
                GiftCardLedger.DEMO_KEY, clock, books);
        EmbeddedBroker broker = EmbeddedBroker.start(mqttPort);
        CentralConsumer consumer = CentralConsumer.start(broker.uri(), central.giftCards(), books)
                .answerSnapshotRequests(central::snapshotRows, clock);
        DemoReleases releases = DemoReleases.open(data, central);
        if (centralOnly) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                consumer.close();
                broker.close();
                central.close();
                books.close();
            }, "holdfast-central-shutdown"));
            Path config = StoreRecipe.write(data, store, port, central, broker.uri(), regionalKeys(), releases);
            StoreRecipe.print(spec.commandLine().getOut(), store, config, central, broker.uri(), port);
            releases.printCommands(spec.commandLine().getOut(), store, 2, MINIMUM_SCHEMA, "--broker " + broker.uri()
                    + " --key " + data.toAbsolutePath().resolve(REGIONAL_KEY_ID + ".key") + " --approve-with "
                    + APPROVER_KEY_ID + "=" + data.toAbsolutePath().resolve(APPROVER_KEY_ID + ".key"));
            spec.commandLine().getOut().printf("Press Ctrl+C to stop head office; its books stay in %s.%n%n",
                    config.getParent());
            spec.commandLine().getOut().flush();
            new java.util.concurrent.CountDownLatch(1).await();
            return 0;
        }
        if (stores < 1) {
            throw new IllegalArgumentException("--stores counts this store too: at least 1, not " + stores);
        }
        java.util.Map<String, String> trusted = new java.util.LinkedHashMap<>(regionalKeys());
        trusted.putAll(DemoFleet.operatorKeys(data, clock));
        DatabaseSettings database = DatabaseSettings.of(data.resolve("holdfast.db"));
        DemoSeeder.Seeded seeded = DemoSeeder.seedIfEmpty(database, dataset, clock);
        DemoDevices devices = DemoDevices.start(data.resolve("print-spool"));
        GatewaySettings settings = defaults.withStoreId(store)
                .withListener("127.0.0.1", port)
                .withDatabase(database)
                .withCentral(endpoints(central))
                .withDevices(devices.settings())
                .withSync(defaults.sync().withBroker(broker.uri())
                        .withTrustedKeys(trusted)
                        .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(5)))
                .withDesk(defaults.desk().withCentralSigningKey(central.signingKey())
                        .withCollectionCodeKey(DemoDataset.COLLECTION_CODE_KEY)
                        .withDevice(DemoSeeder.KIOSK_ID, Role.KIOSK, StaffDirectory.sha256(DemoSeeder.KIOSK_TOKEN))
                        .withDevice(DemoSeeder.TILL_ID, Role.TILL, StaffDirectory.sha256(DemoSeeder.TILL_TOKEN)))
                .withReturns(defaults.returns().withGiftCardKey(DemoSeeder.DEMO_GIFT_CARD_KEY)
                        .withReceiptSigningKey(storeReceiptKey()));
        Gateway gateway;
        try {
            gateway = Gateway.start(settings, clock, new Updates(releases.settings(data.resolve("releases"), central),
                    Optional.empty(), () -> {
                        throw new IllegalStateException("the in-process demo store has no supervisor");
                    }));
        } catch (RuntimeException e) {
            devices.close();
            consumer.close();
            broker.close();
            central.close();
            books.close();
            throw e;
        }
        DemoFleet fleet;
        try {
            fleet = DemoFleet.start(data, store, stores, consolePort, broker.uri(), trusted, clock);
        } catch (RuntimeException e) {
            gateway.close();
            devices.close();
            consumer.close();
            broker.close();
            central.close();
            books.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            gateway.close();
            devices.close();
            consumer.close();
            broker.close();
            central.close();
            books.close();
        }, "holdfast-demo-shutdown"));
        DemoDevices.printStoreOpen(gateway, store, clock);
        gateway.services().manifest().refresh();
        printWelcome(spec.commandLine().getOut(), gateway, central, dataset, seeded, releases, fleet, clock);
        gateway.awaitStop();
        return 0;
    }

    /**
     * Regional IT's two demo keys (an operator's and an approver's), made on first start next to the
     * database, for {@code ./holdfast sign}: the store trusts both.
     */
    private java.util.Map<String, String> regionalKeys() {
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (String id : List.of(REGIONAL_KEY_ID, APPROVER_KEY_ID)) {
            Path publicFile = data.resolve(id + ".pub");
            if (!Files.exists(publicFile)) {
                KeyFiles.create(data, id);
            }
            keys.put(id, KeyFiles.readPublicText(publicFile));
        }
        return keys;
    }

    /** The demo store's e-receipt signing key, made on first start next to the database. */
    private Path storeReceiptKey() {
        String keyId = "store-" + store;
        Path keyFile = data.resolve(keyId + ".key");
        if (!Files.exists(keyFile)) {
            KeyFiles.create(data, keyId);
        }
        return keyFile;
    }

    /** Every capability at its service on the simulator (their names match). */
    static CentralEndpoints endpoints(CentralSimulator central) {
        java.util.Map<io.holdfast.mode.Capability, java.net.URI> urls = new java.util.EnumMap<>(io.holdfast.mode.Capability.class);
        for (CentralService service : CentralService.values()) {
            urls.put(io.holdfast.mode.Capability.valueOf(service.name()), central.url(service));
        }
        return new CentralEndpoints(urls);
    }

    private static void printWelcome(PrintWriter out, Gateway gateway, CentralSimulator central, DemoDataset dataset,
                                     DemoSeeder.Seeded seeded, DemoReleases releases, DemoFleet fleet,
                                     Clock clock) {
        String base = "http://localhost:" + gateway.port();
        DemoDataset.DemoOrder sample = dataset.orders().getFirst();
        DemoDataset.DemoOrder second = dataset.orders().get(1);
        String store = dataset.storeId();
        out.printf("%nHoldfast demo store %s is open.%n", store);
        out.printf("  store database   %s (%s: %d receipts, %d gift cards; %d orders from central's manifest)%n",
                gateway.settings().database().file(), seeded.freshlySeeded() ? "seeded just now" : "kept from last time",
                seeded.receipts(), seeded.giftCards(), dataset.orders().size());
        out.printf("  gateway          %s/%n", base);
        out.printf("  collection desk  %s/desk%n", base);
        out.printf("  store status     %s/status  (each capability, its offline budget, the kill switch)%n", base);
        out.printf("  day report       %s/reports/day/today  (a supervisor signs in there, or at the desk)%n", base);
        out.printf("  returns kiosk    %s/kiosk#device=%s&token=%s%n", base, DemoSeeder.KIOSK_ID, DemoSeeder.KIOSK_TOKEN);
        out.printf("  a till           device %s, token %s (POST %s/api/v1/sessions {\"deviceId\", \"deviceToken\"})%n",
                DemoSeeder.TILL_ID, DemoSeeder.TILL_TOKEN, base);
        dataset.receipts().stream().filter(r -> r.issuedAt().isAfter(clock.instant().minus(Duration.ofDays(30))))
                .findFirst().ifPresent(r -> out.printf("  return from      receipt %s (%s)%n", r.id(),
                        r.lines().getFirst().description()));
        for (DemoSeeder.DemoStaff staff : DemoSeeder.STAFF) {
            out.printf("  sign in as       %s, PIN %s (%s, %s)%n", staff.staffId(), staff.pin(), staff.name(),
                    staff.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        out.printf("  try              order %s (collection code %s), or the name and postcode \"%s %s\"%n",
                sample.order().id(), sample.collectionCode(), second.order().customer().displayName(),
                second.order().customer().postcode());
        out.printf("  a signed QR      %s%n", central.collectionQr(second.order().id(), store,
                java.time.Duration.ofDays(14)));
        out.printf("  readiness        %s/health/ready%n", base);
        out.printf("  metrics          %s/metrics%n", base);
        out.printf("  API contract     %s/openapi%n", base);
        out.printf("  devices          %s/api/v1/devices and .../%s/last-receipt (signed in: everything under"
                + " /api/v1 needs a session but sign-in and the status)%n", base, DemoDevices.PRINTER);
        out.printf("  central switches %s  (make head office slow, failing, refusing or a blackhole)%n",
                central.adminUrl());
        out.printf("  MQTT broker      %s  (events to central, signed commands, the store's heartbeat)%n",
                gateway.settings().sync().broker().orElseThrow());
        String signWith = "--broker " + gateway.settings().sync().broker().orElseThrow() + " --key "
                + gateway.settings().database().file().toAbsolutePath().resolveSibling(REGIONAL_KEY_ID + ".key");
        fleet.printWelcome(out);
        out.printf("  regional IT      ./holdfast sign --store all --type ISOLATE --capabilities ORDERS,PAYMENTS %s%n",
                signWith);
        out.printf("                   ./holdfast sign --store %s --type RESTORE --capabilities ORDERS %s%n", store,
                signWith);
        releases.printCommands(out, store, gateway.services().updater().highestAccepted() + 1,
                gateway.services().updater().schemaVersion(), signWith + " --approve-with " + APPROVER_KEY_ID + "="
                        + gateway.settings().database().file().toAbsolutePath().resolveSibling(APPROVER_KEY_ID + ".key"));
        out.printf("                   (the status page shows it fetched, checked and staged; this in-process store has"
                + " no supervisor to switch it: 'demo --central-only' and 'supervise' play the switch)%n");
        DemoDataset.DemoGiftCard card = dataset.giftCards().getFirst();
        out.printf("  a gift card      %s, PIN %s (balance %s)%n", card.cardNumber(), card.pin(),
                card.balance().display());
        out.printf("Press Ctrl+C to stop; the store's data stays in %s.%n%n",
                gateway.settings().database().file().getParent());
        out.flush();
    }
}
