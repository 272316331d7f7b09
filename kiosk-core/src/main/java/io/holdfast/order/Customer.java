package io.holdfast.order;

import java.util.Objects;

/**
 * As much of the customer as the desk needs to find and verify an order, and no more.
 *
 * @param displayName   the name the order was placed in, as the desk shows it
 * @param postcode      for a name search
 * @param maskedContact a contact the desk may read out, already masked ({@code j***@e***.com})
 */
public record Customer(String displayName, String postcode, String maskedContact) {

    public Customer {
        Require.text(displayName, "customer display name");
        Require.text(postcode, "customer postcode");
        Objects.requireNonNull(maskedContact, "masked contact");
    }
}
