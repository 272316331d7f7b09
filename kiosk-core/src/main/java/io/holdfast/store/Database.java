package io.holdfast.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one SQLite file: a single writer connection (SQLite has one writer whatever we do)
 * and a few read connections. Every write runs in one transaction, so a business change and its
 * outbox event land together or not at all.
 *
 * <p>Opening never deletes, truncates or recreates a file: a corrupt, locked or foreign file
 * stops start-up with a {@link StoreUnavailableException} that names it.
 */
public final class Database implements AutoCloseable {

    private final DatabaseSettings settings;
    private final StoreLock ownerLock;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Semaphore readPermits;
    private final BlockingQueue<Connection> idleReaders = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private Database(DatabaseSettings settings, StoreLock ownerLock, Connection writer) {
        this.settings = settings;
        this.ownerLock = ownerLock;
        this.writer = writer;
        this.readPermits = new Semaphore(settings.readers());
    }

    /**
     * Opens the store for this process: takes the owner lock, checks the file's integrity and
     * brings its schema up to date.
     *
     * @throws StoreUnavailableException when the file cannot be used; nothing has been changed
     */
    public static Database open(DatabaseSettings settings) {
        return open(settings, () -> Migrations.apply(settings));
    }

    /**
     * The same for another application's database, such as the regional console's: its schema comes
     * from the Flyway scripts at {@code location} ({@code classpath:db/console}), none of the store's.
     */
    public static Database open(DatabaseSettings settings, String location) {
        return open(settings, () -> Migrations.apply(settings, location));
    }

    private static Database open(DatabaseSettings settings, Runnable migrate) {
        Path file = settings.file();
        createFolder(file);
        StoreLock ownerLock = StoreLock.acquire(file);
        try {
            StoreFiles.requireSqliteOrEmpty(file);
            WalFile.requireIntact(file);
            Connection writer = StoreConnections.open(settings, StoreConnections.Access.WRITE);
            try {
                StoreFiles.requireIntact(file, writer);
                StoreFiles.requireWritable(settings, writer);
                migrate.run();
                Database database = new Database(settings, ownerLock, writer);
                try {
                    database.proveWritable();
                } catch (StoreException e) {
                    throw new StoreUnavailableException(file, "cannot be written (" + rootCause(e) + "): check the"
                            + " owner and permissions of the file and its folder, and the free space; nothing was"
                            + " changed", e);
                }
                return database;
            } catch (RuntimeException e) {
                closeQuietly(writer);
                throw e;
            }
        } catch (RuntimeException e) {
            ownerLock.release();
            throw e;
        }
    }

    /**
     * Opens a store to read it only, without the owner lock and without migrating it: for tools
     * such as {@code holdfast audit verify} that run beside a gateway. Writes are refused.
     */
    public static Database openReadOnly(DatabaseSettings settings) {
        Path file = settings.file();
        if (!Files.isRegularFile(file)) {
            throw new StoreUnavailableException(file, "does not exist");
        }
        StoreFiles.requireSqliteOrEmpty(file);
        return new Database(settings, StoreLock.none(), null);
    }

    /**
     * Makes a consistent copy of a store, even one that a running gateway is writing to, with
     * SQLite's online backup. Refuses to overwrite an existing file.
     */
    public static BackupReport backup(DatabaseSettings source, Path target) {
        return OnlineBackup.copy(source, target.toAbsolutePath().normalize());
    }

