package io.holdfast.gateway;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.openapi.OpenApiFeature;

import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.health.StoreReadiness;
import io.holdfast.gateway.http.ErrorHandling;
import io.holdfast.gateway.http.RequestIds;
import io.holdfast.gateway.order.OrderHttpService;
import io.holdfast.gateway.pages.LandingPage;
import io.holdfast.order.OrderRepository;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.store.Database;

/**
 * One running store gateway: its database and its web server, wired by hand. Closing it stops
 * the server first and then closes the database, so no request is cut off mid-transaction.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final GatewaySettings settings;
    private final Database database;
    private final WebServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Gateway(GatewaySettings settings, Database database, WebServer server) {
        this.settings = settings;
        this.database = database;
        this.server = server;
    }

    /** Opens the store and starts serving; a store that cannot be opened stops it here. */
    public static Gateway start(GatewaySettings settings) {
        Database database = Database.open(settings.database());
        try {
            OrderRepository orders = new SqliteOrderRepository(database);
            WebServer server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .maxPayloadSize(settings.maxPayloadBytes())
                    .directHandlers(ErrorHandling.directHandlers())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .addFeature(observability(database))
                    .addFeature(OpenApiFeature.builder().webContext("/openapi").build())
                    .routing(routing -> routing(routing, orders))
                    .build()
                    .start();
            requireRunning(server, settings);
            Gateway gateway = new Gateway(settings, database, server);
            LOG.log(System.Logger.Level.INFO, "Store {0} gateway listening on {1}:{2,number,#} with store {3}",
                    settings.storeId(), settings.host(), server.port(), database.file());
            return gateway;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Helidon logs a listener that cannot bind and returns a stopped server instead of throwing. */
    private static void requireRunning(WebServer server, GatewaySettings settings) {
        if (!server.isRunning()) {
            throw new UncheckedIOException(new BindException(
                    "Cannot listen on " + settings.host() + ":" + settings.port() + " (is the port in use?)"));
        }
    }

    /** The HTTP routes: also called by tests. */
    public static void routing(HttpRouting.Builder routing, OrderRepository orders) {
        routing.addFilter(new RequestIds());
        ErrorHandling.register(routing);
        routing.get("/", LandingPage::show)
                .register("/api/v1/orders", new OrderHttpService(orders));
    }

    private static ObserveFeature observability(Database database) {
        return ObserveFeature.builder()
                .endpoint("/")
                .addObserver(HealthObserver.builder()
                        .endpoint("/health")
                        .details(true)
                        .addCheck(new StoreReadiness(database))
                        .build())
                .addObserver(MetricsObserver.builder().endpoint("/metrics").build())
                .build();
    }

    public int port() {
        return server.port();
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** Blocks until {@link #close()} is called, by a shutdown hook for instance. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.stop();
        } finally {
            database.close();
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "Store {0} gateway stopped", settings.storeId());
        }
    }
}
