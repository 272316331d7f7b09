package io.holdfast.hardware.scan;

import java.util.Objects;

/** The answer to a scan: what it is, or why it is not anything we know. Never an exception. */
public sealed interface ScanResult {

    record Recognised(ScannedCode code) implements ScanResult {
        public Recognised {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * @param reason what a colleague reads: "check digit does not match"
     * @param raw    what was scanned, with control characters shown as {@code <GS>}
     */
    record Rejected(String reason, String raw) implements ScanResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(raw, "raw");
        }
    }
}
