package io.holdfast.regional;

import io.holdfast.audit.AuditLog;
import io.holdfast.regional.command.Approvals;
import io.holdfast.regional.command.CommandBook;
import io.holdfast.regional.command.Containment;
import io.holdfast.regional.fleet.FleetView;
import io.holdfast.regional.fleet.StoreEvents;
import io.holdfast.regional.operator.Operators;
import io.holdfast.regional.operator.Sessions;
import io.holdfast.regional.rollout.RolloutPlans;
import io.holdfast.regional.waves.RateHistory;
import io.holdfast.regional.waves.WavePlans;

/** The console's parts, wired once by {@link RegionalConsole} and handed to its routes. */
public record ConsoleServices(FleetView fleet, StoreEvents events, Operators operators, Sessions sessions,
                              CommandBook commands, Containment containment, WavePlans waves, RolloutPlans rollouts,
                              Approvals approvals,
                              RateHistory rate, AuditLog audit, long admittedRate, java.time.Clock clock) {
}
