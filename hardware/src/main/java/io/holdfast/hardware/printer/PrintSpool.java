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
 * for reprints and the oldest beyond {@code keepPrinted} are removed; a job queued not to be kept
 * (a voucher with a card number and PIN) is deleted as soon as the printer confirms it.
 */
public final class PrintSpool {

    private static final String SUFFIX = ".escpos";
    /** Marks a job that is deleted, not kept, once printed. */
    private static final String ONCE = ".once";

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
        return enqueue(bytes, true);
    }

    /** The same; {@code keepAfterPrinting} false deletes the job once the printer confirms it. */
    public long enqueue(byte[] bytes, boolean keepAfterPrinting) {
        long id = lastId.incrementAndGet();
        Path target = pending.resolve(keepAfterPrinting ? name(id) : onceName(id));
        Path temporary = pending.resolve(target.getFileName() + ".tmp");
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
        Path once = pending.resolve(onceName(id));
        if (Files.exists(once)) {
            try {
                Files.delete(once);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete printed job " + once, e);
            }
            forceFolder(pending);
            return;
        }
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
        String id = name.substring(0, name.length() - SUFFIX.length());
        return Long.parseLong(id.endsWith(ONCE) ? id.substring(0, id.length() - ONCE.length()) : id);
    }

    private static String name(long id) {
        return "%016d%s".formatted(id, SUFFIX);
    }

    private static String onceName(long id) {
        return "%016d%s%s".formatted(id, ONCE, SUFFIX);
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
