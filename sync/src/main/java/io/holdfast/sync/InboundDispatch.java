package io.holdfast.sync;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Hands the store's other incoming messages (signed commands, downstream data such as manifest
 * chunks) to their handlers on a thread of their own, in the order they arrived, so that a whole
 * manifest chunk being applied never holds up central's acknowledgements on the relay's loop. The
 * queue is bounded: when it is full, the broker's reader waits, and the broker holds the rest.
 */
final class InboundDispatch implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InboundDispatch.class.getName());
    /** Messages waiting for their handlers; each is at most {@link OutboxRelay#MAX_INBOUND_BYTES}. */
    static final int QUEUED = 32;

    /** What waits for the handlers. */
    private sealed interface Inbound {
        record Message(String topic, byte[] payload) implements Inbound {
        }

        record Oversized(String topic, int bytes) implements Inbound {
        }
    }

    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUED);
    private final List<BiConsumer<String, byte[]>> messageHandlers = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, Integer>> oversizedHandlers = new CopyOnWriteArrayList<>();
    private final Thread worker;

    InboundDispatch(String name) {
        this.worker = Thread.ofVirtual().name(name).start(this::deliverUntilInterrupted);
    }

    void onMessage(BiConsumer<String, byte[]> handler) {
        messageHandlers.add(handler);
    }

    void onOversized(BiConsumer<String, Integer> handler) {
        oversizedHandlers.add(handler);
    }

    /** Queues a message for its handlers; waits while the queue is full. */
    void message(String topic, byte[] payload) throws InterruptedException {
        queue.put(new Inbound.Message(topic, payload));
    }

    /** Queues word of a message dropped unread for its size; waits while the queue is full. */
    void oversized(String topic, int bytes) throws InterruptedException {
        queue.put(new Inbound.Oversized(topic, bytes));
    }

    private void deliverUntilInterrupted() {
        try {
            while (true) {
                Inbound next = queue.take();
                try {
                    switch (next) {
                        case Inbound.Message message ->
                                messageHandlers.forEach(handler -> handler.accept(message.topic(), message.payload()));
                        case Inbound.Oversized oversized ->
                                oversizedHandlers.forEach(handler -> handler.accept(oversized.topic(), oversized.bytes()));
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "an incoming message's handler failed; the next one goes on", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
