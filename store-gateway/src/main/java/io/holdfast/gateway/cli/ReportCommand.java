package io.holdfast.gateway.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import io.holdfast.gateway.config.GatewaySettings;
import io.holdfast.giftcard.GiftCardPolicies;
import io.holdfast.policy.StorePolicies;
import io.holdfast.report.DayReports;
import io.holdfast.report.DaySummary;
import io.holdfast.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code holdfast report day DATE}: a store-day's report in short form, read from the store file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports made from a store's own records; safe while the gateway runs.",
        subcommands = {ReportCommand.Day.class})
public final class ReportCommand {

    @Command(name = "day", mixinStandardHelpOptions = true,
            description = "The end-of-day report of DATE (YYYY-MM-DD, or 'today') in the store's zone.")
    static final class Day implements Callable<Integer> {
        @Mixin
        StoreFileOptions store = new StoreFileOptions();

        @Parameters(paramLabel = "DATE", description = "The day: YYYY-MM-DD or 'today'.")
        String date;

        @Spec
        CommandSpec spec;

        private final Clock clock;

        Day(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Integer call() {
            GatewaySettings settings = store.gateway();
            try (Database opened = Database.openReadOnly(store.settings(settings))) {
                DayReports reports = new DayReports(settings.storeId(), opened,
                        new GiftCardPolicies(new StorePolicies(opened, clock))::inForce, clock, settings.zone());
                LocalDate day;
                try {
                    day = date.equals("today") ? reports.today() : LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    spec.commandLine().getErr().println("holdfast: '" + date + "' is not a day: write it as YYYY-MM-DD or 'today'");
                    return HoldfastCommand.BAD_CONFIGURATION;
                }
                try {
                    spec.commandLine().getOut().print(DaySummary.of(reports.report(day)).text());
                    spec.commandLine().getOut().flush();
                    return 0;
                } catch (DayReports.FutureDayException e) {
                    spec.commandLine().getErr().println("holdfast: " + e.getMessage());
                    return HoldfastCommand.BAD_CONFIGURATION;
                }
            }
        }
    }
}
