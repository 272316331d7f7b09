package io.holdfast.gateway.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.holdfast.release.ReleaseLayout;
import io.holdfast.release.SwitchFiles;
import io.holdfast.release.SwitchWatch;
import io.holdfast.sync.SyncJson;

/**
 * What systemd runs: starts the release {@code current} points at as a child process, restarts it
 * when it stops, and after a switch decides, outside the new release, whether to keep it. The new
 * release is kept once it writes its confirmation; it is rolled back (current points at previous
 * again, the reason is left for the old release to report) when it stops first, hangs past the
 * health window, or was already started once without confirming. Like a bootloader counting boot
 * attempts, it never asks the new release whether it is well.
 */
public final class ReleaseSupervisor {

    private static final System.Logger LOG = System.getLogger(ReleaseSupervisor.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration MOST_BACKOFF = Duration.ofSeconds(30);

    /** The child's command line: the release's jar, its own JVM options, then these gateway arguments. */
    public record Launch(Path java, List<String> gatewayArguments) {
        public Launch {
            gatewayArguments = List.copyOf(gatewayArguments);
        }
    }

    private final ReleaseLayout layout;
    private final SwitchFiles files;
    private final SwitchWatch watch;
    private final Launch launch;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile Optional<Process> child = Optional.empty();

    public ReleaseSupervisor(Path releases, Duration healthWindow, Launch launch, Clock clock) {
        this.layout = new ReleaseLayout(releases);
        this.files = new SwitchFiles(layout);
        this.watch = new SwitchWatch(healthWindow);
        this.launch = launch;
        this.clock = clock;
    }

    /**
     * Makes {@code current} point at a first release copied from the gateway jar this supervisor runs
     * from (and its {@code libs/}), when there is no current release yet. A store is installed by hand
     * once; every release after that comes through the updater.
     */
    public Optional<String> installFirst(Path jar, String version) throws IOException {
        if (layout.current().isPresent()) {
            return Optional.empty();
        }
        Path content = layout.content(version);
        Files.createDirectories(content);
        Files.copy(jar, content.resolve("holdfast.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path libs = jar.resolveSibling("libs");
        if (Files.isDirectory(libs)) {
            Files.createDirectories(content.resolve("libs"));
            try (var list = Files.list(libs)) {
                for (Path lib : list.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                    Files.copy(lib, content.resolve("libs").resolve(lib.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        files.confirm(version, clock.instant());
        layout.switchTo(version);
        return Optional.of(version);
    }

    /** Runs until {@link #stop()}; answers the last child's exit code. */
    public int run() throws IOException, InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        int exit = 0;
        while (!stopping) {
            String version = layout.current().orElseThrow(() -> new IOException("no release is current in "
                    + layout.root() + ": install one first"));
            Optional<SwitchWatch.Pending> pending = pendingFor(version);
            if (pending.isPresent()) {
                SwitchWatch.Pending started = pending.get().startedAgain();
                files.writePending(started);
                pending = Optional.of(started);
                if (watch.judge(started, false, false, clock.instant()) instanceof SwitchWatch.Verdict.RollBack back) {
                    rollBack(started, back.reason());
                    continue;
                }
            }
            long startedAt = System.nanoTime();
            Process process = start(version);
            child = Optional.of(process);
            exit = watchChild(process, version, pending);
            child = Optional.empty();
            boolean switched = !layout.current().orElse(version).equals(version);
            if (stopping || exit == Supervision.HAND_OVER || switched) {
                backoff = Duration.ofSeconds(1);
                continue;
            }
            if (Duration.ofNanos(System.nanoTime() - startedAt).compareTo(MOST_BACKOFF) > 0) {
                backoff = Duration.ofSeconds(1);
            }
            LOG.log(System.Logger.Level.WARNING, "release {0} stopped with exit code {1}; starting it again in {2} s",
                    version, exit, backoff.toSeconds());
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MOST_BACKOFF) > 0 ? MOST_BACKOFF : backoff.multipliedBy(2);
        }
        return exit;
    }

    /** Stops the child (SIGTERM, then SIGKILL after a grace period) and the loop. */
    public void stop() {
        stopping = true;
        child.ifPresent(ReleaseSupervisor::terminate);
    }

    private Optional<SwitchWatch.Pending> pendingFor(String version) throws IOException {
        Optional<SwitchWatch.Pending> pending = files.pending();
        if (pending.isEmpty()) {
            return pending;
        }
        if (!pending.get().version().equals(version)) {
            // current moved on without this switch (put back by hand): the record is kept, not acted on.
            files.settle(pending.get(), "abandoned");
            return Optional.empty();
        }
        if (files.confirmed(version)) {
            files.settle(pending.get(), "kept");
            return Optional.empty();
        }
        return pending;
    }

    private int watchChild(Process process, String version, Optional<SwitchWatch.Pending> pending)
            throws IOException, InterruptedException {
        Optional<SwitchWatch.Pending> open = pending;
        while (true) {
            boolean exited = process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (open.isPresent()) {
                SwitchWatch.Verdict verdict = watch.judge(open.get(), files.confirmed(version), exited,
                        clock.instant());
                switch (verdict) {
                    case SwitchWatch.Verdict.Keep keep -> {
                        files.settle(open.get(), "kept");
                        LOG.log(System.Logger.Level.INFO, "release {0} confirmed its health; it is kept", version);
                        open = Optional.empty();
                    }
                    case SwitchWatch.Verdict.RollBack back -> {
                        if (!exited) {
                            terminate(process);
                        }
                        rollBack(open.get(), back.reason());
                        return process.exitValue();
                    }
                    case SwitchWatch.Verdict.Wait waiting -> {
                    }
                }
            }
            if (exited) {
                return process.exitValue();
            }
        }
    }

    private void rollBack(SwitchWatch.Pending pending, String reason) throws IOException {
        String why = reason + failingChecks(pending.version());
        String back = layout.switchBack();
        files.writeRolledBack(new SwitchFiles.RolledBack(pending.version(), back, why, clock.instant()));
        files.settle(pending, "rolled-back");
        LOG.log(System.Logger.Level.WARNING, "rolled back from release {0} to {1}: {2}", pending.version(), back, why);
    }

    /** What the new release's own check last saw failing, when it wrote any: read, never required. */
    private String failingChecks(String version) {
        Path health = layout.content(version).resolveSibling("health.json");
        try {
            if (!Files.exists(health)) {
                return "";
            }
            List<String> failing = new ArrayList<>();
            for (var check : SyncJson.MAPPER.readTree(Files.readString(health, StandardCharsets.UTF_8))) {
                if (!check.path("passed").asBoolean()) {
                    failing.add(check.path("name").asText() + ": " + check.path("detail").asText());
                }
            }
            return failing.isEmpty() ? "" : " (its last check: " + String.join("; ", failing) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private Process start(String version) throws IOException {
        Path content = layout.content(version);
        List<String> command = new ArrayList<>();
        command.add(launch.java().toString());
        Path options = content.resolve("release.options");
        if (Files.exists(options)) {
            Files.readAllLines(options, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(command::add);
        }
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+IgnoreUnrecognizedVMOptions",
                "--sun-misc-unsafe-memory-access=allow", "-jar", content.resolve("holdfast.jar").toString(), "serve"));
        command.addAll(launch.gatewayArguments());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(Supervision.RELEASES, layout.root().toString());
        builder.environment().put(Supervision.RELEASE, version);
        builder.environment().put(Supervision.SUPERVISOR, Long.toString(ProcessHandle.current().pid()));
        LOG.log(System.Logger.Level.INFO, "starting release {0}", version);
        return builder.start();
    }

    private static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
