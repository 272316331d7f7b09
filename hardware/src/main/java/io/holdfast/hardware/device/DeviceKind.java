package io.holdfast.hardware.device;

/** The kinds of store device the gateway drives. */
public enum DeviceKind { RECEIPT_PRINTER, SCANNER, PAYMENT_TERMINAL }
