package io.holdfast.mqtt;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the store's broker is and how the store signs in: one node ({@code tcp://host:1883}) or the
 * nodes of a cluster, tried in turn; the store's own user on the broker; and, for {@code ssl://}
 * nodes, the certificate (PEM) the store trusts for them. The password is never shown.
 *
 * @param nodes         every node the store may connect to, all {@code tcp://} or all {@code ssl://}
 * @param login         the store's user and password on the broker, when the broker asks for one
 * @param trustedIssuer the PEM certificate that issued the nodes' TLS certificates; without it the JVM's own trust
 */
public record Broker(List<URI> nodes, Optional<Login> login, Optional<Path> trustedIssuer) {

    /** A user on the broker. */
    public record Login(String username, String password) {
        public Login {
            if (username.isBlank()) {
                throw new IllegalArgumentException("a broker user needs a name");
            }
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return username;
        }
    }

    public Broker {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a broker needs at least one node");
        }
        for (URI node : nodes) {
            if (!"tcp".equals(node.getScheme()) && !"ssl".equals(node.getScheme())) {
                throw new IllegalArgumentException("a broker node must be tcp:// or ssl://, but was '" + node + "'");
            }
            if (node.getHost() == null || node.getPort() < 1) {
                throw new IllegalArgumentException("a broker node needs a host and a port, but was '" + node + "'");
            }
        }
        if (nodes.stream().map(URI::getScheme).distinct().count() > 1) {
            throw new IllegalArgumentException("the broker's nodes must all be tcp:// or all ssl://, but were " + nodes);
        }
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(trustedIssuer, "trusted issuer");
    }

    /** One node, no user. */
    public static Broker at(URI node) {
        return new Broker(List.of(node), Optional.empty(), Optional.empty());
    }

    /** One URI, or a cluster's several separated by commas. */
    public static Broker parse(String nodes) {
        List<URI> parsed = new ArrayList<>();
        for (String node : nodes.split(",")) {
            if (!node.isBlank()) {
                try {
                    parsed.add(URI.create(node.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a broker node: '" + node.strip() + "' is not a URI", e);
                }
            }
        }
        return new Broker(parsed, Optional.empty(), Optional.empty());
    }

    /**
     * The broker as a config names it: {@code nodes} (see {@link #parse}), the user, a file holding its
     * password (kept out of the config, in a file only this program reads), and the PEM certificate of
     * the nodes' TLS issuer. {@code prefix} names the config's keys in errors, such as {@code holdfast.sync}.
     */
    public static Broker configured(String prefix, String nodes, Optional<String> username, Optional<Path> passwordFile,
                                    Optional<Path> tlsIssuer) {
        Broker broker = parse(nodes);
        Optional<String> user = username.filter(name -> !name.isBlank());
        if (user.isPresent()) {
            Path file = passwordFile.filter(path -> !path.toString().isBlank()).orElseThrow(() ->
                    new IllegalArgumentException(prefix + ".username is set, so " + prefix + ".password-file must be"));
            try {
                broker = broker.withLogin(user.get(), Files.readString(file).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(prefix + ".password-file: cannot read " + file + ": "
                        + e.getMessage(), e);
            }
        }
        Optional<Path> issuer = tlsIssuer.filter(path -> !path.toString().isBlank());
        if (issuer.isPresent()) {
            if (!Files.isReadable(issuer.get())) {
                throw new IllegalArgumentException(prefix + ".tls-issuer: cannot read " + issuer.get());
            }
            broker = broker.trusting(issuer.get());
        }
        return broker;
    }

    public Broker withLogin(String username, String password) {
        return new Broker(nodes, Optional.of(new Login(username, password)), trustedIssuer);
    }

    public Broker trusting(Path issuerPem) {
        return new Broker(nodes, login, Optional.of(issuerPem));
    }

    public boolean tls() {
        return "ssl".equals(nodes.getFirst().getScheme());
    }

    /**
     * The nodes in the order to try them, starting at {@code first} (taken modulo their number):
     * stores that start at different nodes spread themselves over the cluster, and each still falls
     * through to every other node when its own is down.
     */
    public String[] order(int first) {
        String[] ordered = new String[nodes.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = nodes.get(Math.floorMod(first + i, nodes.size())).toString();
        }
        return ordered;
    }

    @Override
    public String toString() {
        String where = nodes.stream().map(URI::toString).collect(Collectors.joining(","));
        return where + login.map(user -> " as " + user.username()).orElse("");
    }
}
