package io.holdfast.staff;

/**
 * Who is calling: a colleague, a supervisor (who may also isolate, resolve and override), or a
 * device: a self-serve kiosk or a till, each signed in with its own token and allowed only its routes.
 */
public enum Role {
    COLLEAGUE,
    SUPERVISOR,
    KIOSK,
    TILL;

    public boolean isStaff() {
        return this == COLLEAGUE || this == SUPERVISOR;
    }
}