    public Path file() {
        return settings.file();
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}); commits when it returns,
     * rolls back when it throws. Called inside another transaction on the same thread, it joins that
     * one: the work commits or rolls back with the outer transaction (a signed command's claim, its
     * effect and its audit entry are one transaction so).
     *
     * <p>The writer stays in auto-commit between transactions: sqlite-jdbc begins the next
     * transaction as soon as one commits, and a writer parked inside a transaction would hold the
     * write lock for good.
     */
    public <T> T inTransaction(String operation, SqlWork<T> work) {
        requireOpen();
        if (writer == null) {
            throw new StoreException("Cannot " + operation + ": store " + settings.file() + " was opened read-only");
        }
        if (writeLock.isHeldByCurrentThread()) {
            try {
                return work.run(writer);
            } catch (SQLException e) {
                throw StoreException.of(operation, e);
            }
        }
        writeLock.lock();
        try {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(operation, e);
                throw e instanceof SQLException sql ? StoreException.of(operation, sql) : (RuntimeException) e;
            }
        } catch (SQLException e) {
            throw StoreException.of(operation + " (begin or commit)", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs {@code work} on a read connection inside one read transaction, so every query in it
     * sees the same committed state (an order and its lines never come from two moments).
     */
    public <T> T read(String operation, SqlWork<T> work) {
        requireOpen();
        readPermits.acquireUninterruptibly();
        Connection reader = null;
        try {
            reader = borrowReader();
            reader.setAutoCommit(false);
            try {
                return work.run(reader);
            } finally {
                reader.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreException.of(operation, e);
        } finally {
            if (reader != null) {
                idleReaders.add(reader);
            }
            readPermits.release();
        }
    }

    /** The store's schema version: the newest migration applied (a newer release's included). */
    public int schemaVersion() {
        return (int) readLong("read the schema version",
                "SELECT coalesce(max(CAST(version AS INTEGER)), 0) FROM flyway_schema_history WHERE success = 1");
    }

    /** Runs a query that answers one number, such as a count. */
    public long readLong(String operation, String sql) {
        return read(operation, connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
                if (!rows.next()) {
                    throw new SQLException("no row from: " + sql);
                }
                return rows.getLong(1);
            }
        });
    }

    /** True when a read answers. */
    public boolean answers() {
        try {
            return readLong("check the store answers", "SELECT 1") == 1;
        } catch (StoreException e) {
            return false;
        }
    }

    /**
     * A real write, committed (one probe row): proves the file, its WAL and its folder take writes
     * now, which taking the write lock does not. Readiness asks it every time.
     *
     * @throws StoreException when the store cannot be written
     */
    public void proveWritable() {
        inTransaction("prove the store can be written", connection -> {
            try (var probe = connection.createStatement()) {
                return probe.executeUpdate("""
                        INSERT INTO write_probe (id, writes) VALUES (1, 1)
                        ON CONFLICT (id) DO UPDATE SET writes = writes + 1""");
            }
        });
    }

    /**
     * Copies the write-ahead log into the store file and empties it, as far as no reader still needs
     * an older page: after a purge, so removed text does not linger in the log.
     */
    public void checkpoint() {
        requireOpen();
        if (writer == null) {
            throw new StoreException("Cannot checkpoint: store " + settings.file() + " was opened read-only");
        }
        writeLock.lock();
        try (var statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw StoreException.of("checkpoint the write-ahead log", e);
        } finally {
            writeLock.unlock();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeLock.lock();
        try {
            Connection reader;
            while ((reader = idleReaders.poll()) != null) {
                closeQuietly(reader);
            }
            if (writer != null) {
                closeQuietly(writer);
            }
        } finally {
            writeLock.unlock();
            ownerLock.release();
        }
    }

    private Connection borrowReader() {
        Connection idle = idleReaders.poll();
        return idle != null ? idle : StoreConnections.open(settings, StoreConnections.Access.READ);
    }

    private void rollback(String operation, Exception cause) {
        try {
            writer.rollback();
            writer.setAutoCommit(true);
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(new StoreException("Cannot roll back " + operation, rollbackFailure));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("Store database " + settings.file() + " is closed");
        }
    }

    private static void createFolder(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreUnavailableException(file, "cannot be created: its folder cannot be made (" + e + ")", e);
        }
    }

    static void closeQuietly(Connection connection) {
        KeptStatements.forget(connection);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the data is already committed or rolled back.
        }
    }
}
