package io.holdfast.regional.rollout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.Refused;
import io.holdfast.regional.command.Approvals;
import io.holdfast.regional.command.CommandBook;
import io.holdfast.regional.command.Draft;
import io.holdfast.regional.command.PlanCommands;
import io.holdfast.regional.command.PlanTable;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.fleet.StoreReport;
import io.holdfast.regional.operator.Operators;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseManifest;
import io.holdfast.release.ReleaseManifestJson;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Rollouts of a signed release bundle, group by group, kept in the console's database. As with a
 * restoration, the operator who asks signs an UPDATE_AVAILABLE for each store and the approver adds
 * their signature to every one (stores refuse a release announcement with one signature); then
 * {@link RolloutRule} advances, waits or halts on what the heartbeats report. A cancelled rollout
 * sends nothing more, and the canceller's FREEZE holds the stores that were told but had not started.
 */
public final class RolloutPlans {

    private static final System.Logger LOG = System.getLogger(RolloutPlans.class.getName());

    /** A rollout as the page shows it. */
    public record Rollout(String id, String bundle, String version, long release, String state, int group, int groups,
                          String detail, Map<String, Long> outcomes, String requestedBy, String approvedBy) {
    }

    /** What an operator asks for. */
    public record Request(Path bundle, Optional<String> cohort, List<Integer> percentages,
                          RolloutRule.Thresholds thresholds, boolean urgent) {
    }

    private final Database database;
    private final CommandBook commands;
    private final PlanCommands signed;
    private final FleetView fleet;
    private final Clock clock;
    private final Duration validity;

    public RolloutPlans(Database database, CommandBook commands, FleetView fleet, Clock clock, Duration validity) {
        this.database = database;
        this.commands = commands;
        this.signed = new PlanCommands(database, commands);
        this.fleet = fleet;
        this.clock = clock;
        this.validity = validity;
    }

