package io.holdfast.gateway;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.openapi.OpenApiFeature;

import io.holdfast.audit.Untrusted;
import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.gateway.devices.CodeImageHttpService;
import io.holdfast.gateway.devices.DeviceHttpService;
import io.holdfast.gateway.devices.DeviceMetrics;
import io.holdfast.gateway.devices.ScanHttpService;
import io.holdfast.gateway.devices.StoreDevices;
import io.holdfast.gateway.health.ModeReadiness;
import io.holdfast.gateway.health.StoreReadiness;
import io.holdfast.gateway.http.ErrorHandling;
import io.holdfast.gateway.update.Updates;
import io.holdfast.gateway.http.RequestIds;
import io.holdfast.gateway.http.Routes;
import io.holdfast.gateway.auth.SessionHttpService;
import io.holdfast.gateway.auth.SignInRequired;
import io.holdfast.gateway.exceptions.ExceptionHttpService;
import io.holdfast.gateway.help.HelpHttpService;
import io.holdfast.gateway.giftcard.GiftCardHttpService;
import io.holdfast.gateway.order.OrderRoutes;
import io.holdfast.gateway.pages.LandingPage;
import io.holdfast.gateway.pages.KioskPageService;
import io.holdfast.gateway.pages.PageService;
import io.holdfast.gateway.report.ReportHttpService;
import io.holdfast.gateway.receipt.ReceiptHttpService;
import io.holdfast.gateway.returns.ReturnPrints;
import io.holdfast.gateway.returns.ReturnsHttpService;
import io.holdfast.gateway.mode.IsolationHttpService;
import io.holdfast.gateway.status.StatusHttpService;
import io.holdfast.hardware.scan.ScanEvent;
import io.holdfast.hardware.scan.ScanParser;
import io.holdfast.hardware.scan.ScanResult;
import io.holdfast.store.Database;

