package io.holdfast.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** What the desk's one search box asked for. */
public sealed interface SearchQuery {

    Pattern ORDER_NUMBER = Pattern.compile("(?i)CC-\\d{3,10}");
    Pattern COLLECTION_CODE = Pattern.compile("\\d{6}");

    record ByOrderId(OrderId orderId) implements SearchQuery {
        public ByOrderId {
            Objects.requireNonNull(orderId, "order id");
        }
    }

    /** @param code the code as typed: hashed by {@link OrderSearch} with the store's key, never kept */
    record ByCollectionCode(String code) implements SearchQuery {
        public ByCollectionCode {
            Require.text(code, "code");
        }

        @Override
        public String toString() {
            return "ByCollectionCode[hidden]";
        }
    }

    /**
     * @param nameTerms      prefixes of words in the customer's name, lower case
     * @param postcodePrefix the start of the postcode without spaces, upper case, or empty
     */
    record ByName(List<String> nameTerms, String postcodePrefix) implements SearchQuery {
        public ByName {
            nameTerms = List.copyOf(nameTerms);
            Objects.requireNonNull(postcodePrefix, "postcode prefix");
            if (nameTerms.isEmpty()) {
                throw new IllegalArgumentException("a name search needs at least one name term");
            }
        }
    }

    /** Nothing searchable: {@code reason} says what to type instead. */
    record Invalid(String reason) implements SearchQuery {
    }

    /** Reads what was typed or scanned into the box. */
    static SearchQuery parse(String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            return new Invalid("Type an order number, a collection code, or the customer's name and postcode.");
        }
        if (typed.length() > 100) {
            return new Invalid("That is too long to be an order number, code or name.");
        }
        if (ORDER_NUMBER.matcher(typed).matches()) {
            return new ByOrderId(new OrderId(typed.toUpperCase(Locale.ROOT)));
        }
        if (COLLECTION_CODE.matcher(typed).matches()) {
            return new ByCollectionCode(typed);
        }
        List<String> names = new ArrayList<>();
        StringBuilder postcode = new StringBuilder();
        for (String word : typed.split("[\\s,]+")) {
            if (word.chars().anyMatch(Character::isDigit)) {
                postcode.append(word.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT));
            } else {
                for (String part : word.split("[^\\p{L}]+")) {
                    if (!part.isEmpty()) {
                        names.add(part.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (names.stream().noneMatch(n -> n.length() >= 2)) {
            return new Invalid("Give at least two letters of the customer's name, with the postcode if you have it.");
        }
        return new ByName(names, postcode.toString());
    }
}
