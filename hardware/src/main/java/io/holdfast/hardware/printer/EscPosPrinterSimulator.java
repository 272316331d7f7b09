package io.holdfast.hardware.printer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.holdfast.hardware.receipt.DecodedReceipt;
import io.holdfast.hardware.receipt.EscPosDecoder;

/**
 * A receipt printer on a TCP socket, for the demo and the tests: answers ESC/POS status queries,
 * decodes each job it receives and keeps the last receipts for previews. Its switches make it
 * run out of paper, answer garbage, go offline, or stop partway through a job.
 */
public final class EscPosPrinterSimulator implements AutoCloseable {

    private static final int KEEP = 50;

    private final InetAddress host;
    private volatile int port;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;
    private volatile boolean paper = true;
    private volatile boolean garbage;
    private final AtomicInteger stopNextJobAfterBytes = new AtomicInteger(-1);
    private final Deque<DecodedReceipt> printed = new ConcurrentLinkedDeque<>();
    private final Deque<DecodedReceipt> torn = new ConcurrentLinkedDeque<>();
    private final List<Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EscPosPrinterSimulator(InetAddress host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Listens on loopback; port 0 picks a free one. */
    public static EscPosPrinterSimulator start(int port) {
        EscPosPrinterSimulator simulator = new EscPosPrinterSimulator(InetAddress.getLoopbackAddress(), port);
        simulator.comeOnline();
        return simulator;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Receipts that printed whole (ended with a cut), oldest first. */
    public List<DecodedReceipt> printed() {
        return new ArrayList<>(printed);
    }

    /** Jobs that stopped partway: the half-receipts a real printer would have torn off. */
    public List<DecodedReceipt> torn() {
        return new ArrayList<>(torn);
    }

    public void setPaper(boolean loaded) {
        paper = loaded;
    }

    public void setAnswersGarbage(boolean answersGarbage) {
        garbage = answersGarbage;
    }

    /**
     * The printer stops partway through the next job: after this many bytes of it, it drops the
     * connection and goes offline, as if switched off, until {@link #comeOnline()}.
     */
    public void stopMidNextJob(int bytes) {
        stopNextJobAfterBytes.set(bytes);
    }

    /**
     * Stops listening and drops every connection, like a printer switched off. Waits for the
     * accept loop to end: a socket closed while a virtual thread waits in accept may otherwise
     * take one more connection.
     */
    public synchronized void goOffline() {
        ServerSocket socket = listener;
        Thread loop = acceptor;
        listener = null;
        acceptor = null;
        if (socket != null) {
            closeQuietly(socket);
        }
        if (loop != null && loop != Thread.currentThread()) {
            try {
                loop.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        open.forEach(EscPosPrinterSimulator::closeQuietly);
        open.clear();
    }

    /** Listens again, on the same port as before. */
    public synchronized void comeOnline() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 16);
            port = socket.getLocalPort();
            listener = socket;
            acceptor = Thread.ofVirtual().name("printer-simulator-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen as a printer on " + host.getHostAddress() + ":" + port, e);
        }
    }

    @Override
    public void close() {
        goOffline();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (listener != socket) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        int dropAfter = -1;
        boolean stopMidJob = false;
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x10) {
                    int eot = in.read();
                    int n = in.read();
                    if (eot == 0x04 && n >= 0) {
                        // What came before the status request is printed before it is answered, so a
                        // driver that moves on to its next job after the answer finds this one kept first.
                        keep(job.toByteArray());
                        job.reset();
                        out.write(garbage ? 'A' : paper ? EscPosStatus.READY : EscPosStatus.PAPER_OUT);
                        out.flush();
                        continue;
                    }
                    writeRead(job, b, eot, n);
                } else {
                    job.write(b);
                }
                if (dropAfter < 0 && job.size() > 0) {
                    dropAfter = stopNextJobAfterBytes.getAndSet(-1);
                    dropAfter = dropAfter < 0 ? Integer.MAX_VALUE : dropAfter;
                }
                if (job.size() >= dropAfter) {
                    stopMidJob = true;
                    break;
                }
            }
        } catch (IOException e) {
            // The connection ended; whatever arrived is judged below.
        } finally {
            open.remove(client);
            keep(job.toByteArray());
            if (stopMidJob) {
                goOffline();
            }
        }
    }

    private static void writeRead(ByteArrayOutputStream job, int... bytes) {
        for (int b : bytes) {
            if (b >= 0) {
                job.write(b);
            }
        }
    }

    private void keep(byte[] job) {
        if (job.length == 0) {
            return;
        }
        DecodedReceipt receipt = EscPosDecoder.decode(job);
        Deque<DecodedReceipt> into = receipt.isCut() ? printed : torn;
        into.addLast(receipt);
        while (into.size() > KEEP) {
            into.pollFirst();
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
