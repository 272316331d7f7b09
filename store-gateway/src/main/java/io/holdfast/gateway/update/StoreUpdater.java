package io.holdfast.gateway.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.holdfast.gateway.config.UpdateSettings;
import io.holdfast.gateway.http.RequestTraffic;
import io.holdfast.mode.CapabilityState;
import io.holdfast.mode.CapabilityStatus;
import io.holdfast.mode.ModeBoard;
import io.holdfast.outbox.Outbox;
import io.holdfast.release.ReleaseAnnouncement;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseCheck;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseLayout;
import io.holdfast.release.ReleaseManifest;
import io.holdfast.release.ReleaseManifestJson;
import io.holdfast.release.ReleaseRatchet;
import io.holdfast.release.ReleaseRefusal;
import io.holdfast.release.ReleaseVerdict;
import io.holdfast.release.SwitchFiles;
import io.holdfast.release.SwitchWatch;
import io.holdfast.release.UpdateGate;
import io.holdfast.release.UpdateOrders;
import io.holdfast.release.UpdatePolicies;
import io.holdfast.policy.StorePolicies;
import io.holdfast.release.UpdateState;
import io.holdfast.release.UpdateStates;
import io.holdfast.release.UpdateStatus;
import io.holdfast.store.CoreJson;
import io.holdfast.store.Database;

/**
 * The store's side of a gateway update, one step per tick on one thread: take the newest release
 * announced, fetch it (resuming), check it (signatures, expiry, audience, ratchet, schema, file
 * hashes) and stage it beside the running one; wait at the {@link UpdateGate}; then write the
 * pending switch, point {@code current} at it and hand over to the supervisor, which starts it. A
 * release started after a switch checks its own health on business results and writes its
 * confirmation only when all of it passed. Every state change is audited ({@link UpdateStates}).
 */
