package io.holdfast.hardware.scan;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** What a scan turned out to be. Each kind carries its parts, already split and checked. */
public sealed interface ScannedCode {

    /** A short description a colleague can read: "EAN-13 5012345678900". */
    String describe();

    /** A product barcode on a shelf item: 13 digits, last one the check digit. */
    record Ean13(String digits) implements ScannedCode {
        public Ean13 {
            Objects.requireNonNull(digits, "digits");
        }

        @Override
        public String describe() {
            return "EAN-13 " + digits;
        }
    }

    /** A North American product barcode: 12 digits, last one the check digit. */
    record UpcA(String digits) implements ScannedCode {
        public UpcA {
            Objects.requireNonNull(digits, "digits");
        }

        /** The same item as a GTIN-13 (a leading zero). */
        public String asGtin13() {
            return "0" + digits;
        }

        @Override
        public String describe() {
            return "UPC-A " + digits;
        }
    }

    /**
     * A GS1-128 or GS1 DataMatrix element string, split into application identifiers and values,
     * in the order they were scanned.
     */
    record Gs1ElementString(Map<String, String> elements) implements ScannedCode {
        public Gs1ElementString {
            elements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(elements));
        }

        public java.util.Optional<String> gtin() {
            return java.util.Optional.ofNullable(elements.get("01"));
        }

        public java.util.Optional<String> batch() {
            return java.util.Optional.ofNullable(elements.get("10"));
        }

        public java.util.Optional<String> serial() {
            return java.util.Optional.ofNullable(elements.get("21"));
        }

        /** AI (17), expiry. A day of 00 means the end of that month, as GS1 says. */
        public java.util.Optional<LocalDate> expiry() {
            return java.util.Optional.ofNullable(elements.get("17")).map(Gs1.Dates::parse);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("GS1");
            elements.forEach((ai, value) -> text.append(" (").append(ai).append(')').append(value));
            return text.toString();
        }
    }

    /**
     * This retailer's printed receipt barcode, Code 128:
     * {@code R} + store (4 digits) + till (2) + date (yyyyMMdd) + transaction (4) + Luhn check digit.
     */
    record ReceiptBarcode(String store, String till, LocalDate date, String transaction) implements ScannedCode {
        public ReceiptBarcode {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(till, "till");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(transaction, "transaction");
        }

        /** The receipt number as the journal knows it: {@code 0421-03-20261121-0042}. */
        public String receiptNumber() {
            return store + "-" + till + "-" + date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-" + transaction;
        }

        @Override
        public String describe() {
            return "receipt " + receiptNumber();
        }
    }

    /** A click-and-collect order number: {@code CC-} and 6 to 10 digits. */
    record OrderNumber(String value) implements ScannedCode {
        public OrderNumber {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String describe() {
            return "order " + value;
        }
    }

    /**
     * A signed QR code: {@code HFC1.<payload>.<signature>} for a collection code,
     * {@code HFR1.<payload>.<signature>} for an e-receipt, both base64url. Only split here: the
     * core checks the Ed25519 signature against the keys it trusts.
     */
    record SignedQr(Kind kind, byte[] payload, byte[] signature) implements ScannedCode {

        public enum Kind { COLLECTION, E_RECEIPT }

        public SignedQr {
            Objects.requireNonNull(kind, "kind");
            payload = payload.clone();
            signature = signature.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public String describe() {
            return (kind == Kind.COLLECTION ? "collection QR" : "e-receipt QR") + " (" + payload.length + " bytes, signed)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignedQr that && kind == that.kind && Arrays.equals(payload, that.payload)
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, Arrays.hashCode(payload), Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "SignedQr[" + kind + ", " + payload.length + " bytes]";
        }
    }
}
