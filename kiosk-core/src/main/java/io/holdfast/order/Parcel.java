package io.holdfast.order;

import java.util.Objects;

/**
 * One parcel of an order and where it waits in the store.
 *
 * @param number 1-based parcel number ("parcel 2 of 3")
 */
public record Parcel(int number, Location location) {

    public Parcel {
        Require.positive(number, "parcel number");
        Objects.requireNonNull(location, "parcel location");
    }

    /** A shelf, bay or locker, with its code as painted in the store ({@code A3}, {@code L12}). */
    public record Location(Kind kind, String code) {

        public enum Kind { SHELF, BAY, LOCKER }

        public Location {
            Objects.requireNonNull(kind, "location kind");
            Require.text(code, "location code");
        }
    }
}
