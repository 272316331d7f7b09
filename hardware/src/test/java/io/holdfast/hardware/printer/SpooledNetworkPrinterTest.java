package io.holdfast.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.hardware.device.DeviceHealth;
import io.holdfast.hardware.receipt.DecodedReceipt;
import io.holdfast.hardware.receipt.PrintTicket;
import io.holdfast.hardware.receipt.ReceiptDocument;
import io.holdfast.hardware.receipt.Receipts;

/** The network printer driver against a local socket that captures and decodes what it is sent. */
class SpooledNetworkPrinterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    private static final RetryDelays QUICK = new RetryDelays(Duration.ofMillis(20), Duration.ofMillis(100));
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path spool;
    private EscPosPrinterSimulator fakePrinter;
    private SpooledNetworkPrinter printer;

    @BeforeEach
    void start() {
        fakePrinter = EscPosPrinterSimulator.start(0);
        printer = newPrinter();
    }

    @AfterEach
    void stop() {
        printer.close();
        fakePrinter.close();
    }

    @Test
    void theBytesSentDecodeBackToTheReceiptsTextBarcodeAndQr() {
        printer.print(Receipts.collectionReceipt());

        DecodedReceipt printed = awaitPrinted(1);
        assertThat(printed.lines()).contains("HOLDFAST LEEDS", "Order CC-104233");
        assertThat(printed.text()).contains("£71.00");
        assertThat(printed.barcodes()).containsExactly("R04210320261121004217");
        assertThat(printed.qrCodes()).containsExactly("HFR1.eyJyIjoiMDQyMSJ9.c2ln");
        await().atMost(PATIENCE).until(() -> printer.health().status() == DeviceHealth.Status.CONNECTED);
        assertThat(printer.health().lastSeen()).hasValue(CLOCK.instant());
        assertThat(printer.health().queued()).isZero();
        assertThat(printer.recentlyPrinted()).singleElement()
                .satisfies(preview -> assertThat(preview.text()).contains("£71.00"));
    }

    @Test
    void printingReturnsAtOnceWhileThePrinterIsOffAndPrintsWhenItComesBack() {
        fakePrinter.goOffline();

        long started = System.nanoTime();
        PrintTicket ticket = printer.print(Receipts.collectionReceipt());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("printing only spools").isLessThan(Duration.ofSeconds(1));
        assertThat(ticket.printerId()).isEqualTo("desk-1-printer");
        await().atMost(PATIENCE).until(() -> printer.health().status() == DeviceHealth.Status.OFFLINE);
        assertThat(printer.health().detail()).contains("connection refused");
        assertThat(printer.health().queued()).isEqualTo(1);

        fakePrinter.comeOnline();
        awaitPrinted(1);
        await().atMost(PATIENCE).until(() -> printer.health().queued() == 0);
    }

    @Test
    void aPrinterThatStopsMidJobPrintsTheWholeJobWhenItReturnsEvenAfterAGatewayRestart() {
        fakePrinter.stopMidNextJob(120);

        printer.print(Receipts.collectionReceipt());
        await().atMost(PATIENCE).until(() -> fakePrinter.torn().size() == 1);
        await().atMost(PATIENCE).until(() -> printer.health().status() == DeviceHealth.Status.OFFLINE);
        assertThat(fakePrinter.torn().getFirst().isCut()).isFalse();
        assertThat(fakePrinter.printed()).isEmpty();

        printer.close();
        printer = newPrinter();
        assertThat(printer.health().queued()).as("the job survived the restart").isEqualTo(1);
        fakePrinter.comeOnline();

        DecodedReceipt printed = awaitPrinted(1);
        assertThat(printed.isCut()).isTrue();
        assertThat(printed.text()).contains("HOLDFAST LEEDS").contains("£71.00");
        assertThat(printed.barcodes()).containsExactly("R04210320261121004217");
        await().atMost(PATIENCE).until(() -> printer.health().queued() == 0);
    }

    @Test
    void outOfPaperIsShownAndTheJobWaitsForPaper() {
        fakePrinter.setPaper(false);

        printer.print(Receipts.collectionReceipt());

        await().atMost(PATIENCE).until(() -> printer.health().status() == DeviceHealth.Status.PAPER_OUT);
        assertThat(printer.health().detail()).isEqualTo("out of paper");
        assertThat(fakePrinter.printed()).isEmpty();
        fakePrinter.setPaper(true);
        awaitPrinted(1);
    }

    @Test
    void aPrinterAnsweringGarbageIsMarkedInErrorAndTheJobRetried() {
        fakePrinter.setAnswersGarbage(true);

        printer.print(Receipts.collectionReceipt());

        await().atMost(PATIENCE).until(() -> printer.health().status() == DeviceHealth.Status.ERROR);
        assertThat(printer.health().detail()).contains("0x41").contains("not a status");
        fakePrinter.setAnswersGarbage(false);
        awaitPrinted(1);
    }

    @Test
    void jobsPrintInTheOrderTheyWereQueued() {
        fakePrinter.goOffline();
        for (int i = 1; i <= 3; i++) {
            printer.print(ReceiptDocument.builder().line("receipt " + i).build());
        }
        fakePrinter.comeOnline();

        await().atMost(PATIENCE).until(() -> fakePrinter.printed().size() == 3);
        assertThat(fakePrinter.printed()).extracting(r -> r.lines().getFirst())
                .containsExactly("receipt 1", "receipt 2", "receipt 3");
    }

    private SpooledNetworkPrinter newPrinter() {
        return new SpooledNetworkPrinter(
                SpooledNetworkPrinter.Settings.of("desk-1-printer", fakePrinter.address(), spool).withRetry(QUICK), CLOCK);
    }

    private DecodedReceipt awaitPrinted(int count) {
        await().atMost(PATIENCE).until(() -> fakePrinter.printed().size() >= count);
        return fakePrinter.printed().get(count - 1);
    }
}
