package io.holdfast.central;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.central.books.CentralBooks;
import io.holdfast.central.demo.DemoDataset;
import io.holdfast.central.mqtt.AppliedEvent;
import io.holdfast.central.mqtt.EventJudge;
import io.holdfast.giftcard.CardFingerprint;
import io.holdfast.giftcard.CardFingerprinter;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.giftcard.GiftCardBalance;
import io.holdfast.giftcard.PinCheck;
import io.holdfast.money.Money;

/**
 * Central's gift-card book, shared by its HTTP service (balance checks, authorisations) and its
 * event consumer (redemptions stores made offline, voids, store credit issued in stores). Cards are
 * kept by the fleet's keyed fingerprint, as the stores know them. A redemption id is applied once
 * whichever way it arrives. A card spent offline beyond its balance (in several stores at once) is
 * overdrawn: central blocks it and says so, naming every store's offline spend, until cleared.
 * Each card and redemption it changes is written to central's {@link CentralBooks} as it changes,
 * and read back over the demo's cards when the simulator starts again.
 */
public final class GiftCardLedger implements EventJudge {

    /** The demo fleet's gift-card key: fingerprints demo cards only. */
    public static final byte[] DEMO_KEY = "holdfast-demo-gift-card-key-not-for-real-cards"
            .getBytes(StandardCharsets.US_ASCII);

    private static final class Card {
        final String lastFour;
        final Optional<PinCheck> pinCheck;
        long balance;
        final String currency;
        boolean blocked;
        Instant changedAt;
        final List<Map<String, Object>> offlineSpends = new ArrayList<>();

        Card(String lastFour, Optional<PinCheck> pinCheck, Money balance, Instant at) {
            this.lastFour = lastFour;
            this.pinCheck = pinCheck;
            this.balance = balance.amount();
            this.currency = balance.currency().getCurrencyCode();
            this.changedAt = at;
        }

        Card(CentralBooks.CardRow row) {
            this(row.lastFour(), row.pinCheck().map(PinCheck::new), Money.of(row.balance(), row.currency()),
                    row.changedAt());
            this.blocked = row.blocked();
            for (Object spend : SimJson.read(row.offlineSpendsJson(), List.class)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) spend;
                offlineSpends.add(fields);
            }
        }

