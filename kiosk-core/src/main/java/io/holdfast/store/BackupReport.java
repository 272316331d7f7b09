package io.holdfast.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a backup wrote.
 *
 * @param target  the copy
 * @param bytes   its size on disk
 * @param took    how long the copy took
 */
public record BackupReport(Path target, long bytes, Duration took) {
}
