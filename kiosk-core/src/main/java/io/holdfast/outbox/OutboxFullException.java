package io.holdfast.outbox;

import io.holdfast.store.StoreException;

/**
 * The outbox has no room for another event: the change that needed it is not made, rather than an
 * older event being dropped. Head office has to acknowledge what it holds first.
 */
public final class OutboxFullException extends StoreException {

    public OutboxFullException(long usedBytes, long capacityBytes) {
        super("The store's outbox is full (" + usedBytes / 1024 + " of " + capacityBytes / 1024
                + " KiB waiting for head office to acknowledge); this change was not made and nothing was lost. "
                + "Restore the link to head office, or raise holdfast.outbox.capacity.");
    }
}
