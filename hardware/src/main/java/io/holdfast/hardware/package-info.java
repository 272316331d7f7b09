/**
 * Store devices behind ports, each with a simulator: barcode and QR input, the receipt printer
 * (ESC/POS), the payment-terminal gate and kiosk peripherals. This module depends on nothing of
 * Holdfast's: generic documents in, bytes out. Its ports arrive with the hardware issue.
 */
package io.holdfast.hardware;
