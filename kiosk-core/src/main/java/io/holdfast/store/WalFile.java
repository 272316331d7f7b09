package io.holdfast.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Looks at the store's write-ahead log before SQLite does. SQLite ignores a WAL whose header or
 * frame checksums do not match, silently, and with it every transaction committed since the last
 * checkpoint: twenty sales and their loyalty events, gone without a word. A non-empty WAL with a
 * damaged header, or with a damaged frame that committed work follows, stops start-up instead;
 * the three files are copied aside (the WAL moved, never deleted) and the line says what to do.
 *
 * <p>What SQLite drops normally is not damage: frames of an earlier generation (other salts) after
 * a checkpoint, and a torn last transaction that never committed.
 */
final class WalFile {

    private static final int HEADER = 32;
    private static final int FRAME_HEADER = 24;
    private static final int MAGIC_LITTLE = 0x377f0682;
    private static final int MAGIC_BIG = 0x377f0683;
    private static final int VERSION = 3007000;

    private WalFile() {
    }

    static void requireIntact(Path database) {
        Path wal = database.resolveSibling(database.getFileName() + "-wal");
        byte[] bytes;
        try {
            if (!Files.isRegularFile(wal) || Files.size(wal) == 0) {
                return;
            }
            bytes = Files.readAllBytes(wal);
        } catch (IOException e) {
            throw new StoreUnavailableException(wal, "cannot be read (" + e + ")", e);
        }
        String damage = damage(bytes);
        if (!damage.isEmpty()) {
            Path aside = setAside(database, wal);
            throw new StoreUnavailableException(wal, damage + ", so SQLite would drop work committed in it. The"
                    + " store, its WAL and shared-memory file are kept in " + aside + "; nothing was deleted."
                    + " Restore the store from its last backup or call support before opening it again.");
        }
    }

    /** What is wrong with the WAL, or empty when SQLite may read it. */
    static String damage(byte[] wal) {
        if (wal.length < HEADER) {
            return "is " + wal.length + " bytes, shorter than a WAL header";
        }
        ByteBuffer header = ByteBuffer.wrap(wal, 0, HEADER).order(ByteOrder.BIG_ENDIAN);
        int magic = header.getInt(0);
        if (magic != MAGIC_LITTLE && magic != MAGIC_BIG) {
            return "has a damaged header (not a WAL's magic number)";
        }
        if (header.getInt(4) != VERSION) {
            return "has a damaged header (unknown WAL version " + header.getInt(4) + ")";
        }
        int pageSize = header.getInt(8);
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            return "has a damaged header (page size " + pageSize + ")";
        }
        ByteOrder order = magic == MAGIC_BIG ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] sum = checksum(wal, 0, 24, order, new int[]{0, 0});
        if (sum[0] != header.getInt(24) || sum[1] != header.getInt(28)) {
            return "has a damaged header (its checksum does not match)";
        }
        int salt1 = header.getInt(16);
        int salt2 = header.getInt(20);
        int frameSize = FRAME_HEADER + pageSize;
        boolean broken = false;
        int frame = 0;
        for (int at = HEADER; at + frameSize <= wal.length; at += frameSize, frame++) {
            ByteBuffer frameHeader = ByteBuffer.wrap(wal, at, FRAME_HEADER).order(ByteOrder.BIG_ENDIAN);
            if (frameHeader.getInt(at + 8) != salt1 || frameHeader.getInt(at + 12) != salt2) {
                return ""; // an earlier generation's frames, left after a checkpoint: SQLite rightly ignores them
            }
            boolean commits = frameHeader.getInt(at + 4) != 0;
            if (broken) {
                if (commits) {
                    return "has a damaged frame before committed work (frame " + frame + ")";
                }
                continue;
            }
            sum = checksum(wal, at, 8, order, sum);
            sum = checksum(wal, at + FRAME_HEADER, pageSize, order, sum);
            broken = sum[0] != frameHeader.getInt(at + 16) || sum[1] != frameHeader.getInt(at + 20);
        }
        return "";
    }

    /** SQLite's WAL checksum over {@code length} bytes (a multiple of 8), continuing from {@code from}. */
    private static int[] checksum(byte[] bytes, int offset, int length, ByteOrder order, int[] from) {
        ByteBuffer words = ByteBuffer.wrap(bytes, offset, length).order(order);
        int s0 = from[0];
        int s1 = from[1];
        for (int i = offset; i < offset + length; i += 8) {
            s0 += words.getInt(i) + s1;
            s1 += words.getInt(i + 4) + s0;
        }
        return new int[]{s0, s1};
    }

    private static Path setAside(Path database, Path wal) {
        Path aside = database.resolveSibling(database.getFileName() + ".damaged-1");
        for (int n = 2; Files.exists(aside); n++) {
            aside = database.resolveSibling(database.getFileName() + ".damaged-" + n);
        }
        try {
            Files.createDirectories(aside);
            Files.copy(database, aside.resolve(database.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            Path shm = database.resolveSibling(database.getFileName() + "-shm");
            if (Files.exists(shm)) {
                Files.copy(shm, aside.resolve(shm.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.move(wal, aside.resolve(wal.getFileName()));
        } catch (IOException e) {
            throw new StoreUnavailableException(wal, "is damaged and could not be set aside in " + aside + " (" + e
                    + "); nothing was deleted", e);
        }
        return aside;
    }
}
