package io.holdfast.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditLog;
import io.holdfast.money.Money;
import io.holdfast.order.CentralOrders;
import io.holdfast.order.CollectCommand;
import io.holdfast.order.CollectOutcome;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.CollectionDesk;
import io.holdfast.order.Customer;
import io.holdfast.order.IdentityCheck;
import io.holdfast.order.LineQuantity;
import io.holdfast.order.Order;
import io.holdfast.order.OrderExpiry;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderSearch;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.order.PhotoId;
import io.holdfast.order.SqliteOrderRepository;
import io.holdfast.order.Verification;
import io.holdfast.outbox.Outbox;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.ReceiptPosting;
import io.holdfast.receipt.Tender;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

/**
 * The retention purge over a real store file: what has been quiet for 30 days loses its customer's
 * name, postcode, proxy's name and loyalty id, what is recent keeps them, amounts and ids stay, the
 * audit chain still verifies, and the removed text is gone from the file's bytes, not only its rows.
 */
class PersonalDataPurgeTest {

    private static final String OLD_NAME = "Olwen Pryderi";
    private static final String PROXY = "Gwenllian Ffagan";
    private static final String RECENT_NAME = "Branwen Llyr";
    private static final CollectionCodes CODES =
            new CollectionCodes("a-test-collection-code-key-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path folder;
    private final SteppingClock clock = new SteppingClock(TestClocks.START.minus(Duration.ofDays(45)));
    private Database database;
    private Outbox outbox;
    private CollectionDesk desk;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        outbox = new Outbox(database);
        desk = new CollectionDesk(database, outbox, id -> new CentralOrders.Answer.Collectable(),
                new OrderExpiry(database, outbox, clock, TestClocks.ZONE), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void whatHasBeenQuietForTheRetentionLosesItsPersonalDataAndNothingElse() throws IOException {
        save("CC-100001", OLD_NAME, "CF10 1AA");
        save("CC-100002", RECENT_NAME, "SA1 1AA");
        collect("CC-100001", new IdentityCheck(Verification.PROXY, Optional.of(PhotoId.PASSPORT), Optional.of(PROXY)));
        new ReceiptPosting(database, outbox).post(sale(1, "LOYAL-OLD-1"));
        clock.advance(Duration.ofDays(35));
        new ReceiptPosting(database, outbox).post(sale(2, "LOYAL-NEW-2"));
        collect("CC-100002", IdentityCheck.of(Verification.COLLECTION_CODE));
        // The relay has had central's acknowledgements for long enough: the sync retention (7 days) purged them.
        outbox.acknowledge(all(), clock.instant());
        clock.advance(Duration.ofDays(8));
        outbox.purgeAcknowledged(clock.instant().minus(Duration.ofDays(7)));

        PersonalDataPurge purge = new PersonalDataPurge(database, PersonalDataPurge.DEFAULT_RETENTION, clock);
        PersonalDataPurge.Plan plan = purge.plan();
        assertThat(plan.orders()).isOne();
        assertThat(plan.collectors()).isOne();
        assertThat(plan.receipts()).isOne();
        assertThat(plan.idempotency()).as("the old hand-over's stored answer, which names the customer").isOne();
        assertThat(text("SELECT customer_name FROM orders WHERE order_id = 'CC-100001'")).isEqualTo(OLD_NAME);

        assertThat(purge.purge("holdfast purge")).isEqualTo(plan);

        assertThat(text("SELECT customer_name || postcode || masked_contact FROM orders WHERE order_id = 'CC-100001'"))
                .isEmpty();
        assertThat(text("SELECT collector FROM collections WHERE order_id = 'CC-100001'")).isEmpty();
        assertThat(text("SELECT customer_name FROM orders WHERE order_id = 'CC-100002'")).isEqualTo(RECENT_NAME);
        assertThat(database.readLong("amounts stay", "SELECT sum(unit_price_minor) FROM order_lines")).isEqualTo(2 * 2950);
        assertThat(database.readLong("receipts stay", "SELECT count(*) FROM receipts")).isEqualTo(2);
        assertThat(text("SELECT coalesce(group_concat(loyalty_id), '') FROM receipts")).isEqualTo("LOYAL-NEW-2");
        assertThat(found("Pryderi CF10")).as("the name index forgot the name too").isEmpty();
        assertThat(found("Llyr SA1")).hasSize(1);
        assertThat(new AuditLog(database).verify()).isInstanceOf(AuditLog.Verification.Intact.class);
        assertThat(database.readLong("the purge is audited", "SELECT count(*) FROM audit_log WHERE action = '"
                + PersonalDataPurge.AUDIT_ACTION + "'")).isOne();
        assertThat(purge.plan().total()).as("nothing is left to purge").isZero();

        database.close();
        String bytes = storeBytes();
        assertThat(bytes).doesNotContain(OLD_NAME).doesNotContain("Pryderi").doesNotContain(PROXY)
                .doesNotContain("Ffagan").doesNotContain("LOYAL-OLD-1").doesNotContain("CF10 1AA");
        assertThat(bytes).contains(RECENT_NAME);
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
    }

    private void save(String id, String name, String postcode) {
        new SqliteOrderRepository(database).saveAll(List.of(new Order(new OrderId(id),
                new Customer(name, postcode, "o***@e***.com"),
                List.of(new OrderLine(1, "5000111", "Linen shirt, blue, M", 1, 0, Money.of(2950, "GBP"))),
                List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.SHELF, "A3"))),
                TestClocks.today().plusDays(7), OrderStatus.READY, CODES.hash("123456"), clock.instant(), 1)));
    }

    private void collect(String order, IdentityCheck identity) {
        CollectOutcome outcome = desk.collect(new CollectCommand(new OrderId(order), List.of(new LineQuantity(1, 1)),
                List.of(), identity, "S1001", Optional.empty(), "collect-" + order));
        assertThat(outcome).isInstanceOf(CollectOutcome.Collected.class);
    }

    private Receipt sale(int number, String loyaltyId) {
        return new Receipt(new ReceiptId("0421-01-20260101-%04d".formatted(number)), "01", clock.instant(),
                List.of(new ReceiptLine(1, "5001001", "Linen shirt, blue, M", 1, Money.of(2950, "GBP"), "CLOTHING")),
                List.of(new Tender(Tender.Kind.CARD, Money.of(2950, "GBP"), "VISA ****1234")), Optional.of(loyaltyId));
    }

    private List<String> all() {
        return database.read("every unacknowledged key", connection -> {
            List<String> keys = new java.util.ArrayList<>();
            try (var statement = connection.createStatement(); var rows = statement.executeQuery(
                    "SELECT idempotency_key FROM outbox_events WHERE state <> 'ACKNOWLEDGED'")) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    private List<io.holdfast.order.OrderSummary> found(String typed) {
        OrderSearch.Result result = new OrderSearch(database, CODES).search(typed);
        assertThat(result).isInstanceOf(OrderSearch.Result.Found.class);
        return ((OrderSearch.Result.Found) result).orders();
    }

    private String text(String sql) {
        return database.read("read one text", connection -> {
            try (var statement = connection.createStatement(); var row = statement.executeQuery(sql)) {
                row.next();
                return row.getString(1);
            }
        });
    }

    /** The store file and any write-ahead log, as text: what a disk image would show. */
    private String storeBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("holdfast.db")).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
