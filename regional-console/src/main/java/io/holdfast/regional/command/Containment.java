package io.holdfast.regional.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.holdfast.regional.Refused;
import io.holdfast.regional.fleet.FleetRegister;
import io.holdfast.regional.fleet.RegisteredStore;
import io.holdfast.regional.operator.Operators;

/**
 * One operator's immediate actions on a target: isolate or restore capabilities, set a notice, a
 * resync rate or a policy. The whole fleet gets one command on the fleet topic; a store, a region
 * or a cohort gets one command per store. Containment never waits for a second person; restoring
 * the whole fleet does, so it goes through {@code WavePlans} instead.
 */
public final class Containment {

    /** What was sent: the commands' ids and the stores they went to. */
    public record Sent(String action, List<String> commands, int stores) {
    }

    private final CommandBook commands;
    private final FleetRegister register;
    private final Duration validity;

    public Containment(CommandBook commands, FleetRegister register, Duration validity) {
        this.commands = commands;
        this.register = register;
        this.validity = validity;
    }

    /**
     * @param expect the capability state that shows a store obeyed, if a heartbeat can show it
     */
    public Sent send(Operators.Unlocked operator, Target target, String type, Map<String, Object> fields,
                     Set<String> capabilities, Optional<String> expect, String summary) {
        if (type.equals("RESTORE") && target instanceof Target.Fleet) {
            throw new Refused(409, "approval-required", "restoring the whole fleet needs an approver and goes in"
                    + " waves: ask for a restoration plan (POST /api/waves, or 'holdfast fleet waves')");
        }
        String who = operator.operator().id();
        List<RegisteredStore> stores = target.stores(register);
        List<String> sent = new ArrayList<>();
        String action = "action-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        if (target instanceof Target.Fleet) {
            Draft draft = commands.draft(operator.signer(), who, "all", type, fields, validity, capabilities, expect);
            commands.publish(draft, action, target.label(), summary, who, Optional.empty(),
                    stores.stream().map(RegisteredStore::id).toList());
            sent.add(draft.id());
        } else {
            long first = commands.reserve(who, stores.size());
            for (int i = 0; i < stores.size(); i++) {
                String store = stores.get(i).id();
                Draft draft = commands.draft(operator.signer(), first + i, store, type, fields, validity, capabilities,
                        expect);
                commands.publish(draft, action, target.label(), summary, who, Optional.empty(), List.of(store));
                sent.add(draft.id());
            }
        }
        return new Sent(action, sent, stores.size());
    }
}
