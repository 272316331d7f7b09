package io.holdfast.staff;

/** Who is calling: a colleague, a supervisor (who may also isolate and resolve), or a kiosk device. */
public enum Role {
    COLLEAGUE,
    SUPERVISOR,
    KIOSK;

    public boolean isStaff() {
        return this != KIOSK;
    }
}
