package io.holdfast.regional.waves;

import java.nio.charset.StandardCharsets;
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
import io.holdfast.mode.Capability;
import io.holdfast.regional.Refused;
import io.holdfast.regional.command.Approvals;
import io.holdfast.regional.command.CommandBook;
import io.holdfast.regional.command.Draft;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.fleet.StoreReport;
import io.holdfast.regional.operator.Operators;
import io.holdfast.store.Database;
import io.holdfast.store.Timestamps;

/**
 * Restorations in waves, kept in the console's database so a restart goes on where it stopped. The
 * operator who asks signs a RESTORE for each store of the fleet; the approver adds their signature
 * to every one; from then on the console publishes them wave by wave as {@link WaveRule} allows,
 * without needing anyone's passphrase again.
 */
public final class WavePlans {

    private static final System.Logger LOG = System.getLogger(WavePlans.class.getName());

    /** A plan as the page shows it. */
    public record Plan(String id, String capability, int storesPerWave, long admittedRate, String state, int wave,
                       String detail, int stores, int sent, int drained, String requestedBy, String approvedBy) {
    }

    private final Database database;
    private final CommandBook commands;
    private final FleetView fleet;
    private final Clock clock;
    private final Duration validity;

    /** @param validity how long the pre-signed RESTOREs stay valid: the longest a restoration may take */
    public WavePlans(Database database, CommandBook commands, FleetView fleet, Clock clock, Duration validity) {
        this.database = database;
        this.commands = commands;
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
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO wave_stores (plan_id, store, position, command_id, envelope) VALUES (?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < drafts.size(); i++) {
                    insert.setString(1, id);
                    insert.setString(2, drafts.get(i).store());
                    insert.setInt(3, i);
                    insert.setString(4, drafts.get(i).id());
                    insert.setString(5, new String(drafts.get(i).envelope(), StandardCharsets.UTF_8));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Approvals.request(connection, id, "WAVES", "restore " + capability + " across the fleet, " + storesPerWave
                    + " stores a wave, under " + admittedRate + " events/s", operator, clock.instant());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** The approver adds their signature to every RESTORE of the plan, and the first wave may go. */
    public Plan decide(Operators.Unlocked approver, String id, boolean approve) {
        database.inTransaction("decide " + id, connection -> {
            Approvals.decide(connection, id, approver.operator().id(), approve, clock);
            if (approve) {
                List<String[]> envelopes = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT store, envelope FROM wave_stores WHERE plan_id = ?")) {
                    select.setString(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            envelopes.add(new String[] {row.getString(1), row.getString(2)});
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE wave_stores SET envelope = ? WHERE plan_id = ? AND store = ?")) {
                    for (String[] envelope : envelopes) {
                        update.setString(1, new String(approver.signer().approve(
                                envelope[1].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
                        update.setString(2, id);
                        update.setString(3, envelope[0]);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
            }
            setState(connection, id, approve ? "RUNNING" : "STOPPED", approve ? "approved by "
                    + approver.operator().id() : "refused by " + approver.operator().id());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** Pause, resume or stop; a stopped plan sends nothing more (what was sent stays sent). */
    public Plan control(String operator, String id, String action) {
        String[] allowed = switch (action) {
            case "pause" -> new String[] {"RUNNING", "PAUSED"};
            case "resume" -> new String[] {"PAUSED", "RUNNING"};
            case "stop" -> new String[] {"", "STOPPED"};
            default -> throw new Refused(404, "action-unknown", "a plan can be paused, resumed or stopped");
        };
        Plan plan = find(id).orElseThrow(() -> new Refused(404, "plan-not-found", "no restoration plan " + id));
        boolean ended = plan.state().equals("DONE") || plan.state().equals("STOPPED");
        if (ended || (!allowed[0].isEmpty() && !plan.state().equals(allowed[0]))) {
            throw new Refused(409, "plan-state", id + " is " + plan.state() + "; it cannot " + action);
        }
        database.inTransaction(action + " " + id, connection -> {
            setState(connection, id, allowed[1], action + " by " + operator);
            AuditLog.append(connection, clock.instant(), operator, "WAVES_" + action.toUpperCase(), id, Map.of());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** One step of every running plan: called once a second. */
    public void tick() {
        for (Plan plan : plans()) {
            if (!plan.state().equals("RUNNING")) {
                continue;
            }
            try {
                step(plan);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "restoration " + plan.id() + " could not take its step", e);
            }
        }
    }

    private void step(Plan plan) {
        resendUnrecorded(plan);
        List<WaveRule.Member> members = members(plan.id(), plan.capability());
        WaveRule.Decision decision = WaveRule.decide(members, plan.wave(), plan.storesPerWave(),
                fleet.totals().eventsPerSecond(), plan.admittedRate(), plan.capability());
        switch (decision) {
            case WaveRule.Decision.Wait wait -> database.inTransaction("note " + plan.id(), c -> {
                setDetail(c, plan.id(), wait.reason());
                return null;
            });
            case WaveRule.Decision.Done done -> database.inTransaction("finish " + plan.id(), c -> {
                setState(c, plan.id(), "DONE", done.reason());
                AuditLog.append(c, clock.instant(), "console", "WAVES_DONE", plan.id(), Map.of());
                return null;
            });
            case WaveRule.Decision.Send send -> send(plan, send);
        }
    }

    private void send(Plan plan, WaveRule.Decision.Send send) {
        database.inTransaction("wave " + send.wave() + " of " + plan.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE wave_stores SET wave = ?, sent_at = ? WHERE plan_id = ? AND store = ?""")) {
                for (String store : send.stores()) {
                    update.setInt(1, send.wave());
                    update.setString(2, Timestamps.format(clock.instant()));
                    update.setString(3, plan.id());
                    update.setString(4, store);
                    update.addBatch();
                }
                update.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE wave_plans SET wave = ?, detail = ? WHERE id = ?")) {
                update.setInt(1, send.wave());
                update.setString(2, "wave " + send.wave() + " sent to " + send.stores().size() + " stores: "
                        + send.reason());
                update.setString(3, plan.id());
                update.executeUpdate();
            }
            return null;
        });
        publishAll(plan, send.stores(), send.wave());
    }

    /**
     * Stores marked sent whose command was never recorded: the console stopped between the two.
     * They are published now; a store that did get it refuses the copy as a replay, so each store
     * obeys its RESTORE once.
     */
    private void resendUnrecorded(Plan plan) {
        List<String> unrecorded = database.read("unrecorded sends of " + plan.id(), connection -> {
            List<String> stores = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT store FROM wave_stores s WHERE plan_id = ? AND sent_at IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM commands c WHERE c.id = s.command_id)""")) {
                select.setString(1, plan.id());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        stores.add(row.getString(1));
                    }
                }
            }
            return stores;
        });
        if (!unrecorded.isEmpty()) {
            publishAll(plan, unrecorded, plan.wave());
        }
    }

    private void publishAll(Plan plan, List<String> stores, int wave) {
        Map<String, String[]> signed = envelopes(plan.id(), stores);
        for (String store : stores) {
            String[] envelope = signed.get(store);
            Draft draft = new Draft(envelope[0], "RESTORE", store, envelope[1].getBytes(StandardCharsets.UTF_8),
                    Set.of(plan.capability()), Optional.of("RESTORING"));
            commands.publish(draft, plan.id() + "/wave-" + wave, "store:" + store, "restore " + plan.capability()
                    + ", wave " + wave
                    + " of " + plan.id(), plan.requestedBy(), Optional.of(plan.approvedBy()), List.of(store));
        }
    }

    private Map<String, String[]> envelopes(String id, List<String> stores) {
        return database.read("envelopes of " + id, connection -> {
            Map<String, String[]> signed = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT command_id, envelope FROM wave_stores WHERE plan_id = ? AND store = ?")) {
                for (String store : stores) {
                    select.setString(1, id);
                    select.setString(2, store);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        signed.put(store, new String[] {row.getString(1), row.getString(2)});
                    }
                }
            }
            return signed;
        });
    }

    private List<WaveRule.Member> members(String id, String capability) {
        return database.read("members of " + id, connection -> {
            List<WaveRule.Member> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT store, position, coalesce(wave, 0) FROM wave_stores WHERE plan_id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String store = row.getString(1);
                        Optional<FleetView.Row> seen = fleet.row(store);
                        boolean online = seen.map(r -> !r.offline()).orElse(false);
                        Optional<StoreReport> report = seen.flatMap(FleetView.Row::report);
                        members.add(new WaveRule.Member(store, row.getInt(2), row.getInt(3), online,
                                report.flatMap(r -> r.state(capability)).orElse("UNKNOWN"),
                                report.map(r -> r.backlog(capability)).orElse(0L)));
                    }
                }
            }
            return members;
        });
    }

    public Optional<Plan> find(String id) {
        return plans().stream().filter(plan -> plan.id().equals(id)).findFirst();
    }

    public List<Plan> plans() {
        return database.read("list restoration plans", connection -> {
            List<Plan> plans = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT p.id, p.capability, p.stores_per_wave, p.admitted_rate, p.state, p.wave, p.detail,
                           (SELECT count(*) FROM wave_stores s WHERE s.plan_id = p.id),
                           (SELECT count(*) FROM wave_stores s WHERE s.plan_id = p.id AND s.sent_at IS NOT NULL),
                           a.requested_by, coalesce(a.decided_by, '')
                    FROM wave_plans p JOIN approvals a ON a.id = p.id ORDER BY p.created_at DESC""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String id = row.getString(1);
                    plans.add(new Plan(id, row.getString(2), row.getInt(3), row.getLong(4), row.getString(5),
                            row.getInt(6), row.getString(7), row.getInt(8), row.getInt(9), 0, row.getString(10),
                            row.getString(11)));
                }
            }
            return plans.stream().map(this::withDrained).toList();
        });
    }

    private Plan withDrained(Plan plan) {
        List<WaveRule.Member> members = members(plan.id(), plan.capability());
        int drained = (int) members.stream().filter(m -> m.wave() > 0 && m.drained()).count();
        return new Plan(plan.id(), plan.capability(), plan.storesPerWave(), plan.admittedRate(), plan.state(),
                plan.wave(), plan.detail(), plan.stores(), plan.sent(), drained, plan.requestedBy(), plan.approvedBy());
    }

    private static void setState(java.sql.Connection connection, String id, String state, String detail)
            throws java.sql.SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE wave_plans SET state = ?, detail = ? WHERE id = ?")) {
            update.setString(1, state);
            update.setString(2, detail);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    private static void setDetail(java.sql.Connection connection, String id, String detail)
            throws java.sql.SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE wave_plans SET detail = ? WHERE id = ?")) {
            update.setString(1, detail);
            update.setString(2, id);
            update.executeUpdate();
        }
    }
}
