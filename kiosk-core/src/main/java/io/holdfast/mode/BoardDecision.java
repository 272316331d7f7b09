package io.holdfast.mode;

import java.util.List;

/** What the board did with a request or an observation. */
public sealed interface BoardDecision {

    record Changed(List<Transition> transitions) implements BoardDecision {
        public Changed {
            transitions = List.copyOf(transitions);
        }
    }

    /** Nothing to do, and why: already so, or holding a state for its minimum time. */
    record Unchanged(String why) implements BoardDecision {
    }

    /** Not allowed, and why, in words for the person who asked. */
    record Refused(String reason) implements BoardDecision {
    }
}
