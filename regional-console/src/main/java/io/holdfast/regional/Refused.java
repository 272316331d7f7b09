package io.holdfast.regional;

/**
 * A console action refused, with the HTTP status and the stable code the page and the CLI switch
 * on: {@code role-required}, {@code approval-by-requester}, {@code approval-required}, ...
 */
public final class Refused extends RuntimeException {

    private final int status;
    private final String code;

    public Refused(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
