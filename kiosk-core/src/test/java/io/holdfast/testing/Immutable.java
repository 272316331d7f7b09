package io.holdfast.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file immutable with {@code chattr +i}, which even root cannot write through: how tests
 * make a store file unwritable on a machine where they run as root and file modes do not stop them.
 */
public final class Immutable {

    private Immutable() {
    }

    /** Sets or clears the immutable flag; skips the test where the file system has no such flag. */
    public static void set(Path file, boolean immutable) {
        try {
            Process chattr = new ProcessBuilder("chattr", immutable ? "+i" : "-i", file.toString())
                    .redirectErrorStream(true).start();
            String said = new String(chattr.getInputStream().readAllBytes());
            boolean done = chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0;
            if (!done && immutable) {
                System.err.println("skipped: chattr +i does not work here: " + said);
            }
            Assumptions.assumeTrue(done || !immutable, "chattr +i does not work here: " + said);
        } catch (IOException e) {
            Assumptions.abort("chattr is not installed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running chattr", e);
        }
    }
}
