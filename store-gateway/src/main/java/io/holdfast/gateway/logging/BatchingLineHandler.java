package io.holdfast.gateway.logging;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes log lines off the request's thread. A line is formatted where it is logged (so it carries
 * that request's id), queued, and written by one thread in batches with one flush each: a busy desk
 * logs a line per request, and a console handler's write and flush per line, under one lock, made
 * every request wait for the terminal. Nothing is dropped and the order holds: when the queue is
 * full, the caller waits for room, as it waited for the terminal before; {@link #flush()} (run at
 * exit) writes whatever is still queued, and once closed a line is written by its caller.
 */
final class BatchingLineHandler extends Handler {

    private static final int QUEUED = 16_384;
    private static final int BATCH = 1_024;

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUED);
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;
    /** Lines handed over and not yet written: flush waits for the writer to reach zero, so order holds. */
    private final AtomicLong unwritten = new AtomicLong();
    private static final Duration FLUSH_PATIENCE = Duration.ofSeconds(2);

    BatchingLineHandler(OutputStream stream, Formatter formatter) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        setFormatter(formatter);
        this.writer = Thread.ofPlatform().daemon().name("log-writer").start(this::writeUntilInterrupted);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line = getFormatter().format(record);
        if (closed) {
            write(List.of(line));
            return;
        }
        try {
            unwritten.incrementAndGet();
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unwritten.decrementAndGet();
            write(List.of(line));
        }
    }

    private void writeUntilInterrupted() {
        List<String> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch, BATCH - 1);
                write(batch);
                unwritten.addAndGet(-batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(List<String> batch) {
        synchronized (out) {
            try {
                for (String line : batch) {
                    out.write(line);
                }
                out.flush();
            } catch (IOException e) {
                reportError("log lines could not be written", e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    /**
     * Returns once every line handed over so far is written: the writer is given a moment to finish
     * (so lines stay in order); what it has not reached by then is written here.
     */
    @Override
    public void flush() {
        long deadline = System.nanoTime() + FLUSH_PATIENCE.toNanos();
        while (unwritten.get() > 0 && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        unwritten.addAndGet(-rest.size());
        write(rest);
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        flush();
    }
}
