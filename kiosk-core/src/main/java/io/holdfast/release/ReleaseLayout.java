package io.holdfast.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The A/B layout of a store's releases: {@code releases/<version>/content/} for each staged release,
 * and two symlinks, {@code current} (what the supervisor starts) and {@code previous} (what it goes
 * back to). A link is switched by making a fresh link beside it and renaming it over the old one, so
 * a crash at any moment leaves each link pointing at one whole release. Nothing is deleted here.
 */
public final class ReleaseLayout {

    private final Path root;

    public ReleaseLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder that holds the releases, the links and the switch files. */
    public Path root() {
        return root;
    }

    /** Where a release's files are staged. */
    public Path content(String version) {
        Path folder = root.resolve("releases").resolve(version).normalize();
        if (!folder.getParent().equals(root.resolve("releases"))) {
            throw new IllegalArgumentException("a release version cannot name a folder: '" + version + "'");
        }
        return folder.resolve("content");
    }

    /** The version {@code current} points at, if any. */
    public Optional<String> current() throws IOException {
        return version(root.resolve("current"));
    }

    /** The version {@code previous} points at, if any. */
    public Optional<String> previous() throws IOException {
        return version(root.resolve("previous"));
    }

    /**
     * Makes {@code version} current and the release that was current the previous one. The previous
     * link moves first: a crash between the two leaves current as it was, with previous pointing at it.
     */
    public void switchTo(String version) throws IOException {
        Path target = content(version);
        if (!Files.isDirectory(target)) {
            throw new IOException("release " + version + " is not staged at " + target);
        }
        Optional<String> was = current();
        if (was.isPresent() && !was.get().equals(version)) {
            link("previous", content(was.get()));
        }
        link("current", target);
    }

    /** Goes back: {@code current} points at the previous release again (the failed one stays on disk). */
    public String switchBack() throws IOException {
        String back = previous().orElseThrow(() -> new IOException("there is no previous release to go back to"));
        link("current", content(back));
        return back;
    }

    private void link(String name, Path target) throws IOException {
        Files.createDirectories(root);
        Path fresh = root.resolve("." + name + ".new");
        Files.deleteIfExists(fresh);
        Files.createSymbolicLink(fresh, target);
        Files.move(fresh, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Optional<String> version(Path link) throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path content = Files.readSymbolicLink(link);
        return Optional.of(content.getParent().getFileName().toString());
    }
}
