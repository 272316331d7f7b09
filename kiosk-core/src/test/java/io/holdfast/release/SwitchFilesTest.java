package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.testing.TestClocks;

class SwitchFilesTest {

    private static final Instant NOW = TestClocks.START;

    @TempDir
    Path folder;

    @Test
    void aPendingSwitchIsReadBackWithItsStartsAndSettledIntoTheReleasesFolder() throws Exception {
        ReleaseLayout layout = new ReleaseLayout(folder);
        SwitchFiles files = new SwitchFiles(layout);
        SwitchWatch.Pending pending = new SwitchWatch.Pending("1.5.0", "1.4.0", NOW, 0, Map.of("ORDERS", "ONLINE"));

        assertThat(files.pending()).isEmpty();
        files.writePending(pending.startedAgain());
        assertThat(files.pending()).contains(pending.startedAgain());

        files.settle(pending, "kept");
        assertThat(files.pending()).isEmpty();
        assertThat(layout.content("1.5.0").resolveSibling("switch-kept.json")).exists();
    }

    @Test
    void onlyTheReleaseThatConfirmedIsConfirmed() throws Exception {
        SwitchFiles files = new SwitchFiles(new ReleaseLayout(folder));
        files.confirm("1.5.0", NOW);

        assertThat(files.confirmed("1.5.0")).isTrue();
        assertThat(files.confirmed("1.6.0")).isFalse();
    }

    @Test
    void aRollbackIsTakenOnceAndKeptBesideTheFailedRelease() throws Exception {
        ReleaseLayout layout = new ReleaseLayout(folder);
        SwitchFiles files = new SwitchFiles(layout);
        SwitchFiles.RolledBack back = new SwitchFiles.RolledBack("1.6.0", "1.5.0", "stopped before it confirmed", NOW);
        files.writeRolledBack(back);

        assertThat(files.takeRolledBack()).contains(back);
        assertThat(files.takeRolledBack()).as("reported once").isEmpty();
        assertThat(Files.readString(layout.content("1.6.0").resolveSibling("rolled-back.json")))
                .contains("stopped before it confirmed");
    }
}
