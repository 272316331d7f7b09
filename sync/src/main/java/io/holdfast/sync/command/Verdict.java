package io.holdfast.sync.command;

import java.util.Optional;

/** What the verifier decided about one message on a commands topic. */
public sealed interface Verdict {

    record Accepted(SignedCommand command) implements Verdict {
    }

    /**
     * @param commandId the command's id when it could be read
     * @param keyId     the key it claimed when it could be read
     */
    record Refused(Refusal reason, String detail, Optional<String> commandId, Optional<String> keyId)
            implements Verdict {
    }
}
