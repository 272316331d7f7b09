package io.holdfast.hardware.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes and Code 128 barcodes as PNG images for the pages, encoded by ZXing. */
public final class CodeImages {

    public static final int MAX_QR_CHARACTERS = 700;
    public static final int MAX_BARCODE_CHARACTERS = 60;

    private CodeImages() {
    }

    /** A square QR code, {@code size} pixels a side, error correction M, with a quiet zone. */
    public static byte[] qrPng(String data, int size) {
        requireSize(size);
        if (data.isEmpty() || data.length() > MAX_QR_CHARACTERS) {
            throw new IllegalArgumentException("a QR code needs 1 to " + MAX_QR_CHARACTERS
                    + " characters, but got " + data.length());
        }
        try {
            return png(new QRCodeWriter().encode(data, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 2)));
        } catch (WriterException e) {
            throw new IllegalArgumentException("this text cannot be a QR code: " + e.getMessage(), e);
        }
    }

    /** A Code 128 barcode; printable ASCII only. */
    public static byte[] code128Png(String data, int width, int height) {
        requireSize(width);
        requireSize(height);
        if (data.isEmpty() || data.length() > MAX_BARCODE_CHARACTERS
                || !data.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("a Code 128 barcode needs 1 to " + MAX_BARCODE_CHARACTERS
                    + " printable ASCII characters");
        }
        return png(new Code128Writer().encode(data, BarcodeFormat.CODE_128, width, height,
                Map.of(EncodeHintType.MARGIN, 10)));
    }

    private static void requireSize(int pixels) {
        if (pixels < 32 || pixels > 2048) {
            throw new IllegalArgumentException("an image side must be 32 to 2048 pixels, but was " + pixels);
        }
    }

    private static byte[] png(BitMatrix matrix) {
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a PNG in memory", e);
        }
        return out.toByteArray();
    }
}
