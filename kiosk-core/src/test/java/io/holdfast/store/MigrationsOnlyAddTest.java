package io.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * From gateway updates on (migration 21), a migration only adds: the release before it must still run
 * on the schema after a rollback, and nothing that held data may go. A migration that drops, renames
 * or deletes fails the build here, before it can reach a store.
 */
class MigrationsOnlyAddTest {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    private static final int FIRST_EXPAND_ONLY = 21;
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");
    private static final Pattern TAKES_AWAY = Pattern.compile("\\b(DROP|RENAME|DELETE\\s+FROM)\\b");

    @Test
    void everyMigrationSinceUpdatesOnlyAdds() throws IOException {
        List<Path> checked;
        try (var files = Files.list(MIGRATIONS)) {
            checked = files.filter(file -> version(file) >= FIRST_EXPAND_ONLY).sorted().toList();
        }

        assertThat(checked).as("migration 21 and later").isNotEmpty();
        for (Path migration : checked) {
            String sql = Files.readString(migration).replaceAll("--[^\\n]*", "").toUpperCase(Locale.ROOT);
            assertThat(TAKES_AWAY.matcher(sql).find()).as(migration.getFileName()
                    + " drops, renames or deletes; a migration may only add").isFalse();
        }
    }

    @Test
    void theRuleCatchesWhatTakesAway() {
        assertThat(TAKES_AWAY.matcher("ALTER TABLE ORDERS DROP COLUMN POSTCODE;").find()).isTrue();
        assertThat(TAKES_AWAY.matcher("ALTER TABLE ORDERS RENAME TO OLD_ORDERS;").find()).isTrue();
        assertThat(TAKES_AWAY.matcher("DELETE FROM OUTBOX_EVENTS;").find()).isTrue();
        assertThat(TAKES_AWAY.matcher("CREATE TABLE RELEASE_RATCHET (ID INTEGER);").find()).isFalse();
    }

    private static int version(Path file) {
        Matcher matcher = VERSION.matcher(file.getFileName().toString());
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
