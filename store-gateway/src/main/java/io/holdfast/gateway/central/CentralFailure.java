package io.holdfast.gateway.central;

/** Central answered, but not usefully (5xx, garbage): counts against the breaker. */
final class CentralFailure extends Exception {

    CentralFailure(String message) {
        super(message);
    }
}
