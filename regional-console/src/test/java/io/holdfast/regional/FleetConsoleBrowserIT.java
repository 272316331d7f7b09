package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.mode.Capability;
import io.holdfast.mode.CapabilityState;
import io.holdfast.regional.operator.Operators;
import io.holdfast.sync.Topics;
import io.holdfast.sync.command.CommandPublisher;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * The fleet page in Chromium: one operator isolates the whole fleet; a fleet-wide restoration goes
 * in waves once a second person approved it, and every event the stores queued reaches central once.
 */
class FleetConsoleBrowserIT {

    @TempDir
    Path folder;

    @Test
    void oneOperatorIsolatesTheFleetAndARestorationInWavesNeedsAnApproverAndDrainsEveryEventOnce() throws Exception {
        List<String> ids = FleetSimulator.ids("S", 6, "");
        try (ConsoleFixture office = ConsoleFixture.start(folder, ids, id -> ids.indexOf(id) < 3 ? "north" : "south", 50);
             TestBrowser browser = TestBrowser.start()) {
            FleetSimulator fleet = office.fleet;
            WebDriver page = browser.driver();
            page.get(office.base() + "/fleet");
            ConsoleFixture.signIn(page, "alice");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.id("total-normal")).getText().equals("6"));
            assertThat(page.findElements(By.cssSelector("#stores tr"))).hasSize(6);
            TestBrowser.assertAccessible(page, "the fleet page");

            // Filtering is on the page: a region shows its three stores.
            page.findElement(By.id("filter-region")).sendKeys("south");
            wait.until(d -> d.findElement(By.id("shown")).getText().equals("3 shown"));
            new Select(page.findElement(By.id("filter-state"))).selectByValue("offline");
            wait.until(d -> d.findElement(By.id("shown")).getText().equals("0 shown"));
            new Select(page.findElement(By.id("filter-state"))).selectByValue("");
            page.findElement(By.id("filter-region")).clear();
            page.findElement(By.id("filter-region")).sendKeys(" ");

            // One operator isolates everything, fleet-wide, at once.
            new Select(page.findElement(By.id("act-kind"))).selectByValue("all");
            page.findElement(By.id("act-send")).click();
            wait.until(d -> d.findElement(By.id("message")).getText().contains("sent to 6 stores"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ISOLATED) == 6);
            wait.until(d -> d.findElement(By.id("total-isolated")).getText().equals("6"));
            wait.until(d -> d.findElement(By.id("actions")).getText().contains("6 of 6"));
            assertThat(page.findElement(By.id("actions")).getText()).contains("isolate ORDERS").contains("alice");

            // Isolated, the stores keep trading: each queues work central has not seen.
            fleet.work(Capability.ORDERS, 40);
            assertThat(office.central.appliedCount()).isZero();

            // A viewer may look but not act; a fleet-wide RESTORE by one person is refused twice over.
            String viewer = office.signIn("vic");
            HttpResponse<String> refused = office.post(viewer, "/api/containment", "{\"type\":\"ISOLATE\","
                    + "\"capabilities\":[\"ORDERS\"],\"target\":{\"kind\":\"all\"}}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(ConsoleFixture.code(refused)).isEqualTo("role-required");
            String alice = office.signIn("alice");
            HttpResponse<String> direct = office.post(alice, "/api/containment", "{\"type\":\"RESTORE\","
                    + "\"capabilities\":[\"ORDERS\"],\"target\":{\"kind\":\"all\"}}");
            assertThat(direct.statusCode()).isEqualTo(409);
            assertThat(ConsoleFixture.code(direct)).isEqualTo("approval-required");
            publishSingleSignedFleetRestore(office);
            Thread.sleep(2_000);
            assertThat(fleet.count(Capability.ORDERS, CapabilityState.ISOLATED))
                    .as("stores refuse a fleet-wide RESTORE with one signature").isEqualTo(6);

            // Alice asks for a restoration of ORDERS in waves of two; an operator may not approve.
            page.findElement(By.id("waves-size")).clear();
            page.findElement(By.id("waves-size")).sendKeys("2");
            page.findElement(By.id("waves-request")).click();
            wait.until(d -> d.findElement(By.id("message")).getText().contains("waits for an approver"));
            String plan = office.get(alice, "/api/waves").path("plans").get(0).path("id").asText();
            HttpResponse<String> own = office.post(alice, "/api/approvals/" + plan, "{\"decision\":\"APPROVE\"}");
            assertThat(own.statusCode()).isEqualTo(403);
            Thread.sleep(1_500);
            assertThat(fleet.count(Capability.ORDERS, CapabilityState.ISOLATED)).isEqualTo(6);

            // Bea approves from the page; the waves go, two stores at a time, until all drained.
            ConsoleFixture.signIn(page, "bea");
            wait.until(d -> !d.findElements(By.cssSelector("#plan-" + plan + " .plan-approve")).isEmpty());
            page.findElement(By.cssSelector("#plan-" + plan + " .plan-approve")).click();
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> fleet.count(Capability.ORDERS, CapabilityState.ONLINE) == 6);
            await().atMost(Duration.ofSeconds(30)).until(() -> office.console.services().waves().find(plan)
                    .orElseThrow().state().equals("DONE"));
            assertThat(office.console.services().waves().find(plan).orElseThrow().wave()).isEqualTo(3);
            assertThat(office.central.appliedCount()).isEqualTo(6 * 40);
            assertThat(office.central.duplicates()).isZero();
            assertThat(fleet.count(Capability.REFUNDS, CapabilityState.ISOLATED))
                    .as("only ORDERS was restored").isEqualTo(6);
            wait.until(d -> d.findElement(By.cssSelector("#plan-" + plan)).getText().contains("DONE"));

            // The store's page shows what it was sent and that it obeyed.
            JsonNode storePage = office.get(alice, "/api/stores/" + ids.get(4));
            assertThat(storePage.path("commands")).anySatisfy(command -> {
                assertThat(command.path("type").asText()).isEqualTo("RESTORE");
                assertThat(command.path("approvedBy").asText()).isEqualTo("bea");
                assertThat(command.path("obeyedAt").isTextual()).isTrue();
            });
            assertThat(storePage.path("events").toString()).contains("ORDERS ISOLATED");
            assertThat(office.get(alice, "/api/audit").path("chain").asText()).startsWith("intact");
        }
    }

    /** What a hurried operator with only their own key could publish: refused by every store. */
    private static void publishSingleSignedFleetRestore(ConsoleFixture office) {
        Operators.Unlocked alice = office.console.services().operators()
                .unlock("alice", ConsoleFixture.PASSPHRASE.toCharArray()).orElseThrow();
        Instant now = TestClocks.TICKING.instant();
        String restore = "{\"id\":\"rogue\",\"store\":\"all\",\"sequence\":" + (now.toEpochMilli() + 10_000_000)
                + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plusSeconds(60) + "\",\"type\":\"RESTORE\","
                + "\"capabilities\":[\"ORDERS\"]}";
        CommandPublisher.publishOnce(office.broker.uri(), Topics.fleetCommands(), alice.signer().envelope(restore));
    }
}
