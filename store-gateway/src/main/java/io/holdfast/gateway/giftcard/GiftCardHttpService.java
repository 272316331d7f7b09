package io.holdfast.gateway.giftcard;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.auth.Access;
import io.holdfast.gateway.http.AmountBody;
import io.holdfast.gateway.http.Idempotency;
import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.Problem;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.giftcard.BalanceOutcome;
import io.holdfast.giftcard.CardNumber;
import io.holdfast.giftcard.CardPin;
import io.holdfast.giftcard.GiftCardDesk;
import io.holdfast.giftcard.GiftCardRefusal;
import io.holdfast.giftcard.RedeemCommand;
import io.holdfast.giftcard.Redemption;
import io.holdfast.giftcard.RedemptionOutcome;
import io.holdfast.money.Money;
import io.holdfast.staff.Role;
import io.holdfast.staff.Session;

/**
 * {@code /api/v1/gift-cards}: balance checks (desk, kiosk, tills) and redemptions (desk and tills),
 * which a till may authorise first and then capture or void. Card numbers and PINs are read from the
 * body, used and forgotten: no answer, log line or stored row carries more than the last four digits.
 */
public final class GiftCardHttpService implements HttpService {

    private static final Set<Role> CHECKERS = EnumSet.of(Role.KIOSK, Role.COLLEAGUE, Role.SUPERVISOR, Role.TILL);
    private static final Set<Role> REDEEMERS = EnumSet.of(Role.COLLEAGUE, Role.SUPERVISOR, Role.TILL);
    private static final String AMOUNT_TITLE = "That amount cannot be taken";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM 'at' HH:mm");

    /** A request as it arrives: every part checked here before the core sees it. */
    record Body(String cardNumber, String pin, AmountBody amount, Boolean capture) {
    }

    private final Optional<GiftCardDesk> desk;
    private final Access access;
    private final ZoneId zone;

    /** @param desk empty when the store has no gift-card key: every route then answers 503 */
    public GiftCardHttpService(Optional<GiftCardDesk> desk, Access access, ZoneId zone) {
        this.desk = desk;
        this.access = access;
        this.zone = zone;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/balance-checks", this::balance)
                .post("/redemptions", this::redeem)
                .post("/redemptions/{id}/capture", (request, response) -> settle(request, response, true))
                .post("/redemptions/{id}/void", (request, response) -> settle(request, response, false));
    }