        Money money(long amount) {
            return Money.of(amount, currency);
        }
    }

    private record Held(CardFingerprint card, long amount, String reference, boolean captured, boolean voided) {
    }

    /** What a balance check or an authorisation gets. */
    public sealed interface Answer {
        record Balance(String lastFour, Money balance, Instant asOf) implements Answer {
        }

        record Approved(String reference, Money balanceAfter, boolean fresh) implements Answer {
        }

        record Declined(String code, String message, Money balance) implements Answer {
        }

        record PinWrong() implements Answer {
        }

        record NotFound() implements Answer {
        }
    }

    private final CardFingerprinter fingerprinter;
    private final Clock clock;
    private final Map<CardFingerprint, Card> cards = new HashMap<>();
    private final CentralBooks books;
    private final Map<String, Held> redemptions = new HashMap<>();
    /** Redemption ids a store asked to reverse: never charged again. */
    private final Set<String> reversed = new HashSet<>();
    private Duration lateAnswer = Duration.ZERO;

    /** @param books where central keeps the cards and redemptions it changed; read over the demo's cards */
    public GiftCardLedger(List<DemoDataset.DemoGiftCard> demoCards, byte[] key, Clock clock, CentralBooks books) {
        this.fingerprinter = new CardFingerprinter(key);
        this.clock = clock;
        this.books = books;
        for (DemoDataset.DemoGiftCard demo : demoCards) {
            CardNumber number = new CardNumber(demo.cardNumber());
            cards.put(fingerprinter.fingerprint(number), new Card(number.lastFour(),
                    Optional.of(fingerprinter.pinCheck(number, new CardPin(demo.pin()))), demo.balance(), clock.instant()));
        }
        for (CentralBooks.CardRow row : books.cards()) {
            cards.put(new CardFingerprint(row.fingerprint()), new Card(row));
        }
        for (CentralBooks.RedemptionRow row : books.redemptions()) {
            if (row.reversed()) {
                reversed.add(row.redemptionId());
            }
            if (!row.reference().isEmpty()) {
                redemptions.put(row.redemptionId(), new Held(new CardFingerprint(row.fingerprint()), row.amount(),
                        row.reference(), row.captured(), row.voided()));
            }
        }
    }

    public synchronized Answer balance(String number, Optional<String> pin) {
        Optional<Card> card = card(number);
        if (card.isEmpty()) {
            return new Answer.NotFound();
        }
        if (!pinFits(number, pin, card.get())) {
            return new Answer.PinWrong();
        }
        return new Answer.Balance(card.get().lastFour, card.get().money(card.get().balance), clock.instant());
    }

    /** Takes (or holds) {@code amount}; the same redemption id again answers the first time's approval. */
    public synchronized Answer authorise(String redemptionId, String number, Optional<String> pin, Money amount,
                                         boolean capture) {
        Optional<Card> found = card(number);
        if (found.isEmpty()) {
            return new Answer.NotFound();
        }
        Card card = found.get();
        if (reversed.contains(redemptionId)) {
            return new Answer.Declined("redemption-reversed", "This redemption was reversed; start a new one.",
                    card.money(Math.max(0, card.balance)));
        }
        Held before = redemptions.get(redemptionId);
        if (before != null) {
            return new Answer.Approved(before.reference(), card.money(card.balance), false);
        }
        if (!pinFits(number, pin, card)) {
            return new Answer.PinWrong();
        }
        if (card.blocked) {
            return new Answer.Declined("card-blocked", "Head office has blocked this card: it was overdrawn.",
                    card.money(0));
        }
        if (card.balance < amount.amount()) {
            return new Answer.Declined("insufficient-balance", "The card holds " + card.money(card.balance).display()
                    + ".", card.money(Math.max(0, card.balance)));
        }
        card.balance -= amount.amount();
        card.changedAt = clock.instant();
        String reference = "GCA-" + UUID.randomUUID();
        CardFingerprint fingerprint = fingerprinter.fingerprint(number);
        hold(redemptionId, new Held(fingerprint, amount.amount(), reference, capture, false));
        save(fingerprint, card);
        return new Answer.Approved(reference, card.money(card.balance), true);
    }

    @Override
    public synchronized Optional<Verdict> judge(AppliedEvent event) {
        if (!"GIFT_CARDS".equals(event.capability())) {
            return Optional.empty();
        }
        JsonNode payload = SimJson.tree(event.payloadJson());
        CardFingerprint fingerprint = new CardFingerprint(payload.path("cardFingerprint").asText());
        long amount = payload.path("amount").path("amount").asLong();
        return switch (event.type()) {
            case "giftcard.redeemed" -> Optional.of(redeemed(event, payload, fingerprint, amount));
            case "giftcard.voided" -> {
                Held held = redemptions.get(payload.path("redemptionId").asText());
                Card card = cards.get(fingerprint);
                if (held != null && !held.captured() && !held.voided() && card != null) {
                    card.balance += held.amount();
                    card.changedAt = clock.instant();
                    hold(payload.path("redemptionId").asText(),
                            new Held(held.card(), held.amount(), held.reference(), false, true));
                    save(fingerprint, card);
                }
                yield Optional.empty();
            }
            case "giftcard.reversal-requested" -> {
                String redemptionId = payload.path("redemptionId").asText();
                reversed.add(redemptionId);
                Held held = redemptions.get(redemptionId);
                Card card = cards.get(fingerprint);
                if (held != null && !held.voided() && card != null) {
                    card.balance += held.amount();
                    card.changedAt = clock.instant();
                    hold(redemptionId, new Held(held.card(), held.amount(), held.reference(), held.captured(), true));
                    save(fingerprint, card);
                } else {
                    Optional<Held> unchanged = Optional.ofNullable(held);
                    books.saveRedemption(new CentralBooks.RedemptionRow(redemptionId, fingerprint.hex(),
                            unchanged.map(Held::amount).orElse(0L), unchanged.map(Held::reference).orElse(""),
                            unchanged.map(Held::captured).orElse(false), unchanged.map(Held::voided).orElse(false),
                            true));
                }
                yield Optional.empty();
            }
            case "giftcard.store-credit-issued" -> {
                if (!cards.containsKey(fingerprint)) {
                    Card issued = new Card(payload.path("lastFour").asText(),
                            payload.path("pinCheck").isTextual()
                                    ? Optional.of(new PinCheck(payload.get("pinCheck").asText())) : Optional.empty(),
                            Money.of(amount, payload.path("amount").path("currency").asText()), clock.instant());
                    cards.put(fingerprint, issued);
                    save(fingerprint, issued);
                }
                yield Optional.empty();
            }
            default -> Optional.empty();
        };
    }

    private Verdict redeemed(AppliedEvent event, JsonNode payload, CardFingerprint fingerprint, long amount) {
        String redemptionId = payload.path("redemptionId").asText();
        Held held = redemptions.get(redemptionId);
        if (held != null) {
            hold(redemptionId, new Held(held.card(), held.amount(), held.reference(), true, false));
            return new Verdict("accepted", Map.of());
        }
        Card card = cards.computeIfAbsent(fingerprint, unknown -> new Card(payload.path("lastFour").asText(),
                Optional.empty(), Money.of(0, payload.path("amount").path("currency").asText()), clock.instant()));
        hold(redemptionId, new Held(fingerprint, amount, "GCO-" + redemptionId, true, false));
        card.balance -= amount;
        card.changedAt = clock.instant();
        Map<String, Object> spend = new LinkedHashMap<>();
        spend.put("store", event.store());
        spend.put("amount", card.money(amount));
        spend.put("at", payload.path("authorisedAt").asText());
        card.offlineSpends.add(spend);
        card.blocked = card.blocked || card.balance < 0;
        save(fingerprint, card);
        if (card.balance >= 0) {
            return new Verdict("accepted", Map.of());
        }
        return new Verdict("overdrawn", Map.of("lastFour", card.lastFour, "shortBy", card.money(-card.balance),
                "spends", List.copyOf(card.offlineSpends)));
    }

    /** Head office clears an overdrawn card (the shortfall is settled); answers its stream row, which unblocks it in stores. */
    public synchronized Map<String, Object> clear(String number) {
        CardFingerprint fingerprint = fingerprinter.fingerprint(new CardNumber(number));
        Card card = cards.get(fingerprint);
        if (card == null) {
            throw new IllegalArgumentException("central has no such card");
        }
        card.blocked = false;
        card.balance = Math.max(0, card.balance);
        card.offlineSpends.clear();
        card.changedAt = clock.instant();
        save(fingerprint, card);
        return row(fingerprint, card);
    }

    /** Every card as the gift-card stream carries it to stores. */
    public synchronized List<Map<String, Object>> streamRows() {
        return cards.entrySet().stream().map(entry -> row(entry.getKey(), entry.getValue())).toList();
    }

    /** Every card as a store keeps it, for seeding a store's copy directly. */
    public synchronized List<GiftCardBalance> balances() {
        return cards.entrySet().stream().map(entry -> new GiftCardBalance(entry.getKey(), entry.getValue().lastFour,
                entry.getValue().money(entry.getValue().balance), entry.getValue().changedAt,
                entry.getValue().pinCheck, entry.getValue().blocked)).toList();
    }

    /**
     * From now on each authorisation is made at once but answered only after {@code by}: central
     * takes the money and the store, which waits less, hears nothing. {@link Duration#ZERO} ends it.
     */
    public synchronized void answerLate(Duration by) {
        lateAnswer = by;
    }

    synchronized Duration lateAnswer() {
        return lateAnswer;
    }

    public synchronized Money balanceOf(String number) {
        Card card = card(number).orElseThrow(() -> new IllegalArgumentException("central has no such card"));
        return card.money(card.balance);
    }

    public synchronized boolean blocked(String number) {
        return card(number).map(card -> card.blocked).orElse(false);
    }

    private void hold(String redemptionId, Held held) {
        redemptions.put(redemptionId, held);
        books.saveRedemption(new CentralBooks.RedemptionRow(redemptionId, held.card().hex(), held.amount(),
                held.reference(), held.captured(), held.voided(), reversed.contains(redemptionId)));
    }

    private void save(CardFingerprint fingerprint, Card card) {
        books.saveCard(new CentralBooks.CardRow(fingerprint.hex(), card.lastFour, card.pinCheck.map(PinCheck::hex),
                card.balance, card.currency, card.blocked, card.changedAt, SimJson.write(card.offlineSpends)));
    }

    private static Map<String, Object> row(CardFingerprint fingerprint, Card card) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("card", fingerprint.hex());
        row.put("lastFour", card.lastFour);
        row.put("balance", card.money(card.balance));
        row.put("asOf", card.changedAt.toString());
        card.pinCheck.ifPresent(check -> row.put("pinCheck", check.hex()));
        row.put("blocked", card.blocked);
        return row;
    }

    private Optional<Card> card(String number) {
        if (CardNumber.problem(number).isPresent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(cards.get(fingerprinter.fingerprint(number)));
    }

    private boolean pinFits(String number, Optional<String> pin, Card card) {
        if (card.pinCheck.isEmpty()) {
            return true;
        }
        return pin.filter(p -> p.matches("\\d{4,6}"))
                .map(p -> fingerprinter.pinCheck(new CardNumber(number), new CardPin(p)).equals(card.pinCheck.get()))
                .orElse(false);
    }
}
