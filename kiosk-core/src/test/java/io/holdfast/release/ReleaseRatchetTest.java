package io.holdfast.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.audit.AuditEntry;
import io.holdfast.audit.AuditLog;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

class ReleaseRatchetTest {

    private static final Instant NOW = io.holdfast.testing.TestClocks.START;

    @TempDir
    Path folder;
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theRatchetOnlyGoesUpAndSurvivesAReopen() {
        ReleaseRatchet ratchet = new ReleaseRatchet(database);
        assertThat(ratchet.highestAccepted()).isZero();
        assertThat(ratchet.started()).isFalse();

        assertThat(ratchet.accept(accepted(5), NOW)).isTrue();
        assertThat(ratchet.accept(accepted(3), NOW)).as("an older acceptance does not take it back").isFalse();
        assertThat(ratchet.highestAccepted()).isEqualTo(5);

        database.close();
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        assertThat(new ReleaseRatchet(database).highestAccepted()).isEqualTo(5);
        assertThat(new AuditLog(database).latest(5)).extracting(AuditEntry::action)
                .containsExactly("RELEASE_ALREADY_PASSED", "RELEASE_ACCEPTED");
    }

    @Test
    void aRefusalIsAuditedWithItsCodeAndMovesNothing() {
        ReleaseRatchet ratchet = new ReleaseRatchet(database);
        ratchet.refused(new ReleaseVerdict.Refused(ReleaseRefusal.EXPIRED, "release 1.9.0 expired"), "1.9.0", NOW);

        assertThat(ratchet.highestAccepted()).isZero();
        assertThat(new AuditLog(database).latest(1)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("RELEASE_REFUSED");
            assertThat(entry.detail()).contains("release-expired");
        });
    }

    private static ReleaseVerdict.Accepted accepted(long release) {
        return new ReleaseVerdict.Accepted(new ReleaseManifest("1." + release + ".0", release,
                List.of(new ReleaseFile("holdfast.jar", "0".repeat(64), 1)), 20, NOW.plusSeconds(3600),
                new ReleaseAudience.AllStores(), false), List.of("one", "two"));
    }
}
