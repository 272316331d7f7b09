package io.holdfast.sync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.UUID;

import io.holdfast.mode.Capability;
import io.holdfast.outbox.Outbox;
import io.holdfast.outbox.OutboxEvent;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;
import io.holdfast.mqtt.Broker;

/**
 * A gateway's sync in its own JVM, for the crash test to kill with SIGKILL: it keeps writing events
 * (a few per transaction, as sales do) while the relay sends them. With {@code drain} it writes
 * nothing, waits until central has acknowledged everything, prints DRAINED and exits.
 */
public final class RelayProcess {

    private RelayProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        URI broker = URI.create(args[1]);
        String store = args[2];
        boolean drain = args.length > 3 && args[3].equals("drain");
        Database database = Database.open(DatabaseSettings.of(file));
        Outbox outbox = new Outbox(database);
        SyncSettings settings = new SyncSettings(Broker.at(broker), store, 8 * 1024, 20, 4, Duration.ofMillis(800),
                Duration.ofMillis(50), Duration.ofMillis(500), 2_000, Duration.ZERO);
        OutboxRelay relay = new OutboxRelay(settings, outbox, () -> EnumSet.allOf(Capability.class),
                TestClocks.TICKING, new SplittableRandom()).start();
        System.out.println("STARTED");
        System.out.flush();
        if (drain) {
            while (outbox.backlog().values().stream().mapToLong(Long::longValue).sum() > 0) {
                Thread.sleep(50);
            }
            System.out.println("DRAINED");
            System.out.flush();
            relay.close();
            database.close();
            return;
        }
        SplittableRandom random = new SplittableRandom();
        Capability[] capabilities = {Capability.ORDERS, Capability.GIFT_CARDS, Capability.LOYALTY};
        while (true) {
            int events = 1 + random.nextInt(3);
            database.inTransaction("write crash-test events", connection -> {
                for (int i = 0; i < events; i++) {
                    Capability capability = capabilities[random.nextInt(capabilities.length)];
                    outbox.append(connection, new OutboxEvent(UUID.randomUUID().toString(), capability, "sale",
                            capability + "-" + random.nextInt(10), TestClocks.TICKING.instant(), "{\"n\":" + i + "}"));
                }
                return null;
            });
            Thread.sleep(2);
        }
    }
}
