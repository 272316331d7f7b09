package io.holdfast.hardware.receipt;

import java.util.List;

/** A printer that can show what it printed last, decoded from the bytes it sent: for previews. */
public interface PrintedReceipts {

    /** Newest last. */
    List<DecodedReceipt> recentlyPrinted();
}
