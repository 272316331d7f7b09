package io.holdfast.regional.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.holdfast.testing.SteppingClock;
import io.holdfast.testing.TestClocks;

class HeartbeatTest {

    private static final FleetRegister REGISTER = FleetRegister.of(List.of(
            new RegisteredStore("0421", "north", Set.of("pilot")), new RegisteredStore("0512", "south", Set.of())));

    private static String beat(String store, String mode, String orders, long ordersBacklog, long backlog) {
        return "{\"store\":\"" + store + "\",\"online\":true,\"mode\":\"" + mode + "\",\"capabilities\":{"
                + "\"ORDERS\":{\"state\":\"" + orders + "\",\"backlog\":" + ordersBacklog + "},"
                + "\"REFUNDS\":{\"state\":\"ONLINE\",\"backlog\":0},\"GIFT_CARDS\":{\"state\":\"ONLINE\",\"backlog\":0},"
                + "\"PAYMENTS\":{\"state\":\"ONLINE\",\"backlog\":0},\"LOYALTY\":{\"state\":\"ONLINE\",\"backlog\":0}},"
                + "\"backlog\":" + backlog + ",\"eventsPerSecond\":3,\"versions\":{\"gateway\":\"1.2.0\"},"
                + "\"update\":{\"state\":\"IDLE\",\"version\":\"\"}}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHeartbeatIsReadIntoTheStoresRowAndAPlausibleOneIsNotFlagged() {
        FleetView view = new FleetView(REGISTER, TestClocks.fixed(), Duration.ofSeconds(45));

        view.receive("0421", bytes(beat("0421", "ISOLATED", "ISOLATED", 7, 7)));

        StoreReport report = view.report("0421").orElseThrow();
        assertThat(report.state("ORDERS")).contains("ISOLATED");
        assertThat(report.backlog()).isEqualTo(7);
        assertThat(report.gatewayVersion()).isEqualTo("1.2.0");
        assertThat(report.flags()).isEmpty();
        assertThat(view.totals().isolated()).isEqualTo(1);
        assertThat(view.totals().offline()).as("0512 was never heard from").isEqualTo(1);
    }

    @Test
    void malformedOversizedAndUnknownMessagesAreCountedAndIgnored() {
        FleetView view = new FleetView(REGISTER, TestClocks.fixed(), Duration.ofSeconds(45));
        long before = view.version();

        view.receive("0421", bytes("{not json"));
        view.receive("0421", bytes("[1,2]"));
        view.receive("0421", bytes(beat("0512", "NORMAL", "ONLINE", 0, 0)));
        view.receive("0421", new byte[Heartbeat.MAX_BYTES + 1]);
        view.receive("9999", bytes(beat("9999", "NORMAL", "ONLINE", 0, 0)));

        assertThat(view.rejected()).containsEntry(Heartbeat.Rejection.MALFORMED, 3L)
                .containsEntry(Heartbeat.Rejection.OVERSIZED, 1L).containsEntry(Heartbeat.Rejection.UNKNOWN_STORE, 1L);
        assertThat(view.version()).as("nothing changed for the page").isEqualTo(before);
        assertThat(view.report("0421")).isEmpty();
    }

    @Test
    void aStoreThatReportsAStateItCannotBeInIsFlagged() {
        FleetView view = new FleetView(REGISTER, TestClocks.fixed(), Duration.ofSeconds(45));

        view.receive("0421", bytes(beat("0421", "NORMAL", "ISOLATED", 5, 2).replace("\"LOYALTY\":{\"state\":\"ONLINE\"",
                "\"LOYALTY\":{\"state\":\"ASLEEP\"")));

        assertThat(view.report("0421").orElseThrow().flags()).containsExactlyInAnyOrder(
                "LOYALTY is in state 'ASLEEP', which does not exist",
                "its backlog (2) is not the sum of its capabilities' (5)",
                "a capability is ISOLATED but the store says it is NORMAL");
        assertThat(view.totals().flagged()).isEqualTo(1);
    }

    @Test
    void theLastWillKeepsWhatTheStoreSaidAndAQuietStoreGoesOfflineAtTheSweep() {
        SteppingClock clock = new SteppingClock(TestClocks.START);
        FleetView view = new FleetView(REGISTER, clock, Duration.ofSeconds(45));
        view.receive("0421", bytes(beat("0421", "ISOLATED", "ISOLATED", 7, 7)));
        view.receive("0512", bytes(beat("0512", "NORMAL", "ONLINE", 0, 0)));

        view.receive("0421", bytes("{\"store\":\"0421\",\"online\":false,\"installation\":\"x\"}"));
        assertThat(view.row("0421").orElseThrow().offline()).isTrue();
        assertThat(view.report("0421").orElseThrow().state("ORDERS")).contains("ISOLATED");

        long seen = view.version();
        clock.advance(Duration.ofSeconds(46));
        assertThat(view.sweep()).isEqualTo(1);
        assertThat(view.changedSince(seen)).extracting(row -> row.store().id()).containsExactly("0512");
        assertThat(view.row("0512").orElseThrow().offline()).isTrue();
        assertThat(view.totals().offline()).isEqualTo(2);
    }

    @Test
    void theRegisterIsReadFromCsvAndABadLineIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        java.nio.file.Path csv = folder.resolve("fleet.csv");
        java.nio.file.Files.writeString(csv, "# comment\n0421,north,pilot;early\n0512,south,\n");
        assertThat(FleetRegister.read(csv).find("0421").orElseThrow().cohorts()).containsExactlyInAnyOrder("pilot",
                "early");
        java.nio.file.Files.writeString(csv, "0421,north\nbad id!,south\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetRegister.read(csv))
                .hasMessageContaining("line 2");
    }
}
