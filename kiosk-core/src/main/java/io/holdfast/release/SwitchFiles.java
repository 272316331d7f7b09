package io.holdfast.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.holdfast.store.CoreJson;

/**
 * The files the running release and its supervisor pass each other across a switch, beside the
 * {@link ReleaseLayout}'s links. Each is written beside itself and renamed into place, so a reader
 * sees a whole file or none:
 * <ul>
 *   <li>{@code pending.json}: a switch not yet confirmed (the old release writes it, the supervisor
 *       counts starts in it);</li>
 *   <li>{@code releases/<version>/confirmed}: written by that release once its health check passed;</li>
 *   <li>{@code rolled-back.json}: the supervisor went back, and why; the old release reports it.</li>
 * </ul>
 * Nothing is deleted: a settled switch and a reported rollback are moved into the release's folder.
 */
public final class SwitchFiles {

    /** The supervisor went back from {@code version} to {@code back}, for {@code reason}. */
    public record RolledBack(String version, String back, String reason, Instant at) {
        public RolledBack {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(back, "back");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    private final ReleaseLayout layout;

    public SwitchFiles(ReleaseLayout layout) {
        this.layout = layout;
    }

    public Optional<SwitchWatch.Pending> pending() throws IOException {
        return readJson(layout.root().resolve("pending.json"), SwitchWatch.Pending.class);
    }

    public void writePending(SwitchWatch.Pending pending) throws IOException {
        writeAtomically(layout.root().resolve("pending.json"), CoreJson.write(pending));
    }

    /** The switch is settled (kept or rolled back): its record moves into the new release's folder. */
    public void settle(SwitchWatch.Pending pending, String outcome) throws IOException {
        Path from = layout.root().resolve("pending.json");
        if (Files.exists(from)) {
            moveInto(from, layout.content(pending.version()).resolveSibling("switch-" + outcome + ".json"));
        }
    }

    public boolean confirmed(String version) {
        return Files.exists(layout.content(version).resolveSibling("confirmed"));
    }

    /** Called by a release that passed its health check, and only then. */
    public void confirm(String version, Instant at) throws IOException {
        writeAtomically(layout.content(version).resolveSibling("confirmed"), at.toString() + "\n");
    }

    public void writeRolledBack(RolledBack rolledBack) throws IOException {
        writeAtomically(layout.root().resolve("rolled-back.json"), CoreJson.write(rolledBack));
    }

    /** A rollback not yet reported, moved aside as it is taken so it is reported once. */
    public Optional<RolledBack> takeRolledBack() throws IOException {
        Path file = layout.root().resolve("rolled-back.json");
        Optional<RolledBack> read = readJson(file, RolledBack.class);
        if (read.isPresent()) {
            moveInto(file, layout.content(read.get().version()).resolveSibling("rolled-back.json"));
        }
        return read;
    }

    private static void moveInto(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static <T> Optional<T> readJson(Path file, Class<T> type) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CoreJson.read(Files.readString(file, StandardCharsets.UTF_8), type));
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path fresh = file.resolveSibling("." + file.getFileName() + ".new");
        Files.writeString(fresh, text, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(fresh, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
