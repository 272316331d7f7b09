package io.holdfast.receipt;

import java.util.Optional;

/** The store's journal of sales: what returns are checked against. */
public interface ReceiptJournal {

    /** Records a receipt with its lines and tenders in one transaction; a receipt already there is left as it is. */
    void record(Receipt receipt);

    Optional<Receipt> find(ReceiptId id);

    long count();
}
