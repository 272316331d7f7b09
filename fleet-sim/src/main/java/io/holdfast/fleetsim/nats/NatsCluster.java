package io.holdfast.fleetsim.nats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.holdfast.mqtt.Broker;
import io.holdfast.mqtt.BrokerOptions;

/**
 * A NATS cluster on 127.0.0.1, of Debian's {@code nats-server}, one process per node: each with
 * JetStream (where NATS keeps MQTT sessions and retained messages), a route to the others and an
 * MQTT listener over TLS, all on free ports; the users and their rules from {@link BrokerUsers}. A
 * node can be killed (SIGKILL) and started again on its own data. Never used by a store: it is how
 * the tests and {@code bench-fleet} get a real clustered broker.
 */
public final class NatsCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsCluster.class.getName());
    private static final String SERVER = "nats-server";
    private static final List<Path> WHERE = List.of(Path.of("/usr/sbin", SERVER), Path.of("/usr/bin", SERVER));
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private record Node(int number, int clientPort, int routePort, int mqttPort, Path config) {
        URI mqtt() {
            return URI.create("ssl://127.0.0.1:" + mqttPort);
        }
    }

    private final Path folder;
    private final BrokerUsers users;
    private final BrokerCertificate certificate;
    private final List<Node> nodes;
    private final List<Optional<Process>> processes = new ArrayList<>();

    private NatsCluster(Path folder, BrokerUsers users, BrokerCertificate certificate, List<Node> nodes) {
        this.folder = folder;
        this.users = users;
        this.certificate = certificate;
        this.nodes = nodes;
        nodes.forEach(node -> processes.add(Optional.empty()));
    }

    /** Whether Debian's {@code nats-server} is on this machine. */
    public static boolean installed() {
        return server().isPresent();
    }

    /** What {@code nats-server --version} says, such as {@code v2.9.10}. */
    public static String version() {
        try {
            Process process = new ProcessBuilder(server().map(Path::toString).orElse(SERVER), "--version")
                    .redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return said.replace("nats-server: ", "");
        } catch (IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> server() {
        return WHERE.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts {@code size} nodes in {@code folder} and waits until each carries QoS 1 MQTT messages. */
    public static NatsCluster start(Path folder, int size, BrokerUsers users) {
        try {
            Files.createDirectories(folder);
            BrokerCertificate certificate = BrokerCertificate.make(folder);
            Path usersFile = folder.resolve("users.conf");
            Files.writeString(usersFile, users.natsAuthorization());
            List<Integer> ports = freePorts(size * 3);
            List<Node> nodes = new ArrayList<>();
            for (int n = 0; n < size; n++) {
                nodes.add(new Node(n + 1, ports.get(n * 3), ports.get(n * 3 + 1), ports.get(n * 3 + 2),
                        folder.resolve("n" + (n + 1) + ".conf")));
            }
            String routes = nodes.stream().map(node -> "nats-route://127.0.0.1:" + node.routePort())
                    .collect(Collectors.joining(", "));
            for (Node node : nodes) {
                Files.writeString(node.config(), config(folder, node, routes, certificate));
            }
            NatsCluster cluster = new NatsCluster(folder, users, certificate, nodes);
            try {
                for (int n = 0; n < size; n++) {
                    cluster.launch(n);
                }
                for (int n = 0; n < size; n++) {
                    cluster.awaitReady(n);
                }
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "NATS cluster of {0} nodes: MQTT over TLS on {1}", size, cluster.nodes());
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the NATS cluster in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String config(Path folder, Node node, String routes, BrokerCertificate certificate) {
        String name = "n" + node.number();
        return """
                server_name: %s
                listen: 127.0.0.1:%d
                jetstream { store_dir: "%s", max_mem: 256MB, max_file: 8GB }
                cluster { name: holdfast, listen: 127.0.0.1:%d, routes: [%s] }
                mqtt {
                  listen: 127.0.0.1:%d
                  tls { cert_file: "%s", key_file: "%s" }
                  stream_replicas: 3
                  consumer_replicas: 1
                  consumer_memory_storage: true
                }
                include ./users.conf
                """.formatted(name, node.clientPort(), folder.resolve(name + "-js"), node.routePort(), routes,
                node.mqttPort(), certificate.certificate(), certificate.key());
    }

    private void launch(int index) {
        Node node = nodes.get(index);
        try {
            String server = server().map(Path::toString).orElse(SERVER);
            Process process = new ProcessBuilder(server, "-c", node.config().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("n" + node.number() + ".log")
                            .toFile())).start();
            processes.set(index, Optional.of(process));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + SERVER + " (apt-get install nats-server): "
                    + e.getMessage(), e);
        }
    }

    private void awaitReady(int index) {
        Node node = nodes.get(index);
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String last = "not tried";
        while (System.nanoTime() < deadline) {
            Optional<Process> process = processes.get(index);
            if (process.isEmpty() || !process.get().isAlive()) {
                throw new IllegalStateException("NATS node " + node.number() + " exited; see "
                        + folder.resolve("n" + node.number() + ".log"));
            }
            try {
                if (carriesQos1(node)) {
                    return;
                }
                last = "a QoS 1 message did not come back";
            } catch (MqttException e) {
                last = e.getMessage();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("NATS node " + node.number() + " was not ready within " + READY_WITHIN + ": "
                + last + "; see " + folder.resolve("n" + node.number() + ".log"));
    }

    /** Central's user subscribes at QoS 1 on the node and hears its own message: JetStream is up. */
    private boolean carriesQos1(Node node) throws MqttException {
        Broker broker = new Broker(List.of(node.mqtt()), Optional.empty(), Optional.of(certificate.certificate()))
                .withLogin(BrokerUsers.CENTRAL, users.get(BrokerUsers.CENTRAL).password());
        MqttClient probe = new MqttClient(node.mqtt().toString(), "probe-" + UUID.randomUUID(), new MemoryPersistence());
        BlockingQueue<byte[]> heard = new ArrayBlockingQueue<>(4);
        try {
            MqttConnectOptions options = BrokerOptions.connect(broker, 0);
            options.setConnectionTimeout(3);
            probe.connect(options);
            String topic = "holdfast/central/probe/n" + node.number();
            probe.subscribe(topic, 1, (t, message) -> heard.offer(message.getPayload()));
            byte[] sent = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
            probe.publish(topic, sent, 1, false);
            byte[] back = heard.poll(3, TimeUnit.SECONDS);
            return back != null && Arrays.equals(back, sent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            try {
                if (probe.isConnected()) {
                    probe.disconnect(1_000);
                }
                probe.close();
            } catch (MqttException ignored) {
                // A probe that failed to connect has nothing to close.
            }
        }
    }

    /** Every node's MQTT listener, and the certificate to trust; no user. */
    public Broker broker() {
        return new Broker(nodes(), Optional.empty(), Optional.of(certificate.certificate()));
    }

    /** The cluster as {@code user} reaches it. */
    public Broker brokerFor(String user) {
        return broker().withLogin(user, users.get(user).password());
    }

    public List<URI> nodes() {
        return nodes.stream().map(Node::mqtt).toList();
    }

    public BrokerUsers users() {
        return users;
    }

    /** Node {@code number} (from 1) dies at once, as in a power cut: SIGKILL. */
    public void kill(int number) {
        processes.get(number - 1).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        processes.set(number - 1, Optional.empty());
        LOG.log(System.Logger.Level.INFO, "NATS node {0} killed", number);
    }

    /** Starts node {@code number} again on its own data, and waits until it carries messages. */
    public void restart(int number) {
        launch(number - 1);
        awaitReady(number - 1);
        LOG.log(System.Logger.Level.INFO, "NATS node {0} is back", number);
    }

    /** The process ids of the running nodes, for measuring what the broker costs. */
    public List<Long> pids() {
        return processes.stream().flatMap(Optional::stream).map(Process::pid).toList();
    }

    @Override
    public void close() {
        for (int n = 0; n < processes.size(); n++) {
            processes.get(n).ifPresent(Process::destroyForcibly);
        }
        for (Optional<Process> process : processes) {
            process.ifPresent(running -> {
                try {
                    running.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                held.add(socket);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the NATS cluster", e);
        }
    }
}
