package io.holdfast.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection for the desk's hot reads, so SQLite compiles each one once
 * per connection rather than once per request. A connection is used by one thread at a time (a
 * borrowed reader, or the writer under its lock), so its own map needs no lock. The caller closes
 * the result set, never the statement; the statements go when {@link Database} closes the connection.
 */
public final class KeptStatements {

    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    private KeptStatements() {
    }

    /** The statement for {@code sql} on this connection, compiled the first time it is asked for. */
    static PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> mine = KEPT.computeIfAbsent(connection, c -> new HashMap<>());
        PreparedStatement statement = mine.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            mine.put(sql, statement);
        }
        return statement;
    }

    /** Runs a kept query with its parameters (text or whole numbers); the caller closes the result set. */
    public static ResultSet query(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepared(connection, sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeQuery();
    }

    /** Forgets a connection's statements when it closes. */
    static void forget(Connection connection) {
        KEPT.remove(connection);
    }
}
