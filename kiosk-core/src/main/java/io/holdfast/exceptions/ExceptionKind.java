package io.holdfast.exceptions;

import java.util.List;

import io.holdfast.mode.Capability;

/** The kinds of thing a store manager must look at and resolve, and the actions that fit each. */
public enum ExceptionKind {
    /** Central cancelled an order that this store had already handed over, wholly or partly. */
    ORDER_CANCELLED_AFTER_COLLECTION(Capability.ORDERS,
            List.of(ExceptionAction.CONTACT_CUSTOMER, ExceptionAction.WRITE_OFF)),
    /** Central declined a refund to the original tender: the customer must be refunded another way. */
    REFUND_DECLINED(Capability.REFUNDS,
            List.of(ExceptionAction.CONTACT_CUSTOMER, ExceptionAction.REFUND_ANOTHER_WAY, ExceptionAction.WRITE_OFF)),
    /** Central found a card spent beyond its balance while stores were offline (several stores at once). */
    GIFT_CARD_OVERDRAWN(Capability.GIFT_CARDS,
            List.of(ExceptionAction.BLOCK, ExceptionAction.RECOVER, ExceptionAction.WRITE_OFF));

    private final Capability capability;
    private final List<ExceptionAction> actions;

    ExceptionKind(Capability capability, List<ExceptionAction> actions) {
        this.capability = capability;
        this.actions = actions;
    }

    /** Whose books the exception is in: the capability its actions are reported to central under. */
    public Capability capability() {
        return capability;
    }

    /** The actions that fit this kind, in the order the desk offers them. */
    public List<ExceptionAction> actions() {
        return actions;
    }
}
