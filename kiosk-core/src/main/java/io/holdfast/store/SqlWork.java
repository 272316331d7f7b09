package io.holdfast.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on one connection; the {@link Database} owns the connection and the transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
