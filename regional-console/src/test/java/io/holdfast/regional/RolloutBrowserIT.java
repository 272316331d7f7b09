package io.holdfast.regional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.holdfast.fleetsim.FleetSimulator;
import io.holdfast.fleetsim.ReleaseBehaviour;
import io.holdfast.release.ReleaseAudience;
import io.holdfast.release.ReleaseBundle;
import io.holdfast.release.ReleaseFiles;
import io.holdfast.release.ReleaseManifest;
import io.holdfast.testing.TestBrowser;
import io.holdfast.testing.TestClocks;

/**
 * A rollout from the page: the canary installs, the next group has two stores that roll back and
 * one that waits for its window, and the rollout halts on its error threshold before the last group
 * is ever told of the release.
 */
class RolloutBrowserIT {

    @TempDir
    Path folder;

    @Test
    void aRolloutHaltsOnItsErrorThresholdAndTheLastGroupIsNeverTold() throws Exception {
        List<String> ids = FleetSimulator.ids("R", 12, "");
        Set<String> rollBack = Set.of("R0003", "R0005");
        Path bundle = bundle("1.3.0", 3);
        try (ConsoleFixture office = ConsoleFixture.start(folder, ids, id -> "north", 1_000);
             TestBrowser browser = TestBrowser.start()) {
            office.fleet.releases((store, release) -> rollBack.contains(store) ? ReleaseBehaviour.Outcome.ROLLED_BACK
                    : store.equals("R0004") ? ReleaseBehaviour.Outcome.WAITING : ReleaseBehaviour.Outcome.INSTALLED);
            WebDriver page = browser.driver();
            page.get(office.base() + "/fleet");
            ConsoleFixture.signIn(page, "alice");
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            page.findElement(By.id("rollout-bundle")).sendKeys(bundle.toString());
            page.findElement(By.id("rollout-percentages")).clear();
            page.findElement(By.id("rollout-percentages")).sendKeys("50,100");
            page.findElement(By.id("rollout-request")).click();
            wait.until(d -> d.findElement(By.id("message")).getText().contains("waits for an approver"));
            String rollout = office.get(office.signIn("alice"), "/api/rollouts").get(0).path("id").asText();

            ConsoleFixture.signIn(page, "bea");
            wait.until(d -> !d.findElements(By.cssSelector("#plan-" + rollout + " .plan-approve")).isEmpty());
            page.findElement(By.cssSelector("#plan-" + rollout + " .plan-approve")).click();

            await().atMost(Duration.ofSeconds(60)).until(() -> office.console.services().rollouts().find(rollout)
                    .orElseThrow().state().equals("HALTED"));
            wait.until(d -> d.findElement(By.cssSelector("#plan-" + rollout)).getText().contains("HALTED"));
            var halted = office.console.services().rollouts().find(rollout).orElseThrow();
            assertThat(halted.detail()).contains("2 of 5 stores that tried failed");
            assertThat(halted.group()).as("canary, then the 50% group").isEqualTo(1);
            assertThat(halted.outcomes()).containsEntry("INSTALLED", 3L).containsEntry("FAILED", 2L)
                    .containsEntry("WAITING", 1L).containsEntry("UNSENT", 6L);
            Thread.sleep(2_000);
            for (String store : ids.subList(6, 12)) {
                assertThat(office.fleet.store(store).orElseThrow().heartbeat().get("update").toString())
                        .as("store %s of the last group was never told", store).contains("state=IDLE");
            }

            // Cancelled, the store that was told but waits for its window is frozen, so it never starts.
            page.findElement(By.cssSelector("#plan-" + rollout + " .plan-cancel")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> office.fleet.store("R0004").orElseThrow().heartbeat()
                    .get("update").toString().contains("FREEZE"));
            assertThat(office.console.services().rollouts().find(rollout).orElseThrow().state()).isEqualTo("CANCELLED");
        }
    }

    private Path bundle(String version, long release) throws Exception {
        Path content = Files.createDirectories(folder.resolve("release-content"));
        Files.writeString(content.resolve("holdfast.jar"), "not really a jar: the simulated stores never run it");
        ReleaseManifest manifest = new ReleaseManifest(version, release, ReleaseFiles.describe(content), 1,
                TestClocks.START.plus(Duration.ofDays(30)), new ReleaseAudience.AllStores(), false);
        Path bundle = folder.resolve("holdfast-" + version + ".zip");
        ReleaseBundle.build(manifest, content, bundle);
        return bundle;
    }
}
