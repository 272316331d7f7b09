package io.holdfast.fleetsim.nats;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The broker's users and what each may do, written as NATS authorization. NATS maps an MQTT topic
 * {@code holdfast/v1/S/up/events} to the subject {@code holdfast.v1.S.up.events}; the rules below are on
 * subjects.
 * <ul>
 *   <li>A store publishes only its own {@code up} topics and its status, and subscribes only to its
 *       own {@code down} topics, the fleet's commands and its own status (it reads its retained
 *       status to see whether another gateway holds its store). So no store can forge an
 *       acknowledgement, a gift-card verdict or a downstream stream, for itself or another.</li>
 *   <li>Central's consumer reads every store's {@code up} topics and writes their {@code down}
 *       topics, and announces itself to its group.</li>
 *   <li>The regional console reads every store's status and publishes commands (which stores verify
 *       by signature in any case).</li>
 * </ul>
 * Only allow-lists, never deny rules: NATS 2.9.10 delivers retained messages and QoS 1 replays to a
 * wildcard subscription that a deny rule should have kept from them (tried here; see the README).
 * An allow-list refuses the wildcard subscription itself. Every user may connect over MQTT only, so
 * no one reaches the subjects NATS uses inside ({@code $MQTT.sub.>}, which QoS 1 delivery needs)
 * through the NATS protocol.
 */
public final class BrokerUsers {

    /** A user of the broker with its password and its rules, as subjects. */
    public record User(String name, String password, List<String> publish, List<String> subscribe) {
        public User {
            publish = List.copyOf(publish);
            subscribe = List.copyOf(subscribe);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final String CENTRAL = "central";
    public static final String CONSOLE = "regional-console";
    /** QoS 1 subscriptions of MQTT clients are delivered on these subjects inside NATS. */
    private static final String MQTT_DELIVERY = "$MQTT.sub.>";

    private final Map<String, User> users = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private BrokerUsers() {
    }

    /** A user for central's consumers, one for the regional console, and one for each store. */
    public static BrokerUsers forFleet(List<String> stores) {
        BrokerUsers all = new BrokerUsers();
        all.add(new User(CENTRAL, all.password(), List.of("holdfast.v1.*.down.>", "holdfast.central.>"),
                List.of("holdfast.v1.*.up.>", "holdfast.central.>", MQTT_DELIVERY)));
        all.add(new User(CONSOLE, all.password(), List.of("holdfast.v1.*.down.commands"),
                List.of("holdfast.v1.*.status", MQTT_DELIVERY)));
        for (String store : stores) {
            all.add(store(store, all.password()));
        }
        return all;
    }

    static User store(String store, String password) {
        if (!store.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a store id on the broker is letters, digits, - and _, but was '"
                    + store + "'");
        }
        String own = "holdfast.v1." + store;
        return new User(store, password, List.of(own + ".up.>", own + ".status"),
                List.of(own + ".down.*", "holdfast.v1.all.down.commands", own + ".status", MQTT_DELIVERY));
    }

    private void add(User user) {
        users.put(user.name(), user);
    }

    private String password() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public User get(String name) {
        return user(name).orElseThrow(() -> new IllegalArgumentException("no broker user '" + name + "'"));
    }

    public List<User> all() {
        return new ArrayList<>(users.values());
    }

    /** The {@code authorization} block of a NATS config. */
    String natsAuthorization() {
        return users.values().stream().map(BrokerUsers::natsUser)
                .collect(Collectors.joining("\n", "authorization {\n  users: [\n", "\n  ]\n}\n"));
    }

    private static String natsUser(User user) {
        return "    { user: " + quoted(user.name()) + ", password: " + quoted(user.password())
                + ", allowed_connection_types: [\"MQTT\"], permissions: { publish: { allow: " + list(user.publish())
                + " }, subscribe: { allow: " + list(user.subscribe()) + " } } }";
    }

    private static String list(List<String> subjects) {
        return subjects.stream().map(BrokerUsers::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
