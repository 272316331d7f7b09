package io.holdfast.hardware.receipt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ESC/POS bytes back into lines, barcodes, QR codes and cuts: what a receipt printer
 * would have printed. Covers the commands our encoder sends and the common ones around them;
 * anything else is noted as a problem and skipped. Never throws.
 */
public final class EscPosDecoder {

    private static final int ESC = 0x1B;
    private static final int GS = 0x1D;
    private static final int DLE = 0x10;
    private static final int LF = 0x0A;

    private final List<PrintedItem> items = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private byte[] bytes;
    private int at;
    private Charset charset = Charset.forName("IBM437");
    private boolean bold;
    private boolean large;
    private Align align = Align.LEFT;
    private boolean lineStyled;
    private Align lineAlign = Align.LEFT;
    private boolean lineBold;
    private boolean lineLarge;
    private String storedQr = "";

    private EscPosDecoder() {
    }

    public static DecodedReceipt decode(byte[] bytes) {
        EscPosDecoder decoder = new EscPosDecoder();
        decoder.bytes = bytes.clone();
        decoder.run();
        return new DecodedReceipt(decoder.items, decoder.problems);
    }

    private void run() {
        while (at < bytes.length) {
            int b = bytes[at] & 0xFF;
            switch (b) {
                case LF -> {
                    endLine();
                    at++;
                }
                case ESC -> esc();
                case GS -> gs();
                case DLE -> skip(3, "DLE");
                case 0x0D, 0x00 -> at++;
                case 0x09 -> text(' ');
                default -> {
                    if (b < 0x20) {
                        problems.add("unexpected control byte 0x%02X at %d".formatted(b, at));
                        at++;
                    } else {
                        text(b);
                    }
                }
            }
        }
        if (line.size() > 0) {
            endLine();
        }
    }

    private void esc() {
        int command = arg(1);
        switch (command) {
            case '@' -> {
                bold = false;
                large = false;
                align = Align.LEFT;
                at += 2;
            }
            case 't' -> {
                charset = codeTable(arg(2));
                at += 3;
            }
            case 'E', 'G' -> {
                if (command == 'E') {
                    bold = (digit(arg(2)) & 1) == 1;
                }
                at += 3;
            }
            case 'a' -> {
                align = switch (digit(arg(2))) {
                    case 1 -> Align.CENTRE;
                    case 2 -> Align.RIGHT;
                    default -> Align.LEFT;
                };
                at += 3;
            }
            case '!' -> {
                int mode = arg(2);
                bold = (mode & 0x08) != 0;
                large = (mode & 0x30) != 0;
                at += 3;
            }
            case 'd' -> {
                int lines = Math.max(0, arg(2));
                for (int i = 0; i < lines && i < 50; i++) {
                    items.add(new PrintedItem.Line("", Align.LEFT, false, false));
                }
                at += 3;
            }
            case '2' -> at += 2;
            case 'M', '-', '3', 'J', 'V', 'r', 'R', 'U', '{', 'c' -> at += 3;
            case 'p' -> at += 5;
            default -> {
                problems.add("unknown command ESC 0x%02X at %d".formatted(command, at));
                at += 2;
            }
        }
    }

    private void gs() {
        int command = arg(1);
        switch (command) {
            case '!' -> {
                large = arg(2) != 0;
                at += 3;
            }
            case 'B', 'h', 'w', 'H', 'f', 'b' -> at += 3;
            case 'L', 'W' -> at += 4;
            case 'V' -> cut();
            case 'k' -> barcode();
            case '(' -> extended();
            default -> {
                problems.add("unknown command GS 0x%02X at %d".formatted(command, at));
                at += 2;
            }
        }
    }

    private void cut() {
        int mode = arg(2);
        if (mode < 0) {
            truncated("cut");
            return;
        }
        endLineIfAny();
        items.add(new PrintedItem.Cut());
        at += (mode == 65 || mode == 66 || mode == 97 || mode == 98) ? 4 : 3;
    }

    private void barcode() {
        int system = arg(2);
        if (system < 0) {
            truncated("barcode");
            return;
        }
        endLineIfAny();
        if (system <= 6) {
            int end = at + 3;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            items.add(new PrintedItem.Barcode(ascii(at + 3, end)));
            at = end + 1;
            return;
        }
        int length = arg(3);
        int start = at + 4;
        if (length < 0 || start + length > bytes.length) {
            truncated("barcode");
            return;
        }
        String data = ascii(start, start + length);
        if (system == 73 && data.length() >= 2 && data.charAt(0) == '{') {
            data = data.substring(2);
        }
        items.add(new PrintedItem.Barcode(data));
        at = start + length;
    }

    /** {@code GS ( k}: the QR code commands. Function 80 stores the data, 81 prints it. */
    private void extended() {
        int kind = arg(2);
        if (arg(4) < 0) {
            truncated("GS ( command");
            return;
        }
        int length = arg(3) + (arg(4) << 8);
        int start = at + 5;
        if (start + length > bytes.length) {
            truncated("GS ( command");
            return;
        }
        if (kind == 'k' && length >= 3 && arg(5) == '1') {
            int function = arg(6);
            if (function == 'P') {
                storedQr = new String(bytes, start + 3, length - 3, StandardCharsets.UTF_8);
            } else if (function == 'Q') {
                endLineIfAny();
                items.add(new PrintedItem.QrCode(storedQr));
            }
        }
        at = start + length;
    }

    private void text(int b) {
        if (!lineStyled) {
            lineStyled = true;
            lineAlign = align;
            lineBold = bold;
            lineLarge = large;
        }
        line.write(b);
        at++;
    }

    private void endLineIfAny() {
        if (line.size() > 0) {
            endLine();
        }
    }

    private void endLine() {
        String text = line.toString(charset);
        items.add(lineStyled ? new PrintedItem.Line(text, lineAlign, lineBold, lineLarge)
                : new PrintedItem.Line(text, align, bold, large));
        line.reset();
        lineStyled = false;
    }

    private void skip(int length, String command) {
        if (at + length > bytes.length) {
            truncated(command);
            return;
        }
        at += length;
    }

    private void truncated(String what) {
        problems.add(what + " at " + at + " is cut short by the end of the data");
        at = bytes.length;
    }

    /** The byte {@code offset} after the command's first byte, or -1 past the end. */
    private int arg(int offset) {
        int index = at + offset;
        return index < bytes.length ? bytes[index] & 0xFF : -1;
    }

    /** ESC/POS takes both 0/1/2 and '0'/'1'/'2' for small numeric arguments. */
    private static int digit(int value) {
        return value >= '0' && value <= '9' ? value - '0' : value;
    }

    private String ascii(int from, int to) {
        return new String(bytes, from, Math.max(0, to - from), StandardCharsets.US_ASCII);
    }

    private static Charset codeTable(int table) {
        return switch (table) {
            case 2 -> Charset.forName("IBM850");
            case 19 -> Charset.forName("IBM00858");
            case 16 -> Charset.forName("windows-1252");
            default -> Charset.forName("IBM437");
        };
    }
}
