package io.holdfast.giftcard;

/** Why a gift-card request was not carried out, with the HTTP status and stable code it maps to. */
public enum GiftCardRefusal {
    CARD_NOT_FOUND(404, "card-not-found"),
    PIN_REQUIRED(401, "pin-required"),
    PIN_WRONG(401, "pin-wrong"),
    CARD_LOCKED(423, "card-locked"),
    AMOUNT_INVALID(422, "amount-invalid"),
    REDEMPTION_NOT_FOUND(404, "redemption-not-found"),
    ALREADY_SETTLED(409, "redemption-already-settled"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused");

    private final int status;
    private final String code;

    GiftCardRefusal(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
