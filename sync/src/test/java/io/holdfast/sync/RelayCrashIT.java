package io.holdfast.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.central.mqtt.CentralConsumer;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/**
 * The gateway's sync killed with SIGKILL at random points of a resync, twenty times, while it keeps
 * writing: afterwards central holds every committed event once, in order per aggregate, and the
 * store file passes {@code PRAGMA integrity_check}. The store's last will marks it offline.
 */
class RelayCrashIT {

    private static final String STORE = "crash-0001";
    private static final int KILLS = 20;

    @TempDir
    Path folder;
    private TestBroker broker;
    private CentralConsumer central;

    @BeforeEach
    void start() {
        broker = TestBroker.start(folder);
        central = CentralConsumer.start(broker.uri(), TestClocks.TICKING);
        await().atMost(Duration.ofSeconds(30)).until(central::connected);
    }

    @AfterEach
    void stop() {
        central.close();
        broker.close();
    }

    @Test
    void killedTwentyTimesMidResyncCentralStillHasEveryCommittedEventExactlyOnce() throws Exception {
        Path file = folder.resolve("holdfast.db");
        SplittableRandom random = new SplittableRandom(20251121L);
        AtomicReference<String> heard = new AtomicReference<>("");
        AtomicInteger onlineSaid = new AtomicInteger();
        MqttClient fleet = watchStatus(heard, onlineSaid);
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                int before = onlineSaid.get();
                Process gateway = launch(file, false);
                // Killed once its relay is on the broker (it said so in its status), in the middle of its resync:
                // on a busy machine a kill timed from the process's start came before it ever connected.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> onlineSaid.get() > before);
                Thread.sleep(random.nextInt(1_200));
                gateway.destroyForcibly();
                assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(gateway.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            }
            // The broker publishes a killed relay's last will when it sees the socket close, and at the latest
            // one and a half keep-alives (30 s) after its last packet: 45 s. Seen live by a watcher connected all
            // along, or in the retained status a client connecting now reads (Moquette does not always keep a
            // will as the retained message, and a watcher can itself be dropped by a broker under load).
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> heard.get() + " " + retainedStatus(), seen -> seen.contains("\"online\":false"));
        } finally {
            if (fleet.isConnected()) {
                fleet.disconnect();
            }
            fleet.close();
        }

        Process drain = launch(file, true);
        assertThat(drain.waitFor(120, TimeUnit.SECONDS)).as("the last run drains the backlog").isTrue();
        assertThat(drain.exitValue()).isZero();

        Map<String, Long> committed = committedEvents(file);
        List<AppliedEvent> applied = central.applied(STORE);
        assertThat(committed).hasSizeGreaterThan(KILLS);
        assertThat(applied).hasSameSizeAs(committed.keySet());
        assertThat(applied.stream().map(AppliedEvent::key).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(committed.keySet()));
        applied.stream().collect(Collectors.groupingBy(AppliedEvent::aggregate,
                        Collectors.mapping(AppliedEvent::sequence, Collectors.toList())))
                .forEach((aggregate, sequences) -> assertThat(sequences).as(aggregate).isSorted());
        assertThat(integrityCheck(file)).isEqualTo("ok");
        System.out.printf("crash test: %d kills, %d committed events applied once each; central saw %d duplicates"
                + " (sent again after a kill between publish and acknowledgement)%n", KILLS, committed.size(),
                central.duplicates());
    }

    /** Regional IT's view: the store's retained status, which its last will sets to offline. */
    private MqttClient watchStatus(AtomicReference<String> status, AtomicInteger onlineSaid) throws Exception {
        MqttClient fleet = new MqttClient(broker.uri().toString(), "fleet-watch", new MemoryPersistence());
        fleet.connect();
        fleet.subscribe(Topics.status(STORE), 1, (topic, message) -> {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            status.set(payload);
            if (payload.contains("\"online\":true") && !message.isRetained()) {
                onlineSaid.incrementAndGet();
            }
        });
        return fleet;
    }

    /** The store's retained status as a client that connects now reads it; empty if none came within a second. */
    private String retainedStatus() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        MqttClient look = new MqttClient(broker.uri().toString(), "fleet-look-" + UUID.randomUUID(),
                new MemoryPersistence());
        try {
            look.connect();
            look.subscribe(Topics.status(STORE), 1, (topic, message) ->
                    heard.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            String status = heard.poll(1, TimeUnit.SECONDS);
            return status == null ? "" : status;
        } finally {
            if (look.isConnected()) {
                look.disconnect();
            }
            look.close();
        }
    }

    private Process launch(Path file, boolean drain) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayProcess.class.getName(),
                file.toString(), broker.uri().toString(), STORE));
        if (drain) {
            command.add("drain");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("relay.log").toFile())).start();
        awaitStarted();
        return process;
    }

    /** The child logs STARTED once its relay runs. */
    private void awaitStarted() {
        Path log = folder.resolve("relay.log");
        long before = startedLines(log);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> startedLines(log) > before);
    }

    private static long startedLines(Path log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                java.nio.file.Files.newInputStream(log), StandardCharsets.UTF_8))) {
            return reader.lines().filter("STARTED"::equals).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, Long> committedEvents(Path file) {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            return database.read("read every committed event", connection -> {
                Map<String, Long> events = new java.util.HashMap<>();
                try (var statement = connection.createStatement();
                     var rows = statement.executeQuery("SELECT idempotency_key, sequence FROM outbox_events")) {
                    while (rows.next()) {
                        events.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return events;
            });
        }
    }

    private static String integrityCheck(Path file) {
        try (Database database = Database.open(DatabaseSettings.of(file))) {
            return database.read("integrity check", connection -> {
                try (var statement = connection.createStatement();
                     var rows = statement.executeQuery("PRAGMA integrity_check")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
        }
    }
}
