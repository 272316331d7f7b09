package io.holdfast.sync.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.giftcard.CardFingerprint;
import io.holdfast.giftcard.SqliteGiftCardBalances;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;

/** The gift-card balances stream on a real store: snapshot chunks, changes, duplicates, gaps and junk. */
class DownstreamStreamsTest {

    private static final String STREAM = "giftcards";

    @TempDir
    Path folder;
    private Database database;
    private SqliteGiftCardBalances balances;
    private DownstreamStreams streams;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")));
        balances = new SqliteGiftCardBalances(database);
        streams = new DownstreamStreams(Map.of(STREAM, new GiftCardBalanceRows(balances)),
                new StreamPositions(database), (stream, why) -> requests.add(stream + ": " + why),
                Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSnapshotInChunksThenAChangeIsAppliedAndItsProgressReported() {
        assertThat(streams.handle(STREAM, chunk(1, 1, 3, card(1, 1000), card(2, 2000))))
                .isInstanceOf(StreamDecision.Apply.class);
        assertThat(streams.progress().getFirst().chunksDone()).isEqualTo(1);
        assertThat(streams.progress().getFirst().complete()).isFalse();
        streams.handle(STREAM, chunk(1, 2, 3, card(3, 3000)));
        streams.handle(STREAM, chunk(1, 3, 3, card(4, 4000)));
        assertThat(streams.progress().getFirst().complete()).isTrue();

        streams.handle(STREAM, change(1, 4, card(1, 250)));

        assertThat(balances.count()).isEqualTo(4);
        assertThat(balances.find(fingerprint(1)).orElseThrow().balance().amount()).isEqualTo(250);
        assertThat(requests).isEmpty();
    }

    @Test
    void theSameMessageTwiceChangesNothing() {
        streams.handle(STREAM, chunk(1, 1, 1, card(1, 1000)));
        streams.handle(STREAM, change(1, 2, card(1, 700)));

        assertThat(streams.handle(STREAM, change(1, 2, card(1, 700)))).isInstanceOf(StreamDecision.Duplicate.class);
        assertThat(streams.handle(STREAM, chunk(1, 1, 1, card(1, 1000)))).isInstanceOf(StreamDecision.Duplicate.class);
        assertThat(balances.find(fingerprint(1)).orElseThrow().balance().amount()).isEqualTo(700);
    }

    @Test
    void aGapAsksForAFreshSnapshotAndAppliesNothing() {
        streams.handle(STREAM, chunk(1, 1, 1, card(1, 1000)));

        assertThat(streams.handle(STREAM, change(1, 3, card(1, 1)))).isInstanceOf(StreamDecision.RequestSnapshot.class);

        assertThat(requests).singleElement().asString().contains("gap");
        assertThat(balances.find(fingerprint(1)).orElseThrow().balance().amount()).isEqualTo(1000);
    }

    @Test
    void aMessageFromAnOlderSnapshotAsksForAFreshOne() {
        streams.handle(STREAM, chunk(2, 1, 1, card(1, 1000)));

        streams.handle(STREAM, change(1, 2, card(1, 5)));

        assertThat(requests).singleElement().asString().contains("older");
        assertThat(balances.find(fingerprint(1)).orElseThrow().balance().amount()).isEqualTo(1000);
    }

    @Test
    void aNewerSnapshotReplacesTheGenerationFollowedFromItsFirstChunk() {
        streams.handle(STREAM, chunk(1, 1, 1, card(1, 1000)));

        assertThat(streams.handle(STREAM, chunk(2, 2, 2, card(1, 9)))).isInstanceOf(StreamDecision.RequestSnapshot.class);
        assertThat(streams.handle(STREAM, chunk(2, 1, 2, card(1, 900)))).isInstanceOf(StreamDecision.Apply.class);

        assertThat(streams.progress().getFirst().generation()).isEqualTo(2);
        assertThat(balances.find(fingerprint(1)).orElseThrow().balance().amount()).isEqualTo(900);
    }

    @Test
    void malformedMessagesAndRowsAreDroppedAndCounted() {
        assertThat(streams.handle(STREAM, "{nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamDecision.Dropped.class);
        assertThat(streams.handle("policy", chunk(1, 1, 1, card(1, 1)))).isInstanceOf(StreamDecision.Dropped.class);
        streams.handle(STREAM, message(1, 1, "CHUNK", 1, "{\"card\":\"not-hex\",\"lastFour\":\"1234\"}"));

        assertThat(streams.dropped()).isEqualTo(3);
        assertThat(balances.count()).isZero();
        assertThat(streams.progress()).isEmpty();
    }

    @Test
    void aFractionalBalanceOrSequenceIsRefusedNotRounded() {
        streams.handle(STREAM, chunk(1, 1, 1, card(1, 1000).replace("\"amount\":1000", "\"amount\":1000.5")));
        assertThat(streams.handle(STREAM, ("{\"generation\":1,\"sequence\":1.5,\"kind\":\"CHUNK\",\"chunks\":1,"
                + "\"rows\":[" + card(2, 500) + "]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamDecision.Dropped.class);
        assertThat(streams.handle(STREAM, ("{\"generation\":\"1\",\"sequence\":1,\"kind\":\"CHUNK\",\"chunks\":1,"
                + "\"rows\":[" + card(3, 500) + "]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamDecision.Dropped.class);

        assertThat(balances.count()).as("nothing half-applied or rounded").isZero();
        assertThat(streams.dropped()).isEqualTo(3);
    }

    private static byte[] chunk(long generation, long sequence, long chunks, String... rows) {
        return message(generation, sequence, "CHUNK", chunks, rows);
    }

    private static byte[] change(long generation, long sequence, String... rows) {
        return message(generation, sequence, "CHANGE", 0, rows);
    }

    private static byte[] message(long generation, long sequence, String kind, long chunks, String... rows) {
        return ("{\"generation\":" + generation + ",\"sequence\":" + sequence + ",\"kind\":\"" + kind
                + "\",\"chunks\":" + chunks + ",\"rows\":[" + String.join(",", rows) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String card(int n, long amount) {
        return "{\"card\":\"" + fingerprint(n).hex() + "\",\"lastFour\":\"" + (1000 + n) + "\",\"balance\":{\"amount\":"
                + amount + ",\"currency\":\"GBP\"},\"asOf\":\"2026-11-28T08:00:00Z\"}";
    }

    private static CardFingerprint fingerprint(int n) {
        return new CardFingerprint("%064x".formatted(n));
    }
}
