package io.holdfast.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.holdfast.store.Database;

/**
 * Finds orders for the desk: by order number, by collection code (through its hash), or by
 * customer name and postcode, tolerating case, accents and partial words.
 */
public final class OrderSearch {

    /** Enough for a desk to choose from; a longer list means the colleague should type more. */
    public static final int LIMIT = 20;

    /** The columns an {@link OrderSummary} is read from: add a WHERE and an ORDER BY. */
    static final String SUMMARY = """
            SELECT o.order_id, o.customer_name, o.postcode, o.status, o.pickup_by,
                   (SELECT count(*) FROM parcels p WHERE p.order_id = o.order_id),
                   (SELECT coalesce(sum(max(0, quantity - quantity_collected - quantity_not_collected)), 0) FROM order_lines l WHERE l.order_id = o.order_id)
            FROM orders o""";

    /**
     * Matches first, limited, then the per-order counts for the few that are shown: a common
     * surname can match thousands of orders, and counting parcels for all of them is wasted work.
     */
    private static final String BY_NAME = """
            WITH hits AS (
                SELECT o.rowid AS id, o.status <> 'READY' AS later, o.pickup_by AS due
                FROM orders_by_name n JOIN orders o ON o.rowid = n.rowid
                WHERE orders_by_name MATCH ? AND o.postcode_key LIKE ? ESCAPE '\\'
                ORDER BY later, due LIMIT\s""" + LIMIT + """
            )
            SELECT o.order_id, o.customer_name, o.postcode, o.status, o.pickup_by,
                   (SELECT count(*) FROM parcels p WHERE p.order_id = o.order_id),
                   (SELECT coalesce(sum(max(0, quantity - quantity_collected - quantity_not_collected)), 0) FROM order_lines l WHERE l.order_id = o.order_id)
            FROM hits JOIN orders o ON o.rowid = hits.id
            ORDER BY hits.later, hits.due""";

    /** The answer: what matched, or why nothing could be searched. */
    public sealed interface Result {
        record Found(List<OrderSummary> orders) implements Result {
            public Found {
                orders = List.copyOf(orders);
            }
        }

        record Invalid(String reason) implements Result {
        }
    }

    private final Database database;
    private final Optional<CollectionCodes> codes;

    /** A search by order number and name only: the store has no collection-code key. */
    public OrderSearch(Database database) {
        this.database = database;
        this.codes = Optional.empty();
    }

    /** @param codes the store's collection-code key, to find an order by the code the customer brings */
    public OrderSearch(Database database, CollectionCodes codes) {
        this.database = database;
        this.codes = Optional.of(codes);
    }

    public Result search(String typed) {
        return switch (SearchQuery.parse(typed)) {
            case SearchQuery.Invalid invalid -> new Result.Invalid(invalid.reason());
            case SearchQuery.ByCollectionCode byCode when codes.isEmpty() -> new Result.Invalid(
                    "Collection codes are not set up in this store; search by order number or name.");
            case SearchQuery query -> new Result.Found(database.read("search orders", c -> run(c, query)));
        };
    }

    private List<OrderSummary> run(Connection connection, SearchQuery query) throws SQLException {
        return switch (query) {
            case SearchQuery.ByOrderId byId -> select(connection, SUMMARY + " WHERE o.order_id = ?", byId.orderId().value());
            case SearchQuery.ByCollectionCode byCode -> select(connection, SUMMARY
                    + " WHERE o.collection_code_hash IN (?, ?) ORDER BY o.pickup_by LIMIT " + LIMIT,
                    codes.orElseThrow().storedForms(byCode.code()).toArray(String[]::new));
            case SearchQuery.ByName byName -> select(connection, BY_NAME,
                    ftsMatch(byName), byName.postcodePrefix().replaceAll("[%_\\\\]", "") + "%");
            case SearchQuery.Invalid invalid -> List.of();
        };
    }

    /**
     * Every name term must match the name: the earlier ones as whole words, the last one as the start
     * of a word, as it is still being typed: {@code jane smi} gives {@code customer_name : ("jane"
     * "smi"*)}. A whole outward code typed must be the postcode's: {@code AND outward_code : "ls1"}.
     */
    static String ftsMatch(SearchQuery.ByName query) {
        List<String> terms = query.nameTerms();
        StringBuilder match = new StringBuilder("customer_name : (");
        for (int i = 0; i < terms.size(); i++) {
            match.append(i == 0 ? "" : " ").append('"').append(terms.get(i).replace("\"", "")).append('"');
            if (i == terms.size() - 1) {
                match.append('*');
            }
        }
        match.append(')');
        query.outwardCode().ifPresent(outward -> match.append(" AND outward_code : \"")
                .append(outward.replaceAll("[^A-Z0-9]", "")).append('"'));
        return match.toString();
    }

    static List<OrderSummary> select(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<OrderSummary> found = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.add(new OrderSummary(new OrderId(row.getString(1)), row.getString(2), row.getString(3),
                            OrderStatus.valueOf(row.getString(4)), LocalDate.parse(row.getString(5)), row.getInt(6),
                            row.getInt(7)));
                }
            }
            return found;
        }
    }
}
