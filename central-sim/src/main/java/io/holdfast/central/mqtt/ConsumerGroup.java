package io.holdfast.central.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Central's consumers sharing a fleet's events. Each instance says {@code online} on its own topic
 * when it connects (retained, so one that starts hears the others at once) and every {@link #BEAT}
 * after (at QoS 0, so a beat never waits behind the cluster's replicated writes), and leaves a last will
 * of {@code gone} there: the others learn within moments of a TCP close that it died, and, should the
 * will itself be lost (a broker node dying at the same moment), when {@link #SILENCE} passes without
 * a word from it. A store belongs to the
 * live instance its id hashes highest with (rendezvous hashing): every instance works that out alike,
 * and when an instance comes or goes only its own stores move. An instance handles its own stores'
 * events only, so each store's events stay in one instance and in their order; in the moment two
 * instances disagree, the books they share refuse the second application of any event.
 *
 * <p>Why not NATS queue groups: they share messages, not stores, so one store's batches would be
 * spread over instances and arrive out of order; and the consumer would have to leave MQTT, which
 * Mosquitto and the single-store case keep using.
 */
final class ConsumerGroup {

    static final String ROOT = "holdfast/central/consumers/";
    private static final byte[] ONLINE = "online".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GONE = "gone".getBytes(StandardCharsets.UTF_8);

    /** How often an instance says it is online. */
    static final Duration BEAT = Duration.ofSeconds(2);
    /** An instance not heard from for this long is taken for dead. */
    static final Duration SILENCE = Duration.ofSeconds(7);

    private final String self;
    /** Each other instance heard online, and when (monotonic nanoseconds: liveness is elapsed time, not a date). */
    private final Map<String, Long> heardAt = new ConcurrentHashMap<>();
    private volatile Set<String> lastMembers = Set.of();

    ConsumerGroup(String self) {
        if (!self.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a consumer instance is named with letters, digits, - and _, but was '"
                    + self + "'");
        }
        this.self = self;
    }

    String self() {
        return self;
    }

    String topic() {
        return ROOT + self;
    }

    static String filter() {
        return ROOT + "+";
    }

    static byte[] online() {
        return ONLINE.clone();
    }

    static byte[] gone() {
        return GONE.clone();
    }

    /** An instance's announcement or will. Its own old will must not make an instance give its stores away. */
    void heard(String topic, byte[] payload, long nanos) {
        String instance = topic.substring(ROOT.length());
        if (!topic.startsWith(ROOT) || instance.equals(self)) {
            return;
        }
        if (new String(payload, StandardCharsets.UTF_8).equals("online")) {
            heardAt.put(instance, nanos);
        } else {
            heardAt.remove(instance);
        }
    }

    /** The live instances if they changed since this was last asked, for the log. */
    Optional<Set<String>> changed(long nanos) {
        Set<String> now = members(nanos);
        if (now.equals(lastMembers)) {
            return Optional.empty();
        }
        lastMembers = now;
        return Optional.of(now);
    }

    /** Whether {@code store}'s events are this instance's to handle. */
    boolean owns(String store, long nanos) {
        return owner(store, nanos).equals(self);
    }

    String owner(String store, long nanos) {
        return members(nanos).stream().max(Comparator.comparingLong((String instance) -> weight(store, instance))
                .thenComparing(Comparator.naturalOrder())).orElse(self);
    }

    /** This instance and every other heard from within {@link #SILENCE} before {@code nanos}. */
    Set<String> members(long nanos) {
        Set<String> live = new TreeSet<>();
        live.add(self);
        heardAt.forEach((instance, at) -> {
            if (nanos - at < SILENCE.toNanos()) {
                live.add(instance);
            }
        });
        return live;
    }

    private static long weight(String store, String instance) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((store + "/" + instance).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
