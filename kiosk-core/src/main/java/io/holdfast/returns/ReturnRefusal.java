package io.holdfast.returns;

/** Why a quote or a return was refused: the stable code clients see, and its HTTP status. */
public enum ReturnRefusal {
    RECEIPT_NOT_FOUND("receipt-not-found", 404),
    ORDER_NOT_FOUND("order-not-found", 404),
    E_RECEIPT_REFUSED("e-receipt-refused", 422),
    NOT_RETURNABLE("return-not-allowed", 422),
    METHOD_NOT_OPEN("refund-method-not-open", 422),
    /** The kiosk hands the customer to a colleague: over a cap, cash, a question answered no. */
    COLLEAGUE_NEEDED("colleague-needed", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422);

    private final String code;
    private final int status;

    ReturnRefusal(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
