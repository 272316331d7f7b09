package io.holdfast.sync.command;

/** Why the store refused a command; the code is stable and goes into the audit log. */
public enum Refusal {
    /** The envelope cannot be read, so its signature cannot be checked: same code as a malformed command. */
    UNREADABLE("command-malformed"),
    /** Signed by a trusted key, but not a command this store can carry out as written. */
    MALFORMED("command-malformed"),
    UNKNOWN_KEY("command-unknown-key"),
    BAD_SIGNATURE("command-bad-signature"),
    UNKNOWN_TYPE("command-unknown-type"),
    OTHER_STORE("command-other-store"),
    NOT_YET_VALID("command-not-yet-valid"),
    EXPIRED("command-expired"),
    REPLAY("command-replay"),
    /**
     * A fleet-wide RESTORE or a release announcement signed by one key: those need a second
     * person, so a second distinct trusted key must sign the same bytes.
     */
    APPROVAL_MISSING("command-approval-missing"),
    /** A policy whose version is not newer than the one installed: policies never roll back. */
    POLICY_NOT_NEWER("policy-not-newer");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Whether the message was refused before its signature was proved: anyone on the broker can send
     * such garbage, so it is counted and summarised, not audited one by one.
     */
    public boolean unauthenticated() {
        return this == UNREADABLE || this == UNKNOWN_KEY || this == BAD_SIGNATURE;
    }
}
