package io.holdfast.gateway.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.privacy.PersonalDataPurge;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdfast purge [--dry-run]}: removes customers' details past the retention from a store file,
 * or with {@code --dry-run} says what would go. The running gateway does the same every hour, so the
 * command is for a stopped store, or to see what is held.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Remove customers' names, postcodes, proxies' names and loyalty ids kept past the retention;"
                + " --dry-run says what would go and changes nothing (safe while the gateway runs).")
final class PurgeCommand implements Callable<Integer> {

    @Mixin
    StoreFileOptions store = new StoreFileOptions();

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "How long details are kept after the last event (ISO-8601, such as P30D); else the configuration's.")
    Duration retention;

    @Option(names = "--dry-run", description = "Say what would go; change nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    PurgeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        GatewaySettings settings = store.gateway();
        Duration keep = retention != null ? retention : settings.personalDataRetention();
        DatabaseSettings file = store.settings(settings);
        try (Database opened = dryRun ? Database.openReadOnly(file) : Database.open(file)) {
            PersonalDataPurge purge = new PersonalDataPurge(opened, keep, clock);
            PersonalDataPurge.Plan plan = dryRun ? purge.plan() : purge.purge("holdfast purge");
            spec.commandLine().getOut().printf("%s %s: customers' details last used before %s (kept %s)%n",
                    dryRun ? "Would remove from" : "Removed from", opened.file(), plan.cutoff(), keep);
            spec.commandLine().getOut().printf("""
                      orders (name, postcode, contact)   %,d
                      proxy collectors' names            %,d
                      receipts' loyalty ids              %,d
                      returns' customer keys             %,d
                      expired sessions                   %,d
                      idempotency records                %,d
                    Amounts, ids and the audit log stay.%n""", plan.orders(), plan.collectors(), plan.receipts(),
                    plan.returns(), plan.sessions(), plan.idempotency());
            return 0;
        }
    }
}
