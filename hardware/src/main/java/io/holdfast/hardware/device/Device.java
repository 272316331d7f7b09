package io.holdfast.hardware.device;

/** A configured device that can say how it is. */
public interface Device {

    /** Unique in the store: {@code desk-1-printer}. */
    String id();

    DeviceKind kind();

    /** Which driver talks to it: {@code escpos-tcp}, {@code simulator}, {@code line-tcp}. */
    String driver();

    DeviceHealth health();
}
