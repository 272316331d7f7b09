package io.holdfast.hardware.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.Test;

/** Images are read back with ZXing's own decoder, as a phone or a scanner would. */
class CodeImagesTest {

    @Test
    void aQrCodeImageReadsBackToItsText() throws Exception {
        String data = "HFC1.eyJvcmRlciI6IkNDLTEwNDIzMyJ9.c2lnbmF0dXJl";

        assertThat(decode(CodeImages.qrPng(data, 300))).isEqualTo(data);
    }

    @Test
    void aCode128ImageReadsBackToItsText() throws Exception {
        assertThat(decode(CodeImages.code128Png("R04210320261121004217", 600, 120))).isEqualTo("R04210320261121004217");
    }

    @Test
    void refusesWhatCannotBeAnImage() {
        assertThatThrownBy(() -> CodeImages.qrPng("", 300)).hasMessageContaining("1 to 700 characters");
        assertThatThrownBy(() -> CodeImages.code128Png("£5", 300, 100)).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> CodeImages.qrPng("x", 5000)).hasMessage("an image side must be 32 to 2048 pixels, but was 5000");
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
    }
}
