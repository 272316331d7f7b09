package io.holdfast.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintSpoolTest {

    @TempDir
    Path folder;

    @Test
    void pendingJobsSurviveReopeningInOrder() {
        PrintSpool spool = new PrintSpool(folder, 10);
        long first = spool.enqueue(new byte[]{1});
        long second = spool.enqueue(new byte[]{2});

        PrintSpool reopened = new PrintSpool(folder, 10);

        assertThat(reopened.pendingCount()).isEqualTo(2);
        assertThat(reopened.oldestPending()).hasValueSatisfying(job -> {
            assertThat(job.id()).isEqualTo(first);
            assertThat(job.bytes()).containsExactly(1);
        });
        reopened.markPrinted(first);
        assertThat(reopened.oldestPending()).hasValueSatisfying(job -> assertThat(job.id()).isEqualTo(second));
        assertThat(reopened.enqueue(new byte[]{3})).as("numbers go on after a restart").isEqualTo(second + 1);
    }

    @Test
    void aJobNotToBeKeptIsDeletedOnceThePrinterConfirmsItAndSurvivesARestartUntilThen() throws Exception {
        PrintSpool spool = new PrintSpool(folder, 10);
        long kept = spool.enqueue(new byte[]{1});
        long voucher = spool.enqueue(new byte[]{2}, false);

        PrintSpool reopened = new PrintSpool(folder, 10);
        assertThat(reopened.pendingCount()).isEqualTo(2);
        reopened.markPrinted(kept);
        assertThat(reopened.oldestPending()).hasValueSatisfying(job -> assertThat(job.id()).isEqualTo(voucher));
        reopened.markPrinted(voucher);

        try (var left = Files.walk(folder)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("%016d.escpos".formatted(kept));
        }
        assertThat(reopened.enqueue(new byte[]{3})).isEqualTo(voucher + 1);
    }

    @Test
    void keepsOnlyTheNewestPrintedJobs() throws Exception {
        PrintSpool spool = new PrintSpool(folder, 2);
        for (int i = 0; i < 5; i++) {
            spool.markPrinted(spool.enqueue(new byte[]{(byte) i}));
        }

        try (var printed = Files.list(folder.resolve("printed"))) {
            assertThat(printed.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("0000000000000004.escpos", "0000000000000005.escpos");
        }
        assertThat(spool.pendingCount()).isZero();
    }

    @Test
    void aHalfWrittenJobFromACrashIsNeitherPrintedNorDeleted() throws Exception {
        PrintSpool spool = new PrintSpool(folder, 2);
        Path leftover = Files.write(folder.resolve("pending/0000000000000009.escpos.tmp"), new byte[]{9});

        assertThat(new PrintSpool(folder, 2).oldestPending()).isEmpty();
        assertThat(leftover).exists();
        assertThat(spool.pendingCount()).isZero();
    }
}
