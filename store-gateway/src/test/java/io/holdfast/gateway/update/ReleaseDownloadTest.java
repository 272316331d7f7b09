package io.holdfast.gateway.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.webserver.WebServer;
import io.holdfast.central.ReleaseShelf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from head office's release shelf over real HTTP: whole, resumed with Range, and cut short. */
class ReleaseDownloadTest {

    @TempDir
    Path folder;
    private final ReleaseShelf shelf = new ReleaseShelf();
    private WebServer server;
    private URI base;
    private byte[] bundle;

    @BeforeEach
    void serve() throws IOException {
        bundle = new byte[3 * 1024 * 1024 + 17];
        new Random(17).nextBytes(bundle);
        Path served = Files.createDirectories(folder.resolve("served"));
        Files.write(served.resolve("holdfast-2.0.0.zip"), bundle);
        shelf.serveFrom(served);
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(routing -> routing.register("/releases", shelf)).build().start();
        base = URI.create("http://127.0.0.1:" + server.port() + "/releases/");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aWholeDownloadLandsUnderItsNameAndTellsItsProgress() throws Exception {
        AtomicLong total = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ReleaseDownload.Fetched fetched = new ReleaseDownload().fetch(base, "holdfast-2.0.0.zip",
                folder.resolve("downloads"), total::set, bytes::set);

        assertThat(Files.readAllBytes(fetched.file())).isEqualTo(bundle);
        assertThat(fetched.resumedFrom()).isZero();
        assertThat(total.get()).isEqualTo(bundle.length);
        assertThat(bytes.get()).isEqualTo(bundle.length);
        assertThat(folder.resolve("downloads/holdfast-2.0.0.zip.part")).doesNotExist();
    }

    @Test
    void aDownloadCutShortGoesOnFromWhereItStopped() throws Exception {
        Path downloads = Files.createDirectories(folder.resolve("downloads"));
        Files.write(downloads.resolve("holdfast-2.0.0.zip.part"), Arrays.copyOf(bundle, 1_000_000));

        ReleaseDownload.Fetched fetched = new ReleaseDownload().fetch(base, "holdfast-2.0.0.zip", downloads,
                total -> { }, bytes -> { });

        assertThat(fetched.resumedFrom()).isEqualTo(1_000_000);
        assertThat(shelf.rangeRequests()).isEqualTo(1);
        assertThat(Files.readAllBytes(fetched.file())).isEqualTo(bundle);
    }

    @Test
    void aPartLongerThanTheBundleIsStartedAgainAndAMissingBundleSaysSo() throws Exception {
        Path downloads = Files.createDirectories(folder.resolve("downloads"));
        Files.write(downloads.resolve("holdfast-2.0.0.zip.part"), new byte[bundle.length + 10]);
        ReleaseDownload download = new ReleaseDownload();

        assertThatThrownBy(() -> download.fetch(base, "holdfast-2.0.0.zip", downloads, total -> { }, bytes -> { }))
                .hasMessageContaining("refused the range");
        assertThat(Files.readAllBytes(download.fetch(base, "holdfast-2.0.0.zip", downloads, total -> { },
                bytes -> { }).file())).isEqualTo(bundle);
        assertThatThrownBy(() -> download.fetch(base, "holdfast-9.zip", downloads, total -> { }, bytes -> { }))
                .hasMessageContaining("answered 404");
        assertThatThrownBy(() -> download.fetch(base, "../holdfast.db", downloads, total -> { }, bytes -> { }))
                .hasMessageContaining("letters, digits");
    }
}
