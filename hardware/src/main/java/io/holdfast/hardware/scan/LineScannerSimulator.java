package io.holdfast.hardware.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scanner in TCP server mode, for the demo and the tests: {@link #scan} sends one code as one line. */
public final class LineScannerSimulator implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private LineScannerSimulator(ServerSocket listener) {
        this.listener = listener;
        Thread.ofVirtual().name("scanner-simulator-" + listener.getLocalPort()).start(this::accept);
    }

    /** Listens on loopback; port 0 picks a free one. */
    public static LineScannerSimulator start(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return new LineScannerSimulator(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen as a scanner on port " + port, e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    public int connectedClients() {
        return clients.size();
    }

    /** Sends {@code code} with a CR LF to every connected client, as a scanner does. */
    public void scan(String code) {
        byte[] line = (code + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (Socket client : clients) {
            try {
                OutputStream out = client.getOutputStream();
                out.write(line);
                out.flush();
            } catch (IOException e) {
                clients.remove(client);
            }
        }
    }

    /** Drops every client, as a scanner being unplugged does. */
    public void disconnectAll() {
        for (Socket client : clients) {
            closeQuietly(client);
        }
        clients.clear();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        disconnectAll();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                clients.add(listener.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
