package io.holdfast.hardware.printer;

/**
 * ESC/POS real-time status: {@code DLE EOT 4} asks for the paper roll sensor; the answer is one
 * byte with bits 0 and 7 clear and bits 1 and 4 set, and bits 5-6 set when the paper has run out.
 */
final class EscPosStatus {

    static final byte[] PAPER_QUERY = {0x10, 0x04, 0x04};
    static final int READY = 0x12;
    static final int PAPER_OUT = 0x72;

    private EscPosStatus() {
    }

    static boolean isStatusByte(int b) {
        return b >= 0 && (b & 0x93) == 0x12;
    }

    static boolean paperOut(int b) {
        return (b & 0x60) != 0;
    }
}
