package io.holdfast.returns;

import java.util.Objects;
import java.util.Set;

/**
 * A question the customer answers about an item before it is accepted back; only a yes accepts it.
 * The text is in the message bundle under {@code question.<id>}.
 *
 * @param categories the categories it is asked for; empty means every category
 */
public record ConditionQuestion(String id, Set<String> categories) {

    public ConditionQuestion {
        Objects.requireNonNull(id, "question id");
        if (!id.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("a question id is lower-case letters, digits and dashes, but was '" + id + "'");
        }
        categories = Set.copyOf(categories);
    }

    public boolean appliesTo(String category) {
        return categories.isEmpty() || categories.contains(category);
    }
}
