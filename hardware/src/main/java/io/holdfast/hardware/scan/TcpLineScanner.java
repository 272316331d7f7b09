package io.holdfast.hardware.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.holdfast.hardware.device.Device;
import io.holdfast.hardware.device.DeviceHealth;
import io.holdfast.hardware.device.DeviceKind;

/**
 * A fixed or presentation scanner in TCP server mode: the gateway connects, and each scan
 * arrives as one line. Every line is parsed and handed to the listener; the connection is
 * re-made, after a pause, whenever it drops.
 */
public final class TcpLineScanner implements Device, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TcpLineScanner.class.getName());

    public record Settings(String id, InetSocketAddress address, Duration reconnectDelay) {
        public static Settings of(String id, InetSocketAddress address) {
            return new Settings(id, address, Duration.ofSeconds(2));
        }
    }

    private final Settings settings;
    private final ScanParser parser;
    private final ScanListener listener;
    private final Clock clock;
    private final Thread reader;
    private volatile Socket socket;
    private volatile boolean closed;
    private volatile DeviceHealth.Status status = DeviceHealth.Status.UNKNOWN;
    private volatile String detail = "not contacted yet";
    private volatile Optional<Instant> lastSeen = Optional.empty();

    public TcpLineScanner(Settings settings, ScanParser parser, ScanListener listener, Clock clock) {
        this.settings = settings;
        this.parser = parser;
        this.listener = listener;
        this.clock = clock;
        this.reader = Thread.ofVirtual().name("scanner-" + settings.id()).start(this::readForever);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.SCANNER;
    }

    @Override
    public String driver() {
        return "line-tcp " + settings.address().getHostString() + ":" + settings.address().getPort();
    }

    @Override
    public DeviceHealth health() {
        return new DeviceHealth(status, detail, lastSeen, 0);
    }

    @Override
    public void close() {
        closed = true;
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // Closing to stop the reader.
            }
        }
        reader.interrupt();
    }

    private void readForever() {
        while (!closed) {
            try (Socket connection = new Socket()) {
                socket = connection;
                connection.connect(settings.address(), 2000);
                status = DeviceHealth.Status.CONNECTED;
                detail = "waiting for a scan";
                lastSeen = Optional.of(clock.instant());
                readLines(connection.getInputStream());
                status = DeviceHealth.Status.OFFLINE;
                detail = "the scanner closed the connection";
            } catch (IOException e) {
                status = DeviceHealth.Status.OFFLINE;
                detail = "cannot reach the scanner: " + e.getMessage();
            }
            if (!closed) {
                pause();
            }
        }
    }

    private void readLines(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' || b == '\r') {
                if (tooLong) {
                    deliver(new ScanResult.Rejected("the scan was longer than any code this store uses", ""));
                } else if (!line.isEmpty()) {
                    deliver(parser.parse(line.toString()));
                }
                line.setLength(0);
                tooLong = false;
            } else if (line.length() > ScanParser.MAX_LENGTH) {
                tooLong = true;
            } else {
                line.append(new String(new byte[]{(byte) b}, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void deliver(ScanResult result) {
        Instant now = clock.instant();
        lastSeen = Optional.of(now);
        detail = switch (result) {
            case ScanResult.Recognised recognised -> "last scan: " + recognised.code().describe();
            case ScanResult.Rejected rejected -> "last scan not recognised: " + rejected.reason();
        };
        try {
            listener.onScan(new ScanEvent(settings.id(), result, now));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "scan listener failed for scanner " + settings.id(), e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.reconnectDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }
}
