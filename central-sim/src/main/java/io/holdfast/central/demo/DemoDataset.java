package io.holdfast.central.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import io.holdfast.money.Money;
import io.holdfast.order.CollectionCodes;
import io.holdfast.order.Customer;
import io.holdfast.order.Order;
import io.holdfast.order.OrderId;
import io.holdfast.order.OrderLine;
import io.holdfast.order.OrderStatus;
import io.holdfast.order.Parcel;
import io.holdfast.receipt.Receipt;
import io.holdfast.receipt.ReceiptId;
import io.holdfast.receipt.ReceiptLine;
import io.holdfast.receipt.Tender;

/**
 * A demo store's worth of central data, the same every time for the same seed and day: orders
 * waiting for collection (with their collection codes, which only central and the customer know),
 * recent receipts, and gift cards with their numbers and balances.
 */
public record DemoDataset(String storeId, List<DemoOrder> orders, List<Receipt> receipts, List<DemoGiftCard> giftCards) {

    /**
     * The collection-code secret the simulator shares with the demo and test stores (central shares
     * one with each store): it hashes the codes in the manifest. Not for a real store.
     */
    public static final byte[] COLLECTION_CODE_KEY = "holdfast-demo-collection-code-key-not-for-real-stores"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final CollectionCodes CODES = new CollectionCodes(COLLECTION_CODE_KEY);


    /** An order and the code the customer was sent: central knows the code, the store only its hash. */
    public record DemoOrder(Order order, String collectionCode) {
    }

    /** A gift card as central knows it, number and PIN included. */
    public record DemoGiftCard(String cardNumber, String pin, Money balance) {
        public String lastFour() {
            return cardNumber.substring(cardNumber.length() - 4);
        }
    }

    public record Size(int orders, int receipts, int giftCards) {
        public static final Size DEMO = new Size(300, 200, 50);
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    public DemoDataset {
        orders = List.copyOf(orders);
        receipts = List.copyOf(receipts);
        giftCards = List.copyOf(giftCards);
    }

    public static DemoDataset generate(String storeId, Size size, long seed, Clock clock) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<DemoOrder> orders = new ArrayList<>();
        for (int i = 1; i <= size.orders(); i++) {
            orders.add(order(random, i, today, now));
        }
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 1; i <= size.receipts(); i++) {
            receipts.add(receipt(random, storeId, i, now));
        }
        List<DemoGiftCard> cards = new ArrayList<>();
        for (int i = 1; i <= size.giftCards(); i++) {
            cards.add(new DemoGiftCard(GiftCardNumbers.number(i), "%04d".formatted(random.nextInt(10_000)),
                    Money.of(500L * (1 + random.nextInt(40)), "GBP")));
        }
        return new DemoDataset(storeId, orders, receipts, cards);
    }

    public Optional<DemoOrder> order(OrderId id) {
        return orders.stream().filter(o -> o.order().id().equals(id)).findFirst();
    }

    public Optional<DemoGiftCard> giftCard(String cardNumber) {
        return giftCards.stream().filter(card -> card.cardNumber().equals(cardNumber)).findFirst();
    }

    private static DemoOrder order(SplittableRandom random, int n, LocalDate today, Instant now) {
        OrderId id = new OrderId("CC-%06d".formatted(100_000 + n));
        String code = "%06d".formatted(random.nextInt(1_000_000));
        String first = pick(random, Catalogue.FIRST_NAMES);
        String last = pick(random, Catalogue.LAST_NAMES);
        Customer customer = new Customer(first + " " + last, pick(random, Catalogue.POSTCODES),
                Character.toLowerCase(first.charAt(0)) + "***@" + "e***.com");
        int lineCount = 1 + random.nextInt(3);
        List<OrderLine> lines = new ArrayList<>();
        for (int l = 1; l <= lineCount; l++) {
            Catalogue.Product product = pick(random, Catalogue.PRODUCTS);
            lines.add(new OrderLine(l, product.sku(), product.description(), 1 + random.nextInt(2), 0,
                    Money.of(product.pricePence(), "GBP")));
        }
        int parcelCount = 1 + random.nextInt(Math.min(lineCount, 2));
        List<Parcel> parcels = new ArrayList<>();
        for (int p = 1; p <= parcelCount; p++) {
            parcels.add(new Parcel(p, location(random)));
        }
        // Most wait for collection; a few are already past their pickup-by date.
        LocalDate pickupBy = today.plusDays(random.nextInt(10) - (n % 25 == 0 ? 12 : 0));
        return new DemoOrder(new Order(id, customer, lines, parcels, pickupBy, OrderStatus.READY,
                CODES.hash(code), now, 1), code);
    }

    private static Parcel.Location location(SplittableRandom random) {
        Parcel.Location.Kind kind = Parcel.Location.Kind.values()[random.nextInt(3)];
        String code = switch (kind) {
            case SHELF -> "%c%d".formatted((char) ('A' + random.nextInt(6)), 1 + random.nextInt(8));
            case BAY -> "B" + (1 + random.nextInt(4));
            case LOCKER -> "L" + (1 + random.nextInt(40));
        };
        return new Parcel.Location(kind, code);
    }

    private static Receipt receipt(SplittableRandom random, String storeId, int n, Instant now) {
        Instant issuedAt = now.minus(random.nextInt(40 * 24 * 60), ChronoUnit.MINUTES);
        String till = "%02d".formatted(1 + random.nextInt(6));
        String day = DAY.format(issuedAt.atOffset(ZoneOffset.UTC));
        ReceiptId id = new ReceiptId("%s-%s-%s-%04d".formatted(fourDigits(storeId), till, day, n));
        int lineCount = 1 + random.nextInt(4);
        List<ReceiptLine> lines = new ArrayList<>();
        for (int l = 1; l <= lineCount; l++) {
            Catalogue.Product product = pick(random, Catalogue.PRODUCTS);
            lines.add(new ReceiptLine(l, product.sku(), product.description(), 1 + random.nextInt(2),
                    Money.of(product.pricePence(), "GBP"), product.category()));
        }
        Money total = lines.stream().map(ReceiptLine::total).reduce(Money::plus).orElseThrow();
        Tender tender = switch (random.nextInt(4)) {
            case 0 -> new Tender(Tender.Kind.CASH, total, "cash");
            case 1 -> new Tender(Tender.Kind.GIFT_CARD, total, GiftCardNumbers.number(1 + random.nextInt(50)).substring(15));
            default -> new Tender(Tender.Kind.CARD, total,
                    (random.nextBoolean() ? "VISA" : "MASTERCARD") + " ****" + "%04d".formatted(random.nextInt(10_000)));
        };
        Optional<String> loyalty = random.nextInt(3) == 0
                ? Optional.of("LOY-%06d".formatted(random.nextInt(1_000_000))) : Optional.empty();
        return new Receipt(id, till, issuedAt, lines, List.of(tender), loyalty);
    }

    private static String fourDigits(String storeId) {
        String digits = storeId.replaceAll("\\D", "");
        return "%04d".formatted(digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(Math.max(0, digits.length() - 4))));
    }

    private static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
