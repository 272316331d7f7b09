package io.holdfast.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** This store file's installation id: made once, then the same for every gateway run on it. */
public final class Installation {

    private Installation() {
    }

    public static String id(Database database) {
        return database.inTransaction("read the installation id", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT installation_id FROM installation WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return row.getString(1);
                }
            }
            String made = UUID.randomUUID().toString();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO installation (id, installation_id) VALUES (1, ?)")) {
                insert.setString(1, made);
                insert.executeUpdate();
            }
            return made;
        });
    }
}