    private void balance(ServerRequest request, ServerResponse response) {
        access.require(request, CHECKERS);
        GiftCardDesk cards = desk();
        Body body = Json.read(request, Body.class);
        switch (cards.checkBalance(card(body), pin(body))) {
            case BalanceOutcome.Known known -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("lastFour", known.lastFour());
                view.put("balance", known.balance().isNegative() ? Money.zero(known.balance().currency()) : known.balance());
                view.put("asOf", known.asOf());
                view.put("source", known.fromCentral() ? "central" : "store-copy");
                view.put("blocked", known.blocked());
                view.put("message", known.fromCentral() ? "Balance from head office, just now."
                        : "Head office cannot be reached: this is the store's copy from "
                        + WHEN.format(known.asOf().atZone(zone)) + ", less what was spent on the card in this store since."
                        + (known.blocked() ? " This card is blocked for use until head office checks it." : ""));
                Json.send(response, Status.OK_200, view);
            }
            case BalanceOutcome.Refused refused -> throw refusal(refused.refusal(), refused.detail());
        }
    }

    private void redeem(ServerRequest request, ServerResponse response) {
        Session session = access.require(request, REDEEMERS);
        GiftCardDesk cards = desk();
        String key = Idempotency.requireKey(request, "each redemption");
        Body body = Json.read(request, Body.class);
        RedeemCommand command = new RedeemCommand(card(body), pin(body), amount(body), !Boolean.FALSE.equals(body.capture()),
                session.principal(), key);
        answer(response, cards.redeem(command), Status.CREATED_201);
    }

    private void settle(ServerRequest request, ServerResponse response, boolean capture) {
        Session session = access.require(request, REDEEMERS);
        GiftCardDesk cards = desk();
        String id = request.path().pathParameters().get("id");
        answer(response, capture ? cards.capture(id, session.principal()) : cards.voidAuthorisation(id,
                session.principal()), Status.OK_200);
    }

    private static void answer(ServerResponse response, RedemptionOutcome outcome, Status fresh) {
        switch (outcome) {
            case RedemptionOutcome.Done done -> {
                if (done.replayed()) {
                    Idempotency.markReplayed(response);
                }
                Json.send(response, done.replayed() ? Status.OK_200 : fresh, view(done.redemption(), done.replayed()));
            }
            case RedemptionOutcome.Declined declined -> {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("reason", declined.code());
                extra.put("couldApprove", declined.couldApprove());
                extra.put("mode", declined.mode());
                throw new ProblemException(new Problem(409, "redemption-declined", "Not approved", declined.message()
                        + (declined.couldApprove().amount() > 0 ? " Up to " + declined.couldApprove().display()
                        + " can be taken from the card now." : ""), extra));
            }
            case RedemptionOutcome.Refused refused -> throw refusal(refused.refusal(), refused.detail());
        }
    }

    private static Map<String, Object> view(Redemption redemption, boolean replayed) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("redemptionId", redemption.redemptionId());
        view.put("lastFour", redemption.lastFour());
        view.put("amount", redemption.amount());
        view.put("mode", redemption.mode());
        view.put("state", redemption.state());
        view.put("authorisedAt", redemption.authorisedAt());
        redemption.balanceAfter().ifPresent(balance -> view.put("balanceAfter", balance));
        redemption.centralReference().ifPresent(reference -> view.put("centralReference", reference));
        view.put("replayed", replayed);
        return view;
    }

    private GiftCardDesk desk() {
        return desk.orElseThrow(() -> new ProblemException(503, "gift-cards-not-set-up", "Gift cards are not set up",
                "This store has no gift-card key (holdfast.gift-cards.key), so it cannot recognise cards."));
    }

    private static CardNumber card(Body body) {
        if (body.cardNumber() == null || body.cardNumber().isBlank()) {
            throw invalid("card-number-invalid", "That is not a gift-card number", "cardNumber", "a card number is needed");
        }
        try {
            return CardNumber.parse(body.cardNumber());
        } catch (IllegalArgumentException e) {
            throw invalid("card-number-invalid", "That is not a gift-card number", "cardNumber", e.getMessage());
        }
    }

    private static Optional<CardPin> pin(Body body) {
        if (body.pin() == null || body.pin().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CardPin(body.pin()));
        } catch (IllegalArgumentException e) {
            throw invalid("pin-invalid", "That is not a PIN", "pin", e.getMessage());
        }
    }

    private static Money amount(Body body) {
        if (body.amount() == null) {
            throw invalid("amount-invalid", AMOUNT_TITLE, "amount", "an amount is needed");
        }
        return body.amount().toMoney(422, "amount", "amount-invalid", AMOUNT_TITLE);
    }

    private static ProblemException invalid(String code, String title, String field, String detail) {
        return ProblemException.field(422, code, title, field, detail);
    }

    private static ProblemException refusal(GiftCardRefusal refusal, String detail) {
        return new ProblemException(new Problem(refusal.status(), refusal.code(), switch (refusal) {
            case CARD_NOT_FOUND -> "No such gift card";
            case PIN_REQUIRED -> "The card's PIN is needed";
            case PIN_WRONG -> "Wrong PIN";
            case CARD_LOCKED -> "This card is locked";
            case AMOUNT_INVALID -> AMOUNT_TITLE;
            case REDEMPTION_NOT_FOUND -> "No such redemption";
            case ALREADY_SETTLED -> "This redemption is already settled";
            case IDEMPOTENCY_KEY_REUSED -> "Idempotency-Key already used";
        }, detail, Map.of()));
    }
}
