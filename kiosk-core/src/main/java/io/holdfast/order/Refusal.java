package io.holdfast.order;

/** Why a collection was not made; {@link #code()} is the stable code the API answers with. */
public enum Refusal {
    ORDER_NOT_FOUND("order-not-found"),
    ORDER_NOT_COLLECTABLE("order-not-collectable"),
    ORDER_CHANGED("order-changed"),
    NOTHING_TO_COLLECT("nothing-to-collect"),
    LINE_NOT_FOUND("order-line-not-found"),
    QUANTITY_EXCEEDS_REMAINING("quantity-exceeds-remaining"),
    CANCELLED_CENTRALLY("order-cancelled-centrally"),
    UNKNOWN_TO_CENTRAL("order-unknown-to-central"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
