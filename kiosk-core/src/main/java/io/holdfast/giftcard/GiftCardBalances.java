package io.holdfast.giftcard;

import java.util.Collection;
import java.util.Optional;

/** The store's mirror of central's gift-card balances. */
public interface GiftCardBalances {

    /** Inserts or replaces each card's balance, all in one transaction. */
    void putAll(Collection<GiftCardBalance> balances);

    Optional<GiftCardBalance> find(CardFingerprint card);

    long count();
}
