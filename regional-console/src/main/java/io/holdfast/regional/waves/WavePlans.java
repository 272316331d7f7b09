package io.holdfast.regional.waves;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.holdfast.audit.AuditLog;
import io.holdfast.mode.Capability;
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
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Restorations in waves, kept in the console's database so a restart goes on where it stopped. The
 * operator who asks signs a RESTORE for each store of the fleet; the approver adds their signature
 * to every one ({@link PlanCommands}); from then on the console publishes them wave by wave as
 * {@link WaveRule} allows, without needing anyone's passphrase again.
 */
public final class WavePlans {

    private static final System.Logger LOG = System.getLogger(WavePlans.class.getName());

    /** A plan as the page shows it. */
    public record Plan(String id, String capability, int storesPerWave, long admittedRate, String state, int wave,
                       String detail, int stores, int sent, int drained, String requestedBy, String approvedBy) {
    }

    private final Database database;
    private final CommandBook commands;
    private final PlanCommands signed;
    private final FleetView fleet;
    private final Clock clock;
    private final Duration validity;

    /** @param validity how long the pre-signed RESTOREs stay valid: the longest a restoration may take */
    public WavePlans(Database database, CommandBook commands, FleetView fleet, Clock clock, Duration validity) {
        this.database = database;
        this.commands = commands;
        this.signed = new PlanCommands(database, commands);
        this.fleet = fleet;
        this.clock = clock;
        this.validity = validity;
    }