/**
 * One running store gateway: its database, its devices and its web server, wired by hand.
 * Closing it stops the server first, then the devices, then the database, so no request is cut
 * off mid-transaction.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final GatewaySettings settings;
    private final Database database;
    private final StoreDevices devices;
    private final DeviceMetrics deviceMetrics;
    private final StoreServices services;
    private final WebServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Gateway(GatewaySettings settings, Database database, StoreDevices devices, DeviceMetrics deviceMetrics,
                    StoreServices services, WebServer server) {
        this.settings = settings;
        this.database = database;
        this.devices = devices;
        this.deviceMetrics = deviceMetrics;
        this.services = services;
        this.server = server;
    }

    /**
     * Opens the store, starts the devices and serves; a store that cannot be opened stops it here.
     * Every date the store keeps comes from {@code clock}, every day boundary from the store's zone.
     */
    public static Gateway start(GatewaySettings settings, Clock clock) {
        return start(settings, clock, Updates.OFF);
    }

    /** As {@link #start(GatewaySettings, Clock)}, taking part in gateway updates as {@code updates} says. */
    public static Gateway start(GatewaySettings settings, Clock clock, Updates updates) {
        Database database = Database.open(settings.database());
        StoreDevices devices = null;
        DeviceMetrics deviceMetrics = null;
        StoreServices services = null;
        try {
            devices = StoreDevices.start(settings.devices(), new ScanParser(), Gateway::logScan, clock);
            deviceMetrics = new DeviceMetrics(devices.registry());
            services = new StoreServices(settings, database, devices, clock, updates);
            StoreServices routed = services;
            WebServer server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .maxPayloadSize(settings.maxPayloadBytes())
                    .directHandlers(ErrorHandling.directHandlers())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .addFeature(observability(database, services))
                    .addFeature(OpenApiFeature.builder().webContext("/openapi").build())
                    .routing(routing -> routing(routing, routed))
                    .build()
                    .start();
            requireRunning(server, settings);
            services.start();
            Gateway gateway = new Gateway(settings, database, devices, deviceMetrics, services, server);
            LOG.log(System.Logger.Level.INFO, "Store {0} gateway listening on {1}:{2,number,#} with store {3}",
                    settings.storeId(), settings.host(), server.port(), database.file());
            return gateway;
        } catch (RuntimeException e) {
            if (services != null) {
                services.close();
            }
            if (deviceMetrics != null) {
                deviceMetrics.close();
            }
            if (devices != null) {
                devices.close();
            }
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

    /** The HTTP routing: request ids, the sign-in filter, error handling and {@link #routes}. */
    public static void routing(HttpRouting.Builder routing, StoreServices services) {
        routing.addFilter(new RequestIds())
                .addFilter(services.traffic)
                .addFilter(new SignInRequired(services.access));
        ErrorHandling.register(routing, Routes.of(recorder -> routes(recorder, services)));
        routes(routing, services);
    }

    /** The routes alone: also read by {@link Routes} and by the tests that check the contract and sign-in. */
    public static void routes(HttpRouting.Builder routing, StoreServices services) {
        routing.get("/", LandingPage::show)
                .register("/desk", new PageService("desk", "help.js", "returns.js", "giftcards.js", "exceptions.js"))
                .register("/api/v1/sessions", new SessionHttpService(services.staff))
                .register("/status", new PageService("status"))
                .register("/reports", new PageService("reports", List.of("/day/{date}")))
                .register("/api/v1/reports", new ReportHttpService(services.reports, services.devices, services.access))
                .register("/kiosk", new KioskPageService(services.kioskLanguages,
                        services.settings.returns().kioskIdleTimeout()))
                .register("/api/v1/status", new StatusHttpService(services.settings.storeId(), services.board,
                        services.notices, services.guards, services.outbox, services.sync, services.returns,
                        services.refunds, services.giftCardStatus, services.staff, services.updater, services.budgets,
                        services.settings.zone(), services.clock))
                .register("/api/v1/receipts", new ReceiptHttpService(services.receipts, services.eReceipts,
                        services.access, services.clock))
                .register("/api/v1/returns", new ReturnsHttpService(services.returns, services.refunds,
                        new ReturnPrints(services.devices, services.settings.storeId(), services.settings.zone()),
                        services.kioskLanguages, services.access))
                .register("/api/v1/gift-cards", new GiftCardHttpService(services.giftCards, services.access,
                        services.settings.zone()))
                .register("/api/v1/admin/isolation", new IsolationHttpService(services.board, services.access))
                .register("/api/v1", OrderRoutes.services(services.settings.storeId(), services.settings.zone(),
                        services.orders, services.search, services.desk, services.expiry, services.centralOrders,
                        services.devices, services.collectionQr, services.scans, services.access))
                .register("/api/v1/exceptions", new ExceptionHttpService(services.exceptions, services.access))
                .register("/api/v1/help-calls", new HelpHttpService(services.helpCalls, services.access))
                .register("/api/v1/devices", new DeviceHttpService(services.devices.registry()))
                .register("/api/v1/scans", new ScanHttpService(services.scans))
                .register("/api/v1/codes", new CodeImageHttpService());
    }

    private static void logScan(ScanEvent scan) {
        String what = switch (scan.result()) {
            case ScanResult.Recognised recognised -> recognised.code().describe();
            case ScanResult.Rejected rejected -> "not recognised: " + rejected.reason();
        };
        LOG.log(System.Logger.Level.INFO, "scan from {0}: {1}", scan.deviceId(), Untrusted.text(what));
    }

    private static ObserveFeature observability(Database database, StoreServices services) {
        return ObserveFeature.builder()
                .endpoint("/")
                .addObserver(HealthObserver.builder()
                        .endpoint("/health")
                        .details(true)
                        .addCheck(new StoreReadiness(database))
                        .addCheck(new ModeReadiness(services.board))
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

    public StoreDevices devices() {
        return devices;
    }

    public StoreServices services() {
        return services;
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
            services.close();
            deviceMetrics.close();
            devices.close();
            database.close();
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "Store {0} gateway stopped", settings.storeId());
        }
    }
}
