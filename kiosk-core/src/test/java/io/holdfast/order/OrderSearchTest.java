package io.holdfast.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.money.Money;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class OrderSearchTest {

    @TempDir
    Path folder;
    private Database database;
    private OrderSearch search;

    @BeforeEach
    void openStore() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        new SqliteOrderRepository(database).saveAll(List.of(
                order("CC-100001", "Jane Smith", "LS1 4AP", "111111"),
                order("CC-100002", "Janet Smithson", "LS6 2QB", "222222"),
                order("CC-100003", "Siobhán O'Brien", "LS1 4AP", "333333"),
                order("CC-100004", "Tom Jones", "BD1 3HL", "111111"),
                order("CC-100005", "Jane Smith", "LS11 5DR", "555555"),
                order("CC-100006", "Jane Smith", "LS17 6AN", "666666")));
        search = new OrderSearch(database, OrderFixtures.CODES);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void aCodeIsKeptAsAKeyedHashThatTheCodeAloneCannotRebuildAndAStoreWithoutTheKeyCannotSearchByCode() {
        String stored = new SqliteOrderRepository(database).find(new OrderId("CC-100001")).orElseThrow()
                .collectionCodeHash();

        assertThat(stored).startsWith("hmac:").doesNotContain("111111")
                .isNotEqualTo("sha256:" + io.holdfast.store.Hashes.sha256Hex("holdfast-collection-code:111111"))
                .isNotEqualTo(new CollectionCodes("another-store-s-collection-code-key!"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)).hash("111111"));
        assertThat(new OrderSearch(database).search("111111")).isInstanceOfSatisfying(OrderSearch.Result.Invalid.class,
                invalid -> assertThat(invalid.reason()).contains("not set up"));
    }

    @Test
    void aCodeStoredWithTheOldPlainHashIsStillFoundUntilTheManifestRefreshesIt() {
        Order old = order("CC-100009", "Ann Lee", "LS2 7EE", "999999");
        new SqliteOrderRepository(database).saveAll(List.of(new Order(old.id(), old.customer(), old.lines(), old.parcels(),
                old.pickupBy(), old.status(), "sha256:" + io.holdfast.store.Hashes.sha256Hex("holdfast-collection-code:999999"),
                old.updatedAt(), 1)));

        assertThat(ids("999999")).containsExactly("CC-100009");
    }

    @Test
    void findsByOrderNumberAsTypedInAnyCase() {
        assertThat(ids("cc-100002")).containsExactly("CC-100002");
        assertThat(ids("CC-999999")).isEmpty();
    }

    @Test
    void findsByCollectionCodeThroughItsHash() {
        assertThat(ids("111111")).containsExactlyInAnyOrder("CC-100001", "CC-100004");
        assertThat(ids("333333")).containsExactly("CC-100003");
    }

    @Test
    void findsByPartOfTheNameWhateverTheCaseOrAccents() {
        assertThat(ids("smi")).containsExactlyInAnyOrder("CC-100001", "CC-100002", "CC-100005", "CC-100006");
        assertThat(ids("JANE SMITH")).containsExactlyInAnyOrder("CC-100001", "CC-100005", "CC-100006");
        assertThat(ids("siobhan")).as("accents are folded").containsExactly("CC-100003");
        assertThat(ids("o'brien")).containsExactly("CC-100003");
    }

    @Test
    void aPostcodeNarrowsANameSearch() {
        assertThat(ids("janet LS6")).containsExactly("CC-100002");
        assertThat(ids("LS6 jan")).as("the name typed last is still being typed").containsExactly("CC-100002");
        assertThat(ids("jan LS6")).as("a name followed by a postcode is whole").isEmpty();
        assertThat(ids("jane ls1 4ap")).containsExactly("CC-100001");
        assertThat(ids("jones LS1")).isEmpty();
    }

    @Test
    void aWholeOutwardCodeIsMatchedExactlyAndAPartOfOneAsTheStartOfThePostcode() {
        assertThat(ids("smith LS1")).as("LS1 is not LS11 or LS17").containsExactly("CC-100001");
        assertThat(ids("smith LS11")).containsExactly("CC-100005");
        assertThat(ids("smith ls1 4")).containsExactly("CC-100001");
        assertThat(ids("smith LS175DR")).as("a whole postcode typed without its space").isEmpty();
        assertThat(ids("smith LS176AN")).containsExactly("CC-100006");
        assertThat(ids("smith 5DR")).as("no outward code typed: the start of the postcode").isEmpty();
    }

    @Test
    void wholeNameWordsInAWholeOutwardCodeAreLookedUpJoinedAndAWordStillBeingTypedIsNot() {
        assertThat(OrderSearch.areaMatch((SearchQuery.ByName) SearchQuery.parse("Jane Smith LS1 4")))
                .hasValue("area_words : (\"jane0LS1\" \"smith0LS1\")");
        assertThat(OrderSearch.areaMatch((SearchQuery.ByName) SearchQuery.parse("LS1 smi"))).isEmpty();
        assertThat(OrderSearch.areaMatch((SearchQuery.ByName) SearchQuery.parse("smith L"))).isEmpty();
    }

    @Test
    void namesWithPunctuationAndNamesThatRunIntoAnOutwardCodeAreFoundRightly() {
        new SqliteOrderRepository(database).saveAll(List.of(order("CC-100007", "Ann Lee", "EN1 1AA", "777777"),
                order("CC-100008", "Anne Lee", "N1 9GU", "888888"), order("CC-100010", "Mary St. John", "LS1 4AP", "101010"),
                order("CC-100011", "Liam O'Neill-Hart", "LS1 4AP", "111112")));

        assertThat(ids("ann EN1")).containsExactly("CC-100007");
        assertThat(ids("anne N1")).containsExactly("CC-100008");
        assertThat(ids("st john LS1")).as("a full stop the joined words do not part").containsExactly("CC-100010");
        assertThat(ids("o'neill hart LS1")).containsExactly("CC-100011");
        assertThat(ids("hart LS1")).containsExactly("CC-100011");
    }

    @Test
    void theOutwardCodeFollowsAPostcodeTheManifestChanges() {
        Order moved = order("CC-100001", "Jane Smith", "LS11 9ZZ", "111111");
        new SqliteOrderRepository(database).saveAll(List.of(moved));

        assertThat(ids("smith LS1")).isEmpty();
        assertThat(ids("smith LS11")).containsExactlyInAnyOrder("CC-100001", "CC-100005");
    }

    @Test
    void returnsWhatTheDeskShowsInTheList() {
        OrderSummary summary = ((OrderSearch.Result.Found) search.search("CC-100001")).orders().getFirst();

        assertThat(summary).isEqualTo(new OrderSummary(new OrderId("CC-100001"), "Jane Smith", "LS1 4AP",
                OrderStatus.READY, LocalDate.parse("2026-11-28"), 1, 2));
    }

    @Test
    void somethingUnsearchableSaysWhatToType() {
        assertThat(search.search("  ")).isInstanceOf(OrderSearch.Result.Invalid.class);
        assertThat(((OrderSearch.Result.Invalid) search.search("j 12")).reason())
                .startsWith("Give at least two letters of the customer's name");
        assertThat(ids("\"*) OR 1=1 --")).as("no FTS or SQL syntax gets through").isEmpty();
    }

    private List<String> ids(String typed) {
        OrderSearch.Result result = search.search(typed);
        assertThat(result).as(result.toString()).isInstanceOf(OrderSearch.Result.Found.class);
        return ((OrderSearch.Result.Found) result).orders().stream().map(o -> o.orderId().value()).toList();
    }

    private static Order order(String id, String name, String postcode, String code) {
        return new Order(new OrderId(id), new Customer(name, postcode, "x***@e***.com"),
                List.of(new OrderLine(1, "5001035", "Canvas tote", 2, 0, Money.of(1200, "GBP"))),
                List.of(new Parcel(1, new Parcel.Location(Parcel.Location.Kind.BAY, "B2"))),
                LocalDate.parse("2026-11-28"), OrderStatus.READY, OrderFixtures.CODES.hash(code),
                Instant.parse("2026-11-21T09:00:00Z"), 1);
    }
}
