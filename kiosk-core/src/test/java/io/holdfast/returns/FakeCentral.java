package io.holdfast.returns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.holdfast.order.OrderId;

/**
 * Central's refund and order services for core tests, behaving as the real ones promise: a refund
 * id is an idempotency key, so asking again for a paid refund answers "paid" without paying twice.
 * It can be switched off, and it counts what it actually paid.
 */
final class FakeCentral implements CentralRefunds, CentralPurchases {

    private final Map<String, String> paid = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> payments = new ConcurrentHashMap<>();
    private volatile boolean answering = true;
    private volatile boolean crashAfterPaying;

    void answering(boolean answering) {
        this.answering = answering;
    }

    /** The next payment is made, then the store "dies" before it hears the answer. */
    void crashAfterPayingOnce() {
        crashAfterPaying = true;
    }

    int timesPaid(String refundId) {
        return payments.getOrDefault(refundId, new AtomicInteger()).get();
    }

    int totalPayments() {
        return payments.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public Answer pay(Instruction instruction) {
        if (!answering) {
            return new Answer.Unavailable("central refunds did not answer");
        }
        String reference = paid.computeIfAbsent(instruction.refundId(), id -> {
            payments.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return "CR-" + id;
        });
        if (crashAfterPaying) {
            crashAfterPaying = false;
            throw new IllegalStateException("the gateway died before it heard central's answer");
        }
        return new Answer.Paid(reference);
    }

    @Override
    public Lookup order(OrderId id) {
        return new Lookup.Unavailable("central orders not simulated in core tests");
    }
}
