package io.holdfast.sync.downstream;

/** What the store does with one downstream message, and why. */
public sealed interface StreamDecision {

    /** Apply its rows, then stand at {@code next}. */
    record Apply(StreamPosition next) implements StreamDecision {
    }

    /** Applied before: nothing changes. */
    record Duplicate(String why) implements StreamDecision {
    }

    /** Malformed or for no known stream: counted and dropped. */
    record Dropped(String why) implements StreamDecision {
    }

    /** The store cannot follow from here and asks central for a fresh snapshot. */
    record RequestSnapshot(String why) implements StreamDecision {
    }
}
