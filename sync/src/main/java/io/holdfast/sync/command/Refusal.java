package io.holdfast.sync.command;

/** Why the store refused a command; the code is stable and goes into the audit log. */
public enum Refusal {
    MALFORMED("command-malformed"),
    UNKNOWN_KEY("command-unknown-key"),
    BAD_SIGNATURE("command-bad-signature"),
    UNKNOWN_TYPE("command-unknown-type"),
    OTHER_STORE("command-other-store"),
    NOT_YET_VALID("command-not-yet-valid"),
    EXPIRED("command-expired"),
    REPLAY("command-replay");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