public final class StoreUpdater implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreUpdater.class.getName());
    /** A bundle whose hash is wrong is fetched again this many times before it is refused. */
    private static final int FETCH_TRIES = 3;

    private final UpdateSettings settings;
    private final String storeId;
    private final Database database;
    private final ModeBoard board;
    private final Outbox outbox;
    private final RequestTraffic traffic;
    private final ReleaseHealth health;
    private final Optional<Supervision> supervision;
    private final Runnable handOver;
    private final Clock clock;
    private final ReleaseLayout layout;
    private final SwitchFiles files;
    private final UpdateStates states;
    private final UpdateOrders orders;
    private final ReleaseRatchet ratchet;
    private final UpdatePolicies policies;
    private final ZoneId zone;
    private final ReleaseDownload download = new ReleaseDownload();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("updater").factory());
    private volatile boolean started;
    private volatile Optional<Checking> checking = Optional.empty();
    private volatile Progress progress = Progress.NONE;
    private int wrongBundles;

    /** Bytes of a download so far, of its total (-1 when the server did not say). */
    record Progress(long bytes, long total) {
        static final Progress NONE = new Progress(0, -1);
    }

    /** A switch whose health this release is checking. */
    private record Checking(SwitchWatch.Pending pending, int minimumSchema, Instant since) {
    }

    /**
     * @param handOver stops this process so that the supervisor starts the release {@code current} now
     *                 points at; called only once the switch is written
     */
    public StoreUpdater(UpdateSettings settings, String storeId, ZoneId zone, Database database, ModeBoard board,
                        Outbox outbox, RequestTraffic traffic, ReleaseHealth health,
                        Optional<Supervision> supervision, Runnable handOver, Clock clock) {
        this.settings = settings;
        this.storeId = storeId;
        this.database = database;
        this.board = board;
        this.outbox = outbox;
        this.traffic = traffic;
        this.health = health;
        this.supervision = supervision;
        this.handOver = handOver;
        this.clock = clock;
        this.layout = new ReleaseLayout(supervision.map(Supervision::releases).orElse(settings.folder()));
        this.files = new SwitchFiles(layout);
        this.states = new UpdateStates(database);
        this.orders = new UpdateOrders(database);
        this.ratchet = new ReleaseRatchet(database);
        this.policies = new UpdatePolicies(new StorePolicies(database, clock), settings.policy());
        this.zone = zone;
    }

    public StoreUpdater start() {
        if (!settings.enabled()) {
            LOG.log(System.Logger.Level.INFO, "no holdfast.updates.release-keys: gateway updates are off");
            return this;
        }
        long every = settings.checkEvery().toMillis();
        timer.scheduleWithFixedDelay(this::tickQuietly, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** For the status page and the heartbeat: the state, what it waits for, the download's progress. */
    public Map<String, Object> report() {
        UpdateStatus status = states.current();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("state", status.state().name());
        report.put("version", status.version());
        report.put("detail", status.detail());
        report.put("since", status.since().toString());
        report.put("running", supervision.map(Supervision::version).orElse("unsupervised"));
        report.put("enabled", settings.enabled());
        if (status.state() == UpdateState.DOWNLOADING) {
            Progress now = progress;
            report.put("bytes", now.bytes());
            if (now.total() > 0) {
                report.put("total", now.total());
                report.put("percent", Math.min(100, now.bytes() * 100 / now.total()));
            }
        }
        return report;
    }

    /** The highest release number this store has accepted; 0 before the first. */
    public long highestAccepted() {
        return ratchet.highestAccepted();
    }

    /** The store's schema version: the newest migration applied. */
    public int schemaVersion() {
        return database.schemaVersion();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException | IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the updater's step failed; it tries again in "
                    + settings.checkEvery().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void tick() throws IOException, InterruptedException {
        if (!started) {
            afterStart();
            started = true;
        }
        Optional<Checking> now = checking;
        if (now.isPresent()) {
            checkHealth(now.get());
            return;
        }
        takeFromUsb();
        Optional<ReleaseManifest> staged = staged();
        Optional<ReleaseAnnouncement> next = orders.next();
        // A newer release announced while one waits at the gate takes its place (a fix through a freeze, say).
        if (next.isPresent() && staged.filter(waiting -> waiting.release() >= next.get().release()).isEmpty()) {
            fetchAndStage(next.get());
        } else if (staged.isPresent()) {
            atTheGate(staged.get());
        }
    }

    /** Reports a rollback the supervisor made; starts the health check if this release was just switched to. */
    private void afterStart() throws IOException {
        Optional<SwitchFiles.RolledBack> back = files.takeRolledBack();
        if (back.isPresent()) {
            states.move(UpdateState.ROLLED_BACK, back.get().version(), back.get().reason(), clock.instant());
            LOG.log(System.Logger.Level.WARNING, "release {0} was rolled back to {1}: {2}", back.get().version(),
                    back.get().back(), back.get().reason());
        }
        if (supervision.isEmpty()) {
            return;
        }
        String running = supervision.get().version();
        Optional<SwitchWatch.Pending> pending = files.pending().filter(p -> p.version().equals(running));
        if (pending.isPresent() && !files.confirmed(running)) {
            int minimumSchema = readStagedManifest(running).map(ReleaseManifest::minimumSchema).orElse(0);
            health.announceSwitch(pending.get());
            checking = Optional.of(new Checking(pending.get(), minimumSchema, clock.instant()));
            states.move(UpdateState.CHECKING, running, "checking its health on business results (within "
                    + settings.healthWindow().toSeconds() + " s)", clock.instant());
        }
    }

    private void checkHealth(Checking run) throws IOException {
        List<ReleaseHealth.Check> checks = health.evaluate(run.pending(), run.minimumSchema(), run.since());
        String version = run.pending().version();
        Files.writeString(layout.content(version).resolveSibling("health.json"), CoreJson.write(checks),
                StandardCharsets.UTF_8);
        List<String> failing = checks.stream().filter(check -> !check.passed()).map(ReleaseHealth.Check::name).toList();
        if (failing.isEmpty()) {
            files.confirm(version, clock.instant());
            checking = Optional.empty();
            states.move(UpdateState.INSTALLED, version, "passed its health check: " + String.join("; ",
                    checks.stream().map(ReleaseHealth.Check::detail).toList()), clock.instant());
            LOG.log(System.Logger.Level.INFO, "release {0} passed its health check and is confirmed", version);
        } else {
            states.move(UpdateState.CHECKING, version, "waiting for: " + String.join(", ", failing), clock.instant());
        }
    }

    /** The release staged and not yet installed, if any: its files are checked again before it is used. */
    private Optional<ReleaseManifest> staged() throws IOException {
        UpdateStatus status = states.current();
        if (status.state() != UpdateState.STAGED && status.state() != UpdateState.WAITING) {
            return Optional.empty();
        }
        return readStagedManifest(status.version());
    }

    private Optional<ReleaseManifest> readStagedManifest(String version) throws IOException {
        Path manifest = layout.content(version).resolveSibling("manifest.json");
        if (!Files.exists(manifest)) {
            return Optional.empty();
        }
        return Optional.of(ReleaseManifestJson.read(Files.readAllBytes(manifest)));
    }

    /**
     * Takes the bundles a manager handed over with {@code holdfast update install} ({@code usb/*.zip}):
     * each is moved to {@code usb/taken/} and announced, so it goes through the same checks and gate.
     */
    private void takeFromUsb() throws IOException {
        Path inbox = layout.root().resolve("usb");
        if (!Files.isDirectory(inbox)) {
            return;
        }
        List<Path> bundles;
        try (var list = Files.list(inbox)) {
            bundles = list.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        for (Path bundle : bundles) {
            Path taken = Files.createDirectories(inbox.resolve("taken")).resolve(bundle.getFileName());
            Files.move(bundle, taken, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            String name = bundle.getFileName().toString();
            long release;
            try {
                release = ReleaseManifestJson.read(ReleaseBundle.read(taken).manifestJson()).release();
            } catch (IOException | IllegalArgumentException e) {
                ReleaseVerdict.Refused refused = new ReleaseVerdict.Refused(ReleaseRefusal.MALFORMED, e.getMessage());
                ratchet.refused(refused, name, clock.instant());
                states.move(UpdateState.REFUSED, name, refused.refusal().code() + ": " + e.getMessage(),
                        clock.instant());
                continue;
            }
            orders.announce(new ReleaseAnnouncement(release, taken.toString(), ReleaseFiles.sha256(taken), false,
                    "usb"), "manager", clock.instant());
        }
    }

    private void fetchAndStage(ReleaseAnnouncement announcement) throws IOException, InterruptedException {
        String what = "release " + announcement.release();
        Path bundle;
        if (announcement.download()) {
            if (settings.server().isEmpty()) {
                refuse(announcement, what, ReleaseRefusal.MALFORMED, "announced for download, but no"
                        + " holdfast.updates.server is set");
                return;
            }
            states.move(UpdateState.DOWNLOADING, what, "from " + settings.server().get(), clock.instant());
            progress = Progress.NONE;
            try {
                bundle = download.fetch(settings.server().get(), announcement.bundle(), layout.root().resolve("downloads"),
                        total -> progress = new Progress(progress.bytes(), total),
                        bytes -> progress = new Progress(bytes, progress.total())).file();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "downloading {0} failed ({1}); it goes on from where it"
                        + " stopped on the next try", announcement.bundle(), e.getMessage());
                return;
            }
        } else {
            bundle = Path.of(announcement.bundle());
        }
        if (!ReleaseFiles.sha256(bundle).equals(announcement.sha256())) {
            wrongBundles++;
            if (announcement.download()) {
                Files.delete(bundle); // not the announced bundle: never opened, fetched again
            }
            if (wrongBundles < FETCH_TRIES && announcement.download()) {
                LOG.log(System.Logger.Level.WARNING, "{0} is not the bundle announced (its SHA-256 differs);"
                        + " fetching it again", announcement.bundle());
                return;
            }
            refuse(announcement, what, ReleaseRefusal.BUNDLE_MISMATCH, announcement.bundle()
                    + " does not have the SHA-256 announced (" + wrongBundles + " tries)");
            return;
        }
        wrongBundles = 0;
        stage(announcement, bundle);
    }

    private void stage(ReleaseAnnouncement announcement, Path bundle) throws IOException {
        String what = "release " + announcement.release();
        ReleaseBundle.Contents contents;
        try {
            contents = ReleaseBundle.read(bundle);
        } catch (IOException e) {
            refuse(announcement, what, ReleaseRefusal.MALFORMED, e.getMessage());
            return;
        }
        ReleaseVerdict verdict = new ReleaseCheck(settings.trust()).judge(contents.manifestJson(),
                contents.signatures(), facts(), clock.instant());
        if (verdict instanceof ReleaseVerdict.Refused refused) {
            refuse(announcement, what, refused.refusal(), refused.reason());
            return;
        }
        ReleaseVerdict.Accepted accepted = (ReleaseVerdict.Accepted) verdict;
        ReleaseManifest manifest = accepted.manifest();
        Path content = layout.content(manifest.version());
        if (layout.current().filter(manifest.version()::equals).isPresent()) {
            refuse(announcement, manifest.version(), ReleaseRefusal.NOT_NEWER, "release " + manifest.version()
                    + " is the one running");
            return;
        }
        try {
            ReleaseBundle.extract(bundle, manifest, content.getParent());
            Optional<String> mismatch = ReleaseFiles.mismatch(manifest, content);
            if (mismatch.isPresent()) {
                refuse(announcement, manifest.version(), ReleaseRefusal.FILE_MISMATCH, mismatch.get());
                return;
            }
            Files.write(content.resolveSibling("manifest.json"), contents.manifestJson());
        } catch (IOException e) {
            refuse(announcement, manifest.version(), ReleaseRefusal.STAGING_FAILED, "its files could not be written"
                    + " to " + content + " (" + e.getMessage() + "); the running release goes on");
            return;
        }
        // Trust state is saved only now, after every check has passed.
        ratchet.accept(accepted, clock.instant());
        orders.handled(announcement);
        states.move(UpdateState.STAGED, manifest.version(), "checked and staged from " + announcement.source()
                + " (signed by " + String.join(", ", accepted.signers()) + ")", clock.instant());
    }

    private ReleaseCheck.StoreFacts facts() {
        return new ReleaseCheck.StoreFacts(storeId, settings.cohorts(), ratchet.highestAccepted(), schemaVersion());
    }

    private void refuse(ReleaseAnnouncement announcement, String what, ReleaseRefusal refusal, String reason) {
        ReleaseVerdict.Refused refused = new ReleaseVerdict.Refused(refusal, reason);
        ratchet.refused(refused, what, clock.instant());
        orders.handled(announcement);
        states.move(UpdateState.REFUSED, what, refusal.code() + ": " + reason, clock.instant());
        LOG.log(System.Logger.Level.WARNING, "refused {0} ({1}): {2}", what, refusal.code(), reason);
    }

    private void atTheGate(ReleaseManifest manifest) throws IOException {
        UpdateGate.StoreNow now = new UpdateGate.StoreNow(clock.instant(), traffic.lastEnded(), traffic.inFlight(),
                board.all().stream().filter(s -> s.state() == CapabilityState.RESTORING)
                        .map(s -> s.capability().name()).toList(),
                outbox.backlog().values().stream().mapToLong(Long::longValue).sum(), orders.freezeUntil());
        List<String> reasons = new ArrayList<>();
        UpdateGate gate = new UpdateGate(policies.inForce().gate(zone));
        if (gate.decide(now, manifest.fix(), orders.urgent(manifest.release())) instanceof UpdateGate.Decision.Wait wait) {
            reasons.addAll(wait.reasons());
        }
        if (supervision.isEmpty()) {
            reasons.add("a supervisor to switch releases (this gateway was not started by holdfast supervise)");
        }
        if (!reasons.isEmpty()) {
            states.move(UpdateState.WAITING, manifest.version(), String.join("; ", reasons), clock.instant());
            return;
        }
        install(manifest);
    }

    private void install(ReleaseManifest manifest) throws IOException {
        String version = manifest.version();
        Path content = layout.content(version);
        Optional<String> mismatch = ReleaseFiles.mismatch(manifest, content);
        if (mismatch.isPresent()) {
            ReleaseVerdict.Refused refused = new ReleaseVerdict.Refused(ReleaseRefusal.FILE_MISMATCH, mismatch.get());
            ratchet.refused(refused, version, clock.instant());
            states.move(UpdateState.REFUSED, version, refused.refusal().code() + ": staged files changed: "
                    + mismatch.get(), clock.instant());
            return;
        }
        states.move(UpdateState.INSTALLING, version, "switching from " + supervision.orElseThrow().version(),
                clock.instant());
        Map<String, String> before = new LinkedHashMap<>();
        for (CapabilityStatus status : board.all()) {
            before.put(status.capability().name(), status.state().name());
        }
        files.writePending(new SwitchWatch.Pending(version, supervision.orElseThrow().version(), clock.instant(), 0,
                before));
        layout.switchTo(version);
        LOG.log(System.Logger.Level.INFO, "switched to release {0}; handing over to the supervisor", version);
        handOver.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
