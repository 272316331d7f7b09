package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.regional.cli.FleetCommand;

import picocli.CommandLine;

/**
 * {@code holdfast fleet} against a running console, signed in by HOLDFAST_PASSPHRASE's stand-in
 * (standard input), over real HTTP.
 */
class FleetCommandIT {

    @TempDir
    Path folder;

    @Test
    void isolateAStoreAndReadTheStatusFromTheCommandLine() throws Exception {
        List<String> ids = FleetSimulator.ids("C", 3, "");
        try (ConsoleFixture office = ConsoleFixture.start(folder, ids, id -> id.equals("C0003") ? "south" : "north",
                100)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> office.console.services().fleet().totals().offline() == 0);
            Run isolated = run(office, "alice", "isolate", "--capabilities", "PAYMENTS", "--target", "region:south");
            assertThat(isolated.code()).as(isolated.err()).isZero();
            assertThat(isolated.out()).contains("ISOLATE PAYMENTS signed and sent to 1 stores");
            await().atMost(Duration.ofSeconds(20)).until(() -> office.fleet.store("C0003").orElseThrow()
                    .state(Capability.PAYMENTS) == CapabilityState.ISOLATED);
            await().atMost(Duration.ofSeconds(20)).until(() -> run(office, "vic", "status").out().contains("C0003"));
            assertThat(run(office, "vic", "status").out()).contains("3 stores").contains("1 isolated")
                    .doesNotContain("C0001");

            Run refused = run(office, "vic", "isolate", "--capabilities", "ORDERS");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("holdfast: fleet: role-required");
            Run fleetWide = run(office, "alice", "restore", "--capabilities", "PAYMENTS", "--target", "all");
            assertThat(fleetWide.err()).contains("approval-required");

            Run rate = run(office, "alice", "rate", "--events-per-second", "25", "--target", "store:C0001");
            assertThat(rate.out()).contains("resync rate signed and sent to 1 stores");
            Run notice = run(office, "alice", "notice", "--capability", "PAYMENTS", "--state", "ISOLATED", "--text",
                    "Card payments are paused; cash and gift cards work.", "--target", "region:south");
            assertThat(notice.code()).as(notice.err()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> run(office, "vic", "actions").out().lines()
                    .anyMatch(line -> line.contains("isolate PAYMENTS at region:south") && line.contains("alice")
                            && line.endsWith("1 stores, 1 of 1 obeyed")));
            assertThat(run(office, "vic", "actions").out()).contains("resync rate 25 events/s at store:C0001")
                    .contains("not shown in heartbeats");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(ConsoleFixture office, String operator, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream((ConsoleFixture.PASSPHRASE + "\n").getBytes()));
        try {
            CommandLine command = new CommandLine(new FleetCommand());
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(err));
            List<String> all = new java.util.ArrayList<>(List.of("--console", office.base(), "--operator", operator));
            all.addAll(List.of(args));
            int code = command.execute(all.toArray(String[]::new));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
