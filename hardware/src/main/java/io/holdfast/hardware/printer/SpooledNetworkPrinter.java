package io.holdfast.hardware.printer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.holdfast.hardware.device.Device;
import io.holdfast.hardware.device.DeviceHealth;
import io.holdfast.hardware.device.DeviceKind;
import io.holdfast.hardware.receipt.CardNumbers;
import io.holdfast.hardware.receipt.DecodedReceipt;
import io.holdfast.hardware.receipt.EscPosDecoder;
import io.holdfast.hardware.receipt.EscPosEncoder;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.hardware.receipt.PrintedReceipts;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.hardware.receipt.ReceiptPrinter;

/**
 * A network receipt printer behind a durable spool. {@link #print} encodes and spools, then
 * returns; a worker sends jobs in order, and keeps retrying a job that does not print (offline,
 * out of paper, garbage) until it does, across restarts too. Health says why it is waiting.
 */
public final class SpooledNetworkPrinter implements ReceiptPrinter, PrintedReceipts, Device, AutoCloseable {

    private static final int RECENT = 10;
    private static final System.Logger LOG = System.getLogger(SpooledNetworkPrinter.class.getName());

    /** Where a printer is and how it is driven. */
    public record Settings(String id, InetSocketAddress address, int columns, Path spoolFolder, int keepPrinted,
                           Duration connectTimeout, Duration readTimeout, RetryDelays retry) {

        public static Settings of(String id, InetSocketAddress address, Path spoolFolder) {
            return new Settings(id, address, EscPosEncoder.COLUMNS_80MM, spoolFolder, 200,
                    Duration.ofSeconds(2), Duration.ofSeconds(5), RetryDelays.DEFAULT);
        }

        public Settings withColumns(int columns) {
            return new Settings(id, address, columns, spoolFolder, keepPrinted, connectTimeout, readTimeout, retry);
        }

        public Settings withRetry(RetryDelays retry) {
            return new Settings(id, address, columns, spoolFolder, keepPrinted, connectTimeout, readTimeout, retry);
        }
    }

    private final Settings settings;
    private final EscPosEncoder encoder;
    private final PrintSpool spool;
    private final NetworkPrinterDriver driver;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread worker;
    private boolean nudged;
    private volatile DeviceHealth.Status status = DeviceHealth.Status.UNKNOWN;
    private volatile String detail = "not contacted yet";
    private volatile Optional<Instant> lastSeen = Optional.empty();
    private volatile boolean closed;
    private final Deque<DecodedReceipt> recent = new ConcurrentLinkedDeque<>();

    public SpooledNetworkPrinter(Settings settings, Clock clock) {
        this.settings = settings;
        this.encoder = new EscPosEncoder(settings.columns());
        this.spool = new PrintSpool(settings.spoolFolder(), settings.keepPrinted());
        this.driver = new NetworkPrinterDriver(settings.address(), settings.connectTimeout(), settings.readTimeout());
        this.clock = clock;
        this.worker = Thread.ofVirtual().name("printer-" + settings.id()).start(this::deliverForever);
    }

    @Override
    public PrintTicket print(ReceiptDocument receipt) {
        int ahead = spool.pendingCount();
        // A voucher's card number and PIN are not kept on disk once the paper is out.
        long job = spool.enqueue(encoder.encode(receipt), !CardNumbers.appearIn(receipt));
        wake();
        return new PrintTicket(settings.id(), job, ahead);
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.RECEIPT_PRINTER;
    }

    @Override
    public String driver() {
        return "escpos-tcp " + driver.describe();
    }

    @Override
    public DeviceHealth health() {
        return new DeviceHealth(status, detail, lastSeen, spool.pendingCount());
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverForever() {
        int failures = 0;
        while (!closed) {
            Optional<PrintSpool.SpooledJob> job = spool.oldestPending();
            if (job.isEmpty()) {
                waitFor(Duration.ofSeconds(30));
                continue;
            }
            DeliveryOutcome outcome = driver.deliver(job.get().bytes());
            record(outcome);
            if (outcome instanceof DeliveryOutcome.Printed) {
                spool.markPrinted(job.get().id());
                remember(job.get().bytes());
                failures = 0;
            } else {
                failures++;
                LOG.log(System.Logger.Level.WARNING, "printer {0}: job {1} not printed ({2}); retrying",
                        settings.id(), job.get().id(), detail);
                waitFor(settings.retry().after(failures));
            }
        }
    }

    @Override
    public List<DecodedReceipt> recentlyPrinted() {
        return List.copyOf(recent);
    }

    private void remember(byte[] job) {
        recent.addLast(EscPosDecoder.decode(job));
        while (recent.size() > RECENT) {
            recent.pollFirst();
        }
    }

    private void record(DeliveryOutcome outcome) {
        switch (outcome) {
            case DeliveryOutcome.Printed ignored -> seen(DeviceHealth.Status.CONNECTED, "printing");
            case DeliveryOutcome.PaperOut ignored -> seen(DeviceHealth.Status.PAPER_OUT, "out of paper");
            case DeliveryOutcome.Garbage garbage -> seen(DeviceHealth.Status.ERROR, garbage.reason());
            case DeliveryOutcome.Offline offline -> {
                status = DeviceHealth.Status.OFFLINE;
                detail = offline.reason();
            }
        }
    }

    private void seen(DeviceHealth.Status now, String why) {
        status = now;
        detail = why;
        lastSeen = Optional.of(clock.instant());
    }

    private void wake() {
        lock.lock();
        try {
            nudged = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void waitFor(Duration delay) {
        lock.lock();
        try {
            if (!nudged) {
                work.awaitNanos(delay.toNanos());
            }
            nudged = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
