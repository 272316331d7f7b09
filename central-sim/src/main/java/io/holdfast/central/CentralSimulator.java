package io.holdfast.central;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.WebServer;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.order.CollectionQr;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.store.Keys;

/**
 * A stand-in for the retailer's central systems, for tests, the demo and benchmarks. Each
 * service listens on its own port behind a {@link FaultyFront}, so each can be made healthy,
 * slow, failing, refusing or a blackhole on its own; {@code /sim} on the admin port holds the switches.
 */
public final class CentralSimulator implements AutoCloseable {

    /**
     * Where the simulator listens. Port 0 picks a free port.
     *
     * @param servicePorts one port per service, in {@link CentralService} order
     */
    public record Settings(InetAddress host, int adminPort, List<Integer> servicePorts) {

        public Settings {
            if (servicePorts.size() != CentralService.values().length) {
                throw new IllegalArgumentException("one port per central service is needed ("
                        + CentralService.values().length + "), but " + servicePorts.size() + " were given");
            }
            servicePorts = List.copyOf(servicePorts);
        }

        /** Loopback, free ports: for tests. */
        public static Settings ephemeral() {
            return new Settings(InetAddress.getLoopbackAddress(), 0, List.of(0, 0, 0, 0, 0));
        }

        /**
         * Loopback, {@code adminPort} and the five ports after it: the demo's fixed addresses.
         * Port 0 means free ports for all six.
         */
        public static Settings from(int adminPort) {
            if (adminPort == 0) {
                return ephemeral();
            }
            return new Settings(InetAddress.getLoopbackAddress(), adminPort,
                    List.of(adminPort + 1, adminPort + 2, adminPort + 3, adminPort + 4, adminPort + 5));
        }
    }

    private final WebServer backend;
    private final Map<CentralService, FaultyFront> fronts;
    private final DemoDataset dataset;
    private final CentralOrderBook orders;
    private final CentralApis apis;
    private final GiftCardLedger giftCards;
    private final KeyPair signingKeys;
    private final Clock clock;
    private final CentralBooks books;
    private final boolean ownsBooks;
    private final ReleaseShelf releases;

    private CentralSimulator(WebServer backend, Map<CentralService, FaultyFront> fronts, DemoDataset dataset,
                             CentralOrderBook orders, CentralApis apis, GiftCardLedger giftCards, KeyPair signingKeys,
                             Clock clock, CentralBooks books, boolean ownsBooks, ReleaseShelf releases) {
        this.releases = releases;
        this.books = books;
        this.ownsBooks = ownsBooks;
        this.apis = apis;
        this.giftCards = giftCards;
        this.backend = backend;
        this.fronts = fronts;
        this.dataset = dataset;
        this.orders = orders;
        this.signingKeys = signingKeys;
        this.clock = clock;
    }

    public static CentralSimulator start(Settings settings, DemoDataset dataset, Clock clock) {
        return start(settings, dataset, GiftCardLedger.DEMO_KEY, clock);
    }

    /**
     * A simulator with its books in memory, its own.
     *
     * @param giftCardKey the fleet's gift-card key, with which central and stores fingerprint cards alike
     */
    public static CentralSimulator start(Settings settings, DemoDataset dataset, byte[] giftCardKey, Clock clock) {
        return start(settings, dataset, giftCardKey, clock, CentralBooks.inMemory(clock), true);
    }

    /**
     * @param giftCardKey the fleet's gift-card key, with which central and stores fingerprint cards alike
     * @param books       central's books, kept by the caller (the demo keeps them in a file beside its data)
     */
    public static CentralSimulator start(Settings settings, DemoDataset dataset, byte[] giftCardKey, Clock clock,
                                         CentralBooks books) {
        return start(settings, dataset, giftCardKey, clock, books, false);
    }