    public Rollout request(Operators.Unlocked requester, Request request) {
        ReleaseManifest manifest;
        String sha256;
        try {
            if (!Files.isRegularFile(request.bundle())) {
                throw new Refused(422, "bundle-not-found", "no release bundle at " + request.bundle()
                        + " on the console's machine");
            }
            manifest = ReleaseManifestJson.read(ReleaseBundle.read(request.bundle()).manifestJson());
            sha256 = ReleaseFiles.sha256(request.bundle());
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused(422, "bundle-unreadable", request.bundle() + " is not a release bundle: " + e.getMessage());
        }
        List<String> stores = fleet.register().all().stream()
                .filter(s -> request.cohort().map(c -> s.cohorts().contains(c)).orElse(true))
                .map(RegisteredStore::id).toList();
        if (stores.isEmpty()) {
            throw new Refused(422, "cohort-empty", "no store of the register is in cohort " + request.cohort().orElse(""));
        }
        List<List<String>> groups = request.cohort().isPresent() ? List.of(stores)
                : RolloutRule.groups(stores, request.percentages());
        String id = "rollout-" + UUID.randomUUID().toString().substring(0, 8);
        String operator = requester.operator().id();
        String bundleName = request.bundle().getFileName().toString();
        long first = commands.reserve(operator, stores.size());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("release", manifest.release());
        fields.put("bundle", bundleName);
        fields.put("sha256", sha256);
        fields.put("urgent", request.urgent());
        List<Draft> drafts = new ArrayList<>();
        List<Integer> plannedGroups = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String store : groups.get(g)) {
                drafts.add(commands.draft(requester.signer(), first + drafts.size(), store, "UPDATE_AVAILABLE", fields,
                        validity, Set.of(), Optional.empty()));
                plannedGroups.add(g);
            }
        }
        RolloutRule.Thresholds t = request.thresholds();
        database.inTransaction("request " + id, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO rollouts (id, bundle, release_number, sha256, version, group_count, success_percent,
                        max_failures, max_failure_percent, minimum_tried, state, current_group, detail, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_APPROVAL', -1, ?, ?)""")) {
                insert.setString(1, id);
                insert.setString(2, bundleName);
                insert.setLong(3, manifest.release());
                insert.setString(4, sha256);
                insert.setString(5, manifest.version());
                insert.setInt(6, groups.size());
                insert.setInt(7, t.successPercent());
                insert.setInt(8, t.maxFailures());
                insert.setInt(9, t.maxFailurePercent());
                insert.setInt(10, t.minimumTried());
                insert.setString(11, "waits for an approver");
                insert.setString(12, Timestamps.format(clock.instant()));
                insert.executeUpdate();
            }
            PlanCommands.record(connection, id, drafts, plannedGroups);
            Approvals.request(connection, id, "ROLLOUT", "release " + manifest.version() + " (" + manifest.release()
                    + ") to " + stores.size() + " stores in " + groups.size() + " groups", operator, clock.instant());
            return null;
        });
        return find(id).orElseThrow();
    }

    public Rollout decide(Operators.Unlocked approver, String id, boolean approve) {
        database.inTransaction("decide " + id, connection -> PlanTable.ROLLOUTS.decide(connection, id, approver, approve,
                "CANCELLED", clock));
        return find(id).orElseThrow();
    }

    /** Pause, resume or cancel. */
    public Rollout control(Operators.Unlocked operator, String id, String action) {
        Rollout rollout = find(id).orElseThrow(() -> new Refused(404, "rollout-not-found", "no rollout " + id));
        String next = switch (action) {
            case "pause" -> rollout.state().equals("RUNNING") ? "PAUSED" : null;
            case "resume" -> rollout.state().equals("PAUSED") ? "RUNNING" : null;
            case "cancel" -> Set.of("RUNNING", "PAUSED", "HALTED", "AWAITING_APPROVAL").contains(rollout.state())
                    ? "CANCELLED" : null;
            default -> throw new Refused(404, "action-unknown", "a rollout can be paused, resumed or cancelled");
        };
        if (next == null) {
            throw new Refused(409, "rollout-state", id + " is " + rollout.state() + "; it cannot " + action);
        }
        String who = operator.operator().id();
        database.inTransaction(action + " " + id, connection -> {
            PlanTable.ROLLOUTS.setState(connection, id, next, action + " by " + who);
            AuditLog.append(connection, clock.instant(), who, "ROLLOUT_" + action.toUpperCase(), id, Map.of());
            return null;
        });
        if (next.equals("CANCELLED")) {
            freezeTold(operator, rollout);
        }
        return find(id).orElseThrow();
    }

    /** Stores told of the release that have not started it are frozen, so a cancelled rollout starts nowhere new. */
    private void freezeTold(Operators.Unlocked operator, Rollout rollout) {
        String who = operator.operator().id();
        List<String> told = members(rollout).stream().filter(m -> m.outcome() == RolloutRule.Outcome.PENDING
                || m.outcome() == RolloutRule.Outcome.WAITING).map(RolloutRule.Member::store).toList();
        if (told.isEmpty()) {
            return;
        }
        long first = commands.reserve(who, told.size());
        for (int i = 0; i < told.size(); i++) {
            Draft freeze = commands.draft(operator.signer(), first + i, told.get(i), "FREEZE",
                    Map.of("until", clock.instant().plus(validity).toString(), "reason", rollout.id() + " cancelled"),
                    validity, Set.of(), Optional.empty());
            commands.publish(freeze, rollout.id() + "/freeze", "store:" + told.get(i), "freeze: " + rollout.id()
                    + " cancelled", who,
                    Optional.empty(), List.of(told.get(i)));
        }
    }

    public void tick() {
        for (Rollout rollout : rollouts()) {
            if (rollout.state().equals("RUNNING")) {
                try {
                    step(rollout);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "rollout " + rollout.id() + " could not take its step", e);
                }
            }
        }
    }

    private void step(Rollout rollout) {
        PlanCommands.Publishing how = publishing(rollout);
        signed.resendUnrecorded(rollout.id(), how);
        RolloutRule.Decision decision = RolloutRule.decide(members(rollout), rollout.group(), rollout.groups(),
                thresholds(rollout.id()));
        switch (decision) {
            case RolloutRule.Decision.Wait wait -> database.inTransaction("note " + rollout.id(),
                    c -> PlanTable.ROLLOUTS.setDetail(c, rollout.id(), wait.reason()));
            case RolloutRule.Decision.Halt halt -> database.inTransaction("halt " + rollout.id(), c -> {
                PlanTable.ROLLOUTS.setState(c, rollout.id(), "HALTED", halt.reason());
                AuditLog.append(c, clock.instant(), "console", "ROLLOUT_HALTED", rollout.id(),
                        Map.of("reason", halt.reason()));
                return null;
            });
            case RolloutRule.Decision.Done done -> database.inTransaction("finish " + rollout.id(), c -> {
                PlanTable.ROLLOUTS.setState(c, rollout.id(), "DONE", done.reason());
                AuditLog.append(c, clock.instant(), "console", "ROLLOUT_DONE", rollout.id(), Map.of());
                return null;
            });
            case RolloutRule.Decision.Send send -> {
                List<String> group = signed.entries(rollout.id()).stream()
                        .filter(e -> e.plannedStep().orElse(-1) == send.group()).map(PlanCommands.Entry::store).toList();
                database.inTransaction("group " + (send.group() + 1) + " of " + rollout.id(), c -> {
                    PlanCommands.markSent(c, rollout.id(), group, send.group() + 1, clock.instant());
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE rollouts SET current_group = ?, detail = ? WHERE id = ?")) {
                        update.setInt(1, send.group());
                        update.setString(2, "group " + (send.group() + 1) + " told: " + send.reason());
                        update.setString(3, rollout.id());
                        return update.executeUpdate();
                    }
                });
                signed.publish(rollout.id(), group, how);
            }
        }
    }


    private static PlanCommands.Publishing publishing(Rollout rollout) {
        return new PlanCommands.Publishing("UPDATE_AVAILABLE", Set.of(), Optional.empty(), "group",
                "release " + rollout.version(), rollout.requestedBy(), rollout.approvedBy());
    }

    private List<RolloutRule.Member> members(Rollout rollout) {
        List<RolloutRule.Member> members = new ArrayList<>();
        for (PlanCommands.Entry entry : signed.entries(rollout.id())) {
            members.add(new RolloutRule.Member(entry.store(), entry.plannedStep().orElse(0), entry.sent()
                    ? outcome(fleet.report(entry.store()), rollout.version()) : RolloutRule.Outcome.UNSENT));
        }
        return members;
    }

    static RolloutRule.Outcome outcome(Optional<StoreReport> report, String version) {
        if (report.isEmpty() || !version.equals(report.get().update().getOrDefault("version", ""))) {
            return RolloutRule.Outcome.PENDING;
        }
        return switch (report.get().updateState()) {
            case "WAITING" -> RolloutRule.Outcome.WAITING;
            case "DOWNLOADING", "STAGED", "INSTALLING", "CHECKING" -> RolloutRule.Outcome.IN_PROGRESS;
            case "INSTALLED" -> RolloutRule.Outcome.INSTALLED;
            case "ROLLED_BACK", "REFUSED" -> RolloutRule.Outcome.FAILED;
            default -> RolloutRule.Outcome.PENDING;
        };
    }

    private RolloutRule.Thresholds thresholds(String id) {
        return database.read("thresholds of " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT success_percent, max_failures, max_failure_percent, minimum_tried FROM rollouts WHERE id = ?""")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new RolloutRule.Thresholds(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4));
                }
            }
        });
    }

    public Optional<Rollout> find(String id) {
        return rollouts().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<Rollout> rollouts() {
        List<Rollout> plain = database.read("list rollouts", connection -> {
            List<Rollout> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT r.id, r.bundle, r.version, r.release_number, r.state, r.current_group, r.detail,
                           a.requested_by, coalesce(a.decided_by, ''), r.group_count
                    FROM rollouts r JOIN approvals a ON a.id = r.id ORDER BY r.created_at DESC""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(new Rollout(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                            row.getString(5), row.getInt(6), row.getInt(10), row.getString(7), Map.of(),
                            row.getString(8), row.getString(9)));
                }
            }
            return all;
        });
        return plain.stream().map(r -> {
            Map<String, Long> outcomes = new java.util.TreeMap<>();
            members(r).forEach(m -> outcomes.merge(m.outcome().name(), 1L, Long::sum));
            return new Rollout(r.id(), r.bundle(), r.version(), r.release(), r.state(), r.group(), r.groups(),
                    r.detail(), outcomes, r.requestedBy(), r.approvedBy());
        }).toList();
    }
}
