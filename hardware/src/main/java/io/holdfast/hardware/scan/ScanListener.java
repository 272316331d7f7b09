package io.holdfast.hardware.scan;

/** Where a scanner's scans go. Called on the scanner's own thread; return quickly. */
@FunctionalInterface
public interface ScanListener {
    void onScan(ScanEvent event);
}
