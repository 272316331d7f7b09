package io.holdfast.order;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.holdfast.store.Database;
import io.holdfast.store.KeptStatements;

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
            case SearchQuery.ByName byName -> byName(connection, byName);
            case SearchQuery.Invalid invalid -> List.of();
        };
    }

    /**
     * Whole name words in a whole outward code are looked up as the index's joined words first (one
     * short list each); a name whose punctuation the joined words do not follow is still found by the
     * name and outward code columns.
     */
    private static List<OrderSummary> byName(Connection connection, SearchQuery.ByName query) throws SQLException {
        String postcode = query.postcodePrefix().replaceAll("[%_\\\\]", "") + "%";
        Optional<String> inArea = areaMatch(query);
        if (inArea.isPresent()) {
            List<OrderSummary> found = select(connection, BY_NAME, inArea.get(), postcode);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return select(connection, BY_NAME, ftsMatch(query), postcode);
    }

    /**
     * {@code smith LS1} gives {@code area_words : ("smith0ls1")}: each whole name word joined to the
     * outward code, as migration 20 indexes them. Empty with no outward code, or while the last name
     * word is still being typed (a joined word has no prefix to match).
     */
    static Optional<String> areaMatch(SearchQuery.ByName query) {
        if (query.outwardCode().isEmpty() || query.lastIsPrefix()) {
            return Optional.empty();
        }
        String outward = query.outwardCode().get();
        return Optional.of(query.nameTerms().stream().map(term -> word(term + "0" + outward))
                .collect(Collectors.joining(" ", "area_words : (", ")")));
    }

    /**
     * Every name term must match the name: the earlier ones as whole words, the last one as the start
     * of a word while it is still being typed: {@code jane smi} gives {@code customer_name : ("jane"
     * "smi"*)}. A name followed by a postcode is whole ({@code smith LS1}: Smith, not Smithson), which
     * also spares the index from merging every word that starts so. A whole outward code typed must be
     * the postcode's: {@code AND outward_code : "ls1"}.
     */
    static String ftsMatch(SearchQuery.ByName query) {
        List<String> terms = query.nameTerms();
        StringBuilder match = new StringBuilder("customer_name : (");
        for (int i = 0; i < terms.size(); i++) {
            match.append(i == 0 ? "" : " ").append(word(terms.get(i)));
            if (i == terms.size() - 1 && query.lastIsPrefix()) {
                match.append('*');
            }
        }
        match.append(')');
        query.outwardCode().ifPresent(outward -> match.append(" AND outward_code : ").append(word(outward)));
        return match.toString();
    }

    /** One word of an FTS query, quoted, with any quote in it dropped: what was typed is never FTS syntax. */
    private static String word(String typed) {
        return '"' + typed.replace("\"", "") + '"';
    }

    static List<OrderSummary> select(Connection connection, String sql, String... parameters) throws SQLException {
        List<OrderSummary> found = new ArrayList<>();
        try (ResultSet row = KeptStatements.query(connection, sql, parameters)) {
            while (row.next()) {
                found.add(new OrderSummary(new OrderId(row.getString(1)), row.getString(2), row.getString(3),
                        OrderStatus.valueOf(row.getString(4)), LocalDate.parse(row.getString(5)), row.getInt(6),
                        row.getInt(7)));
            }
        }
        return found;
    }
}
