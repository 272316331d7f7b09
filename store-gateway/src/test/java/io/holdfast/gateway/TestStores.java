package io.holdfast.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import java.net.URI;

import io.holdfast.central.demo.DemoDataset;
import io.holdfast.gateway.config.CentralEndpoints;
import io.holdfast.gateway.config.DeskSettings;
import io.holdfast.gateway.config.GatewayConfig;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.money.Money;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.Customer;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.staff.Role;
import io.holdfast.staff.SignInPolicy;
import io.holdfast.staff.StaffDirectory;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/** Test stores on real SQLite files, and settings for a gateway on a free loopback port. */
public final class TestStores {

    private TestStores() {
    }

    /** Staff every test store has: a colleague and a supervisor. */
    public static final String COLLEAGUE = "S1001";
    public static final String SUPERVISOR = "S2001";
    public static final String PIN = "2468";

    /**
     * A gateway on a free loopback port, whose central is a closed port (9, discard): tests that
     * want central start a simulator and say so.
     */
    public static GatewaySettings settingsFor(Path databaseFile) {
        return GatewaySettings.from(GatewayConfig.load(java.util.Optional.empty()))
                .withListener("127.0.0.1", 0)
                .withDatabase(DatabaseSettings.of(databaseFile))
                .withCentral(CentralEndpoints.all(URI.create("http://127.0.0.1:9")))
                .withDesk(DeskSettings.defaults().withCollectionCodeKey(DemoDataset.COLLECTION_CODE_KEY));
    }

    /** Every capability at its service on the simulator (their names match). */
    public static CentralEndpoints centralOf(io.holdfast.central.CentralSimulator central) {
        java.util.Map<io.holdfast.mode.Capability, URI> urls = new java.util.EnumMap<>(io.holdfast.mode.Capability.class);
        for (io.holdfast.central.CentralService service : io.holdfast.central.CentralService.values()) {
            urls.put(io.holdfast.mode.Capability.valueOf(service.name()), central.url(service));
        }
        return new CentralEndpoints(urls);
    }

    /** Signs a test colleague or supervisor in over HTTP and answers the bearer header value. */
    /**
     * Store 0421 seeded with {@code dataset}'s orders and talking to {@code central} with these guards, with
     * one contactless terminal, {@code till-1-terminal}, whose gate follows PAYMENTS.
     */
    public static Gateway withTerminalAgainst(Path folder, DemoDataset dataset, io.holdfast.central.CentralSimulator central,
                                              io.holdfast.gateway.config.ResilienceSettings resilience) {
        Path file = folder.resolve("holdfast.db");
        seed(file, dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList());
        return Gateway.start(settingsFor(file).withStoreId("0421").withCentral(centralOf(central))
                .withDevices(new io.holdfast.gateway.config.DeviceSettings(folder.resolve("spool"), List.of(), List.of(),
                        List.of("till-1-terminal")))
                .withResilience(resilience), TestClocks.TICKING);
    }

    public static String signIn(String base, String staffId) {
        var response = HttpCalls.postJson(base + "/api/v1/sessions",
                "{\"staffId\": \"" + staffId + "\", \"pin\": \"" + PIN + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("sign-in failed: " + response.body());
        }
        return "Bearer " + HttpCalls.json(response).path("token").asText();
    }

    /** A desk with the test kiosk ({@code kiosk-1}, token {@code kiosk-secret}) and till ({@code till-1}, {@code till-secret}). */
    public static DeskSettings kioskAndTill() {
        return desk()
                .withDevice("kiosk-1", io.holdfast.staff.Role.KIOSK, io.holdfast.staff.StaffDirectory.sha256("kiosk-secret"))
                .withDevice("till-1", io.holdfast.staff.Role.TILL, io.holdfast.staff.StaffDirectory.sha256("till-secret"))
                .withDevice("till-2", io.holdfast.staff.Role.TILL, io.holdfast.staff.StaffDirectory.sha256("till-2-secret"));
    }

    /** The test stores' desk settings: the collection-code key they share with the simulator, no devices. */
    public static DeskSettings desk() {
        return DeskSettings.defaults().withCollectionCodeKey(DemoDataset.COLLECTION_CODE_KEY);
    }

    public static String kiosk(String base) {
        return signInDevice(base, "kiosk-1", "kiosk-secret");
    }

    public static String till(String base) {
        return signInDevice(base, "till-1", "till-secret");
    }

    /** The second test till, {@code till-2}. */
    public static String secondTill(String base) {
        return signInDevice(base, "till-2", "till-2-secret");
    }

    /** Signs a kiosk or till in with its device token and answers the bearer header value. */
    public static String signInDevice(String base, String deviceId, String token) {
        var response = HttpCalls.postJson(base + "/api/v1/sessions",
                "{\"deviceId\": \"" + deviceId + "\", \"deviceToken\": \"" + token + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("device sign-in failed: " + response.body());
        }
        return "Bearer " + HttpCalls.json(response).path("token").asText();
    }

    /** An order ready for collection, to be collected within four days of the test clock's day. */
    public static Order anOrder(String id) {
        OrderId orderId = new OrderId(id);
        return new Order(orderId, new Customer("Jane Smith", "LS1 4AP", "j***@e***.com"),
                List.of(new OrderLine(1, "5001001", "Linen shirt, blue, M", 2, 0, Money.of(2950, "GBP"))),
                List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A3"))),
                TestClocks.today().plusDays(4), OrderStatus.READY, new CollectionCodes(DemoDataset.COLLECTION_CODE_KEY).hash("123456"),
                TestClocks.START.minus(Duration.ofDays(3)), 1);
    }

    /** An order whose collect-by date passed ten days before the test clock's day: the gateway expires it at start. */
    public static Order overdueOrder(String id) {
        Order order = anOrder(id);
        return new Order(order.id(), order.customer(), order.lines(), order.parcels(), TestClocks.today().minusDays(10),
                order.status(), order.collectionCodeHash(), order.updatedAt(), 1);
    }

    /** Writes orders and the test staff into the store file, then closes it so a gateway can own it. */
    public static void seed(Path databaseFile, List<Order> orders) {
        try (Database database = Database.open(DatabaseSettings.of(databaseFile))) {
            new SqliteOrderRepository(database).saveAll(orders);
            StaffDirectory staff = new StaffDirectory(database, SignInPolicy.DEFAULT, java.util.Map.of(),
                    TestClocks.TICKING);
            staff.provision(COLLEAGUE, "Priya", Role.COLLEAGUE, PIN);
            staff.provision(SUPERVISOR, "Sam", Role.SUPERVISOR, PIN);
        }
    }

    /** Removes a test's temporary folder and everything in it; nothing when it was never made. */
    public static void deleteFolder(Path folder) throws java.io.IOException {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }
    }
}