    /** Asks for a fleet-wide restoration of one capability, {@code storesPerWave} stores at a time. */
    public Plan request(Operators.Unlocked requester, Capability capability, int storesPerWave, long admittedRate) {
        if (storesPerWave < 1 || admittedRate < 1) {
            throw new Refused(422, "waves-invalid", "stores per wave and the admitted rate must be positive");
        }
        String id = "waves-" + UUID.randomUUID().toString().substring(0, 8);
        String operator = requester.operator().id();
        List<RegisteredStore> stores = fleet.register().all();
        long first = commands.reserve(operator, stores.size());
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            drafts.add(commands.draft(requester.signer(), first + i, stores.get(i).id(), "RESTORE",
                    Map.of("capabilities", List.of(capability.name()), "reason", "restoration in waves " + id),
                    validity, Set.of(capability.name()), Optional.of("RESTORING")));
        }
        database.inTransaction("request " + id, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO wave_plans (id, capability, stores_per_wave, admitted_rate, state, created_at)
                    VALUES (?, ?, ?, ?, 'AWAITING_APPROVAL', ?)""")) {
                insert.setString(1, id);
                insert.setString(2, capability.name());
                insert.setInt(3, storesPerWave);
                insert.setLong(4, admittedRate);
                insert.setString(5, Timestamps.format(clock.instant()));
                insert.executeUpdate();
            }
            PlanCommands.record(connection, id, drafts, List.of());
            Approvals.request(connection, id, "WAVES", "restore " + capability + " across the fleet, " + storesPerWave
                    + " stores a wave, under " + admittedRate + " events/s", operator, clock.instant());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** The approver adds their signature to every RESTORE of the plan, and the first wave may go. */
    public Plan decide(Operators.Unlocked approver, String id, boolean approve) {
        database.inTransaction("decide " + id, connection -> PlanTable.WAVES.decide(connection, id, approver, approve,
                "STOPPED", clock));
        return find(id).orElseThrow();
    }

    /** Pause, resume or stop; a stopped plan sends nothing more (what was sent stays sent). */
    public Plan control(String operator, String id, String action) {
        Plan plan = find(id).orElseThrow(() -> new Refused(404, "plan-not-found", "no restoration plan " + id));
        String next = switch (action) {
            case "pause" -> plan.state().equals("RUNNING") ? "PAUSED" : null;
            case "resume" -> plan.state().equals("PAUSED") ? "RUNNING" : null;
            case "stop" -> Set.of("RUNNING", "PAUSED", "AWAITING_APPROVAL").contains(plan.state()) ? "STOPPED" : null;
            default -> throw new Refused(404, "action-unknown", "a plan can be paused, resumed or stopped");
        };
        if (next == null) {
            throw new Refused(409, "plan-state", id + " is " + plan.state() + "; it cannot " + action);
        }
        database.inTransaction(action + " " + id, connection -> {
            PlanTable.WAVES.setState(connection, id, next, action + " by " + operator);
            AuditLog.append(connection, clock.instant(), operator, "WAVES_" + action.toUpperCase(), id, Map.of());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** One step of every running plan: called once a second. */
    public void tick() {
        for (Plan plan : plans()) {
            if (plan.state().equals("RUNNING")) {
                try {
                    step(plan);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "restoration " + plan.id() + " could not take its step", e);
                }
            }
        }
    }

    private void step(Plan plan) {
        PlanCommands.Publishing how = publishing(plan);
        signed.resendUnrecorded(plan.id(), how);
        WaveRule.Decision decision = WaveRule.decide(members(plan.id(), plan.capability()), plan.wave(),
                plan.storesPerWave(), fleet.totals().eventsPerSecond(), plan.admittedRate(), plan.capability());
        switch (decision) {
            case WaveRule.Decision.Wait wait -> database.inTransaction("note " + plan.id(),
                    c -> PlanTable.WAVES.setDetail(c, plan.id(), wait.reason()));
            case WaveRule.Decision.Done done -> database.inTransaction("finish " + plan.id(), c -> {
                PlanTable.WAVES.setState(c, plan.id(), "DONE", done.reason());
                AuditLog.append(c, clock.instant(), "console", "WAVES_DONE", plan.id(), Map.of());
                return null;
            });
            case WaveRule.Decision.Send send -> {
                database.inTransaction("wave " + send.wave() + " of " + plan.id(), connection -> {
                    PlanCommands.markSent(connection, plan.id(), send.stores(), send.wave(), clock.instant());
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE wave_plans SET wave = ?, detail = ? WHERE id = ?")) {
                        update.setInt(1, send.wave());
                        update.setString(2, "wave " + send.wave() + " sent to " + send.stores().size() + " stores: "
                                + send.reason());
                        update.setString(3, plan.id());
                        return update.executeUpdate();
                    }
                });
                signed.publish(plan.id(), send.stores(), how);
            }
        }
    }

    private static PlanCommands.Publishing publishing(Plan plan) {
        return new PlanCommands.Publishing("RESTORE", Set.of(plan.capability()), Optional.of("RESTORING"), "wave",
                "restore " + plan.capability(), plan.requestedBy(), plan.approvedBy());
    }

    private List<WaveRule.Member> members(String id, String capability) {
        List<WaveRule.Member> members = new ArrayList<>();
        for (PlanCommands.Entry entry : signed.entries(id)) {
            Optional<FleetView.Row> seen = fleet.row(entry.store());
            Optional<StoreReport> report = seen.flatMap(FleetView.Row::report);
            members.add(new WaveRule.Member(entry.store(), entry.position(), entry.step().orElse(0),
                    seen.map(r -> !r.offline()).orElse(false), report.flatMap(r -> r.state(capability)).orElse("UNKNOWN"),
                    report.map(r -> r.backlog(capability)).orElse(0L)));
        }
        return members;
    }

    public Optional<Plan> find(String id) {
        return plans().stream().filter(plan -> plan.id().equals(id)).findFirst();
    }

    public List<Plan> plans() {
        List<Plan> plans = database.read("list restoration plans", connection -> {
            List<Plan> all = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT p.id, p.capability, p.stores_per_wave, p.admitted_rate, p.state, p.wave, p.detail,
                           a.requested_by, coalesce(a.decided_by, '')
                    FROM wave_plans p JOIN approvals a ON a.id = p.id ORDER BY p.created_at DESC""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(new Plan(row.getString(1), row.getString(2), row.getInt(3), row.getLong(4),
                            row.getString(5), row.getInt(6), row.getString(7), 0, 0, 0, row.getString(8),
                            row.getString(9)));
                }
            }
            return all;
        });
        return plans.stream().map(this::counted).toList();
    }

    private Plan counted(Plan plan) {
        List<WaveRule.Member> members = members(plan.id(), plan.capability());
        int sent = (int) members.stream().filter(m -> m.wave() > 0).count();
        int drained = (int) members.stream().filter(m -> m.wave() > 0 && m.drained()).count();
        return new Plan(plan.id(), plan.capability(), plan.storesPerWave(), plan.admittedRate(), plan.state(),
                plan.wave(), plan.detail(), members.size(), sent, drained, plan.requestedBy(), plan.approvedBy());
    }
}
