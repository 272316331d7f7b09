package io.holdfast.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One gateway per store file. Two gateways on one file would each relay the same outbox, so the
 * second stops at start-up. The lock lives in a side file ({@code holdfast.db.lock}) and the
 * operating system releases it when the process dies, so a crash never leaves the store locked.
 */
final class StoreLock {

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** No lock at all: for read-only tools that run beside the gateway that owns the file. */
    static StoreLock none() {
        return new StoreLock(null, null);
    }

    static StoreLock acquire(Path databaseFile) {
        Path lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(databaseFile, lockFile, null);
            }
            return new StoreLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(databaseFile, lockFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException(databaseFile, "cannot be locked for this process (" + e + ")", e);
        } catch (StoreUnavailableException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    void release() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // The channel close below releases it too.
        }
        closeQuietly(channel);
    }

    private static StoreUnavailableException inUse(Path databaseFile, Path lockFile, Throwable cause) {
        return new StoreUnavailableException(databaseFile,
                "is in use by another Holdfast process (it holds " + lockFile.getFileName() + ")", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through this channel.
        }
    }
}
