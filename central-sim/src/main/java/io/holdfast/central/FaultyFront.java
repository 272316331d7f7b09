package io.holdfast.central;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TCP front of one simulated service. Healthy, slow and failing connections are piped to the
 * HTTP backend (which applies slow and failing per request); a refusing front closes its
 * listener so connections are refused; a blackhole front accepts and never answers.
 * Switching fault drops the connections already open, so a pooled connection cannot dodge it.
 */
final class FaultyFront implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FaultyFront.class.getName());

    private final CentralService service;
    private final InetAddress host;
    private final int backendPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile Condition condition = Condition.healthy();
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile int port;
    private volatile boolean closed;

    FaultyFront(CentralService service, InetAddress host, int port, int backendPort) {
        this.service = service;
        this.host = host;
        this.port = port;
        this.backendPort = backendPort;
    }

    void start() {
        listen();
    }

    int port() {
        return port;
    }

    Condition condition() {
        return condition;
    }

    /** Connections accepted since start: a containment test expects this to stay still. */
    long connectionsAccepted() {
        return connections.get();
    }

    synchronized void set(Condition next) {
        Condition previous = condition;
        condition = next;
        dropOpenConnections();
        if (next.fault() == Condition.Fault.REFUSING) {
            stopListening();
        } else if (previous.fault() == Condition.Fault.REFUSING) {
            listen();
        }
        LOG.log(System.Logger.Level.INFO, "central {0} is now {1}", service.slug(), next);
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopListening();
        dropOpenConnections();
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 128);
            port = socket.getLocalPort();
            listener = socket;
            acceptor = Thread.ofVirtual().name("central-" + service.slug() + "-accept").start(() -> acceptLoop(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(new java.net.BindException("Cannot listen for central " + service.slug()
                    + " on " + host.getHostAddress() + ":" + port + " (is the port in use?): " + e.getMessage()));
        }
    }

    /**
     * Closes the listener and waits for its accept loop to end: a socket closed while a virtual
     * thread waits in accept may stay open until that thread wakes, and a refusing service must
     * refuse from the moment it is switched.
     */
    private void stopListening() {
        ServerSocket socket = listener;
        Thread loop = acceptor;
        listener = null;
        acceptor = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        if (loop != null) {
            try {
                loop.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed() && !closed) {
            try {
                Socket client = socket.accept();
                if (condition.fault() == Condition.Fault.REFUSING) {
                    closeQuietly(client);
                    continue;
                }
                connections.incrementAndGet();
                open.add(client);
                Thread.ofVirtual().name("central-" + service.slug() + "-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "central " + service.slug() + " accept failed", e);
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            if (condition.fault() == Condition.Fault.BLACKHOLE) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            try (Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
                open.add(backend);
                Thread upstream = Thread.ofVirtual().start(() -> pipe(client, backend));
                pipe(backend, client);
                upstream.join();
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException | InterruptedException e) {
            // The client, the backend or a fault switch closed the connection: nothing to keep.
        } finally {
            closeQuietly(client);
            open.remove(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void dropOpenConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Already closed or broken: either way it is gone.
        }
    }

    @Override
    public String toString() {
        return "central " + service.slug() + " on " + host.getHostAddress() + ":" + port;
    }
}
