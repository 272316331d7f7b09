package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditEntry;
import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class UpdateStatesTest {

    private static final Instant NOW = io.holdfast.testing.TestClocks.START;

    @TempDir
    Path folder;

    @Test
    void eachMoveIsKeptAndAuditedAndTheSameMoveTwiceIsNotRepeated() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            UpdateStates states = new UpdateStates(database);
            assertThat(states.current().state()).isEqualTo(UpdateState.IDLE);

            assertThat(states.move(UpdateState.DOWNLOADING, "1.5.0", "40% of 38 MB", NOW)).isPresent();
            assertThat(states.move(UpdateState.DOWNLOADING, "1.5.0", "40% of 38 MB", NOW.plusSeconds(1))).isEmpty();
            states.move(UpdateState.WAITING, "1.5.0", "waiting for the maintenance window (21:00 to 06:00)", NOW.plusSeconds(60));

            assertThat(states.current()).isEqualTo(new UpdateStatus(UpdateState.WAITING, "1.5.0",
                    "waiting for the maintenance window (21:00 to 06:00)", NOW.plusSeconds(60)));
            assertThat(new AuditLog(database).latest(5)).extracting(AuditEntry::action)
                    .containsExactly("UPDATE_WAITING", "UPDATE_DOWNLOADING");
        }
    }
}
