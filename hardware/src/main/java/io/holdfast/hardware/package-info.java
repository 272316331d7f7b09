/**
 * Store devices behind ports, each with a simulator: {@code scan} (one parser from a raw scan to a
 * typed code, a TCP line-scanner driver), {@code receipt} (a printer-neutral receipt document,
 * ESC/POS encoding and decoding, previews), {@code printer} (a durable spool and a raw TCP 9100
 * driver), {@code payment} (the contactless terminal gate), {@code device} (health and the
 * registry) and {@code image} (QR and Code 128 PNGs). This module depends on nothing of
 * Holdfast's: generic documents in, bytes out.
 */
package io.holdfast.hardware;
