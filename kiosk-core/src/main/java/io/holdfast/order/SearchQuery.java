package io.holdfast.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the desk's one search box asked for. */
public sealed interface SearchQuery {

    Pattern ORDER_NUMBER = Pattern.compile("(?i)CC-\\d{3,10}");
    Pattern COLLECTION_CODE = Pattern.compile("\\d{6}");
    /** A UK outward code on its own: LS1, LS11, W1A, EC1V. */
    Pattern OUTWARD_CODE = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    /** A whole UK postcode typed without its space: the inward code is always digit, letter, letter. */
    Pattern WHOLE_POSTCODE = Pattern.compile("([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})");

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
     * @param nameTerms      words of the customer's name, lower case
     * @param lastIsPrefix   the last name word is still being typed (nothing came after it), so it is
     *                       matched as the start of a word; a name followed by a postcode is whole
     * @param postcodePrefix the start of the postcode without spaces, upper case, or empty
     * @param outwardCode    the postcode's outward code when a whole one was typed ({@code LS1} alone, or
     *                       before more of the postcode, or inside a whole postcode): matched exactly, so
     *                       LS1 does not find LS11
     */
    record ByName(List<String> nameTerms, boolean lastIsPrefix, String postcodePrefix, Optional<String> outwardCode)
            implements SearchQuery {
        public ByName {
            nameTerms = List.copyOf(nameTerms);
            Objects.requireNonNull(postcodePrefix, "postcode prefix");
            Objects.requireNonNull(outwardCode, "outward code");
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
        List<String> postcode = new ArrayList<>();
        boolean lastIsPrefix = false;
        for (String word : typed.split("[\\s,]+")) {
            lastIsPrefix = !word.chars().anyMatch(Character::isDigit);
            if (!lastIsPrefix) {
                postcode.add(word.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT));
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
        return new ByName(names, lastIsPrefix, String.join("", postcode), outwardCode(postcode));
    }

    /** The outward code of what was typed as a postcode, when a whole one is there. */
    private static Optional<String> outwardCode(List<String> postcodeWords) {
        if (postcodeWords.isEmpty()) {
            return Optional.empty();
        }
        Matcher whole = WHOLE_POSTCODE.matcher(String.join("", postcodeWords));
        if (whole.matches()) {
            return Optional.of(whole.group(1));
        }
        String first = postcodeWords.getFirst();
        return OUTWARD_CODE.matcher(first).matches() ? Optional.of(first) : Optional.empty();
    }
}
