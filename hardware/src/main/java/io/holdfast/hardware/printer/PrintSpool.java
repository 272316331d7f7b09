package io.holdfast.hardware.printer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A printer's durable queue, one file per job, like a print spooler: a job is written to a
 * temporary file, forced to disk and renamed into {@code pending/}, so after a crash it is there
 * whole or not at all. A printed job moves to {@code printed/}, where the newest ones are kept
 * for reprints and the oldest beyond {@code keepPrinted} are removed.
 */
public final class PrintSpool {

    private static final String SUFFIX = ".escpos";

    /** A job waiting to print. */
    public record SpooledJob(long id, byte[] bytes) {
        public SpooledJob {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private final Path pending;
    private final Path printed;
    private final int keepPrinted;
    private final AtomicLong lastId;

    public PrintSpool(Path folder, int keepPrinted) {
        if (keepPrinted < 0) {
            throw new IllegalArgumentException("printed jobs to keep must not be negative, but was " + keepPrinted);
        }
        this.pending = folder.resolve("pending");
        this.printed = folder.resolve("printed");
        this.keepPrinted = keepPrinted;
        try {
            Files.createDirectories(pending);
            Files.createDirectories(printed);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create print spool folders under " + folder, e);
        }
        this.lastId = new AtomicLong(Math.max(highestId(pending), highestId(printed)));
    }

    /** Writes the job to disk before it returns: once this returns, a crash does not lose it. */
    public long enqueue(byte[] bytes) {
        long id = lastId.incrementAndGet();
        Path target = pending.resolve(name(id));
        Path temporary = pending.resolve(name(id) + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write print job " + id + " to " + temporary, e);
        }
        move(temporary, target);
        forceFolder(pending);
        return id;
    }

    /** The oldest job still to print: jobs print in the order they were queued. */
    public Optional<SpooledJob> oldestPending() {
        List<Path> jobs = jobs(pending);
        if (jobs.isEmpty()) {
            return Optional.empty();
        }
        Path oldest = jobs.getFirst();
        try {
            return Optional.of(new SpooledJob(idOf(oldest), Files.readAllBytes(oldest)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read print job " + oldest, e);
        }
    }

    public void markPrinted(long id) {
        move(pending.resolve(name(id)), printed.resolve(name(id)));
        forceFolder(printed);
        List<Path> kept = jobs(printed);
        for (int i = 0; i < kept.size() - keepPrinted; i++) {
            try {
                Files.deleteIfExists(kept.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove old printed job " + kept.get(i), e);
            }
        }
    }

    public int pendingCount() {
        return jobs(pending).size();
    }

    private static List<Path> jobs(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list print jobs in " + folder, e);
        }
    }

    private static long highestId(Path folder) {
        return jobs(folder).stream().mapToLong(PrintSpool::idOf).max().orElse(0);
    }

    private static long idOf(Path job) {
        String name = job.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static String name(long id) {
        return "%016d%s".formatted(id, SUFFIX);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("The print spool's file system cannot rename atomically: " + from, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move print job " + from + " to " + to, e);
        }
    }

    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a folder; the rename is still atomic there.
        }
    }
}
