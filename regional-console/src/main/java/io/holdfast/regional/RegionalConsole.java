package io.holdfast.regional;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.webserver.WebServer;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.command.Approvals;
import io.holdfast.regional.command.CommandBook;
import io.holdfast.regional.command.Containment;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.StoreEvents;
import io.holdfast.regional.http.ConsoleRoutes;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Sessions;
import io.holdfast.regional.rollout.RolloutPlans;
import io.holdfast.regional.waves.RateHistory;
import io.holdfast.regional.waves.WavePlans;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/**
 * Regional IT's console, running: its database, the fleet view fed by the broker, the plans'
 * once-a-second step, and the web server.
 */
public final class RegionalConsole implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RegionalConsole.class.getName());
    /** Where the console's schema lives on the classpath. */
    public static final String SCHEMA = "classpath:db/console";

    private final Database database;
    private final ConsoleLink link;
    private final WebServer server;
    private final ScheduledExecutorService timer;
    private final ConsoleServices services;

    private RegionalConsole(Database database, ConsoleLink link, WebServer server, ScheduledExecutorService timer,
                            ConsoleServices services) {
        this.database = database;
        this.link = link;
        this.server = server;
        this.timer = timer;
        this.services = services;
    }

    public static Database openDatabase(RegionalSettings settings) {
        return Database.open(DatabaseSettings.of(settings.database()), SCHEMA);
    }

    public static RegionalConsole start(RegionalSettings settings, Clock clock) {
        Database database = openDatabase(settings);
        try {
            FleetRegister register = FleetRegister.read(settings.register());
            FleetView fleet = new FleetView(register, clock, settings.lateAfter());
            AtomicReference<ConsoleLink> link = new AtomicReference<>();
            CommandBook commands = new CommandBook(database, (topic, payload) -> link.get().publish(topic, payload),
                    clock);
            StoreEvents events = new StoreEvents(database);
            fleet.observe(events::observe);
            fleet.observe(commands::observe);
            ConsoleServices services = new ConsoleServices(fleet, events, new Operators(database, clock),
                    new Sessions(clock, Duration.ofHours(8)), commands,
                    new Containment(commands, register, settings.commandValidity()),
                    new WavePlans(database, commands, fleet, clock, settings.planValidity()),
                    new RolloutPlans(database, commands, fleet, clock, settings.planValidity()),
                    new Approvals(database, clock), new RateHistory(600), new AuditLog(database),
                    settings.admittedRate(), clock);
            link.set(ConsoleLink.connect(settings.broker(), fleet::receive));
            ScheduledExecutorService timer =
                    Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("console-step").factory());
            timer.scheduleWithFixedDelay(() -> step(services, clock), 1, 1, TimeUnit.SECONDS);
            WebServer server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false)
                    .featuresDiscoverServices(false)
                    .routing(routing -> new ConsoleRoutes(services).register(routing))
                    .build()
                    .start();
            if (!server.isRunning()) {
                timer.shutdownNow();
                link.get().close();
                throw new IllegalStateException("the console cannot listen on " + settings.host() + ":"
                        + settings.port() + " (in use?)");
            }
            LOG.log(System.Logger.Level.INFO, "regional console on http://{0}:{1,number,#}/fleet, {2} stores, broker {3}",
                    settings.host(), server.port(), register.size(), settings.broker());
            return new RegionalConsole(database, link.get(), server, timer, services);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void step(ConsoleServices services, Clock clock) {
        try {
            services.fleet().sweep();
            services.commands().resend();
            services.rate().add(new RateHistory.Sample(clock.instant(), services.fleet().totals().eventsPerSecond(),
                    services.admittedRate()));
            services.waves().tick();
            services.rollouts().tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the console's step failed; next one in a second", e);
        }
    }

    public int port() {
        return server.port();
    }

    public ConsoleServices services() {
        return services;
    }

    public boolean connected() {
        return link.connected();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop();
        link.close();
        database.close();
    }
}
