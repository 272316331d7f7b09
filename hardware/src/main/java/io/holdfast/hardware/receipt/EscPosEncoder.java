package io.holdfast.hardware.receipt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst;
import com.github.anastaciocintra.escpos.Style;
import com.github.anastaciocintra.escpos.barcode.BarCode;
import com.github.anastaciocintra.escpos.barcode.QRCode;

/**
 * A receipt document as ESC/POS bytes, through escpos-coffee. Text goes out in code page 437,
 * where the pound sign is byte 0x9C, and the code table is selected first so the printer agrees.
 */
public final class EscPosEncoder {

    /** Characters per line in font A on 80 mm paper. */
    public static final int COLUMNS_80MM = 48;

    private final int columns;

    public EscPosEncoder(int columns) {
        if (columns < 24 || columns > 64) {
            throw new IllegalArgumentException("a receipt line must be 24 to 64 characters, but was " + columns);
        }
        this.columns = columns;
    }

    public byte[] encode(ReceiptDocument document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (EscPos printer = new EscPos(bytes)) {
            printer.initializePrinter();
            printer.setCharacterCodeTable(EscPos.CharacterCodeTable.CP437_USA_Standard_Europe);
            printer.setCharsetName("IBM437");
            for (ReceiptElement element : document.elements()) {
                write(printer, element);
            }
            printer.feed(4);
            printer.cut(EscPos.CutMode.FULL);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a receipt in memory", e);
        }
        return bytes.toByteArray();
    }

    private void write(EscPos printer, ReceiptElement element) throws IOException {
        switch (element) {
            case ReceiptElement.Text text -> printer.writeLF(style(text.align(), text.bold(), text.large()), text.text());
            case ReceiptElement.Columns row -> printer.writeLF(style(Align.LEFT, row.bold(), false), columns(row));
            case ReceiptElement.Divider ignored -> printer.writeLF("-".repeat(columns));
            case ReceiptElement.Barcode barcode -> printer.write(new BarCode()
                    .setSystem(BarCode.BarCodeSystem.CODE128)
                    .setHRIPosition(BarCode.BarCodeHRIPosition.BelowBarCode)
                    .setJustification(EscPosConst.Justification.Center), "{B" + barcode.data());
            case ReceiptElement.QrCode qr -> printer.write(new QRCode()
                    .setSize(6)
                    .setJustification(EscPosConst.Justification.Center), qr.data());
            case ReceiptElement.Feed feed -> printer.feed(feed.lines());
        }
    }

    private String columns(ReceiptElement.Columns row) {
        int room = columns - row.right().length() - 1;
        String left = row.left().length() > room ? row.left().substring(0, Math.max(0, room)) : row.left();
        return left + " ".repeat(Math.max(1, columns - left.length() - row.right().length())) + row.right();
    }

    private static Style style(Align align, boolean bold, boolean large) {
        Style style = new Style().setBold(bold).setJustification(switch (align) {
            case LEFT -> EscPosConst.Justification.Left_Default;
            case CENTRE -> EscPosConst.Justification.Center;
            case RIGHT -> EscPosConst.Justification.Right;
        });
        if (large) {
            style.setFontSize(Style.FontSize._2, Style.FontSize._2);
        }
        return style;
    }
}