    private static CentralSimulator start(Settings settings, DemoDataset dataset, byte[] giftCardKey, Clock clock,
                                          CentralBooks books, boolean ownsBooks) {
        KeyPair signingKeys = Keys.newEd25519Pair();
        CentralOrderBook orders = new CentralOrderBook(
                dataset.orders().stream().map(DemoDataset.DemoOrder::order).toList(), clock);
        Map<CentralService, FaultyFront> fronts = new EnumMap<>(CentralService.class);
        GiftCardLedger giftCards = new GiftCardLedger(dataset.giftCards(), giftCardKey, clock, books);
        CentralApis apis = new CentralApis(dataset, orders, giftCards, books);
        ReleaseShelf releases = new ReleaseShelf();
        WebServer backend = WebServer.builder()
                .host(settings.host().getHostAddress())
                .port(settings.adminPort())
                .shutdownHook(false)
                .featuresDiscoverServices(false)
                .routing(routing -> routing
                        .addFilter(new FaultFilter(service -> fronts.get(service).condition()))
                        .register(apis)
                        .register("/releases", releases)
                        .post("/sim/release-rate", releases::setRate)
                        .get("/sim/release-rate", releases::showRate)
                        .register("/sim", new Switchboard(fronts, orders, books,
                                id -> CollectionQr.sign(new CollectionQr.Claims(id.value(), dataset.storeId(),
                                        clock.instant().plus(Duration.ofDays(14))), signingKeys.getPrivate()))))
                .build()
                .start();
        if (!backend.isRunning()) {
            throw new UncheckedIOException(new BindException("Cannot listen for the central simulator on "
                    + settings.host().getHostAddress() + ":" + settings.adminPort() + " (is the port in use?)"));
        }
        try {
            for (CentralService service : CentralService.values()) {
                FaultyFront front = new FaultyFront(service, settings.host(),
                        settings.servicePorts().get(service.ordinal()), backend.port());
                fronts.put(service, front);
                front.start();
            }
        } catch (RuntimeException e) {
            fronts.values().forEach(FaultyFront::close);
            backend.stop();
            throw e;
        }
        return new CentralSimulator(backend, fronts, dataset, orders, apis, giftCards, signingKeys, clock, books,
                ownsBooks, releases);
    }

    /** The base URL a store uses for {@code service}, such as {@code http://127.0.0.1:8091}. */
    public URI url(CentralService service) {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + fronts.get(service).port());
    }

    /** Head office's release server: where stores fetch release bundles ({@code holdfast.updates.server}). */
    public URI releasesUrl() {
        return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + backend.port()
                + "/releases/");
    }

    /** The bundles the release server serves, by name. */
    public ReleaseShelf releases() {
        return releases;
    }

    /** The switchboard page and API. */
    public URI adminUrl() {
        return URI.create("http://localhost:" + backend.port() + "/sim");
    }

    public void set(CentralService service, Condition condition) {
        fronts.get(service).set(condition);
    }

    public Condition condition(CentralService service) {
        return fronts.get(service).condition();
    }

    /** TCP connections the service has accepted since start. */
    public long connectionsAccepted(CentralService service) {
        return fronts.get(service).connectionsAccepted();
    }

    /** Refunds central actually paid: one asked for again under the same refund id counts once. */
    public long refundsPaid() {
        return books.refundsPaid();
    }

    public boolean refundPaid(String refundId) {
        return books.paidReference(refundId).isPresent();
    }

    /**
     * A downstream stream's rows as central holds them now, for a snapshot a store asked for:
     * {@code manifest} (its orders, as the manifest API gives them) and {@code giftcards}.
     */
    public java.util.Optional<List<?>> snapshotRows(String store, String stream) {
        if (!store.equals(dataset.storeId())) {
            return java.util.Optional.empty();
        }
        return switch (stream) {
            case "manifest" -> java.util.Optional.of(orders.snapshot().entries().stream().map(SimJson::centralOrder).toList());
            case "giftcards" -> java.util.Optional.of(giftCards.streamRows());
            default -> java.util.Optional.empty();
        };
    }

    /** Central's books: what it applied, paid and changed. */
    public CentralBooks books() {
        return books;
    }

    /** Central's gift-card book; also the judge of gift-card events for central's consumer. */
    public GiftCardLedger giftCards() {
        return giftCards;
    }

    public DemoDataset dataset() {
        return dataset;
    }

    /** Central's Ed25519 public key, which stores use to check collection QR codes. */
    public PublicKey signingKey() {
        return signingKeys.getPublic();
    }

    /** A collection QR code for an order, signed by central, valid for {@code valid}. */
    public String collectionQr(OrderId order, String store, Duration valid) {
        return CollectionQr.sign(new CollectionQr.Claims(order.value(), store, clock.instant().plus(valid)),
                signingKeys.getPrivate());
    }

    /** Sends the store a new or changed order with the manifest's next change. */
    public void putOrder(Order order) {
        orders.put(order);
    }

    /** Cancels an order centrally; answers whether central had it. */
    public boolean cancelOrder(OrderId order, String reason) {
        return orders.cancel(order, reason).isPresent();
    }

    @Override
    public void close() {
        fronts.values().forEach(FaultyFront::close);
        backend.stop();
        if (ownsBooks) {
            books.close();
        }
    }
}
