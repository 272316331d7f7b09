package io.holdfast.demo;

import static io.holdfast.demo.Launched.find;
import static io.holdfast.demo.Launched.freePort;
import static io.holdfast.demo.Launched.get;
import static io.holdfast.demo.Launched.launch;
import static io.holdfast.demo.Launched.launchLogged;
import static io.holdfast.demo.Launched.output;
import static io.holdfast.demo.Launched.readUntil;
import static io.holdfast.demo.Launched.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway updates with real processes, as a store runs them: head office ({@code demo --central-only})
 * serves releases and signs commands; the store runs under {@code holdfast supervise}, which starts
 * the first release from the packaged jar. Releases are real bundles of that same jar under other
 * versions, built and signed with the CLI; one carries a JVM option that points its relay at a dead
 * broker, so it fails its health check on a business result (central acknowledges nothing).
 */
class GatewayUpdateIT {

    private static final Pattern CENTRAL_SWITCHES = Pattern.compile("central switches (http://localhost:\\d+/sim)");
    private static final Pattern BUILD_LINE = Pattern.compile("a release\\s+\\./holdfast (release build .+)$");
    private static final Pattern ANNOUNCE_LINE = Pattern.compile("^\\s+\\./holdfast (sign .+--type UPDATE_AVAILABLE.+)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LIBS = Launched.JAR.resolveSibling("libs");

    @TempDir
    Path folder;

    private final List<Process> started = new ArrayList<>();
    private HeadOffice office;

    /** Head office and the store's configuration, as {@code demo --central-only} printed them. */
    private record HeadOffice(Path data, Path config, String sim, String base, String build, String announce,
                              String signWith) {
        Path shelf() {
            return data.resolve("central-releases");
        }
    }

    @AfterEach
    void stopEverything(org.junit.jupiter.api.TestInfo test) throws InterruptedException, IOException {
        for (Process process : started.reversed()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        Path log = folder.resolve("store.log");
        if (Files.exists(log)) { // kept for whoever reads a failure
            Files.copy(log, Path.of("target", "GatewayUpdateIT-" + test.getTestMethod().orElseThrow().getName() + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aSignedReleaseWaitsForTheWindowInstallsAndPassesAndOneThatFailsItsHealthCheckIsRolledBack() throws Exception {
        openHeadOffice(Duration.ofSeconds(60), Duration.ofSeconds(3));
        supervise();
        awaitUpdate(update -> update.path("running").asText().equals("first"), Duration.ofSeconds(90));

        // Release B, built by the command head office printed, announced without --urgent so it waits.
        run(office.build());
        announce(office.shelf().resolve("holdfast-1.2.0.zip"), false);
        JsonNode waiting = awaitUpdate(update -> update.path("state").asText().equals("WAITING"), Duration.ofSeconds(60));
        assertThat(waiting.path("version").asText()).isEqualTo("1.2.0");
        assertThat(waiting.path("detail").asText()).contains("maintenance window");
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/current")).toString())
                .as("nothing switches before the window").endsWith("first/content");

        JsonNode installed = awaitUpdate(update -> update.path("running").asText().equals("1.2.0")
                && update.path("state").asText().equals("INSTALLED"), Duration.ofSeconds(120));
        assertThat(installed.path("detail").asText()).contains("passed its health check")
                .contains("central acknowledged events").contains("found");
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/previous")).toString())
                .endsWith("first/content");
        String token = signIn(office.base(), "S1001", "1234");
        assertThat(get(office.base() + "/api/v1/orders/CC-100001", token).statusCode())
                .as("the new release serves the desk").isEqualTo(200);

        // Release C fails its health check: its relay never reaches the broker, so central acknowledges nothing.
        Path c = build("1.3.0", 3, "--jvm-option", "-Dholdfast.sync.broker=tcp://127.0.0.1:9");
        announce(c, true);
        JsonNode back = awaitUpdate(update -> update.path("state").asText().equals("ROLLED_BACK")
                && update.path("running").asText().equals("1.2.0"), Duration.ofSeconds(150));
        assertThat(back.path("version").asText()).isEqualTo("1.3.0");
        assertThat(back.path("detail").asText()).contains("did not confirm its health within 30 s")
                .contains("central: the relay is not connected");
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/current")).toString())
                .endsWith("1.2.0/content");
        assertThat(office.data().resolve("store-0421/releases/releases/1.3.0/content/holdfast.jar"))
                .as("the failed release stays on disk").exists();
        assertThat(get(office.base() + "/api/v1/orders/CC-100001", signIn(office.base(), "S1001", "1234"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void eachRefusalHasItsCodeNeverTouchesTheRunningReleaseAndAFreezeLetsOnlyFixesThrough() throws Exception {
        openHeadOffice(Duration.ofHours(-1), Duration.ofSeconds(2));
        supervise();
        awaitUpdate(update -> update.path("running").asText().equals("first"), Duration.ofSeconds(90));

        assertRefusedFromUsb(build("9.0.0", 9, false), "release-unsigned");
        assertRefusedFromUsb(build("9.0.0", 9, false, "--sign-with", key(1)), "release-under-threshold");
        assertRefusedFromUsb(build("9.0.0", 9, "--valid-for", "P0D"), "release-expired");
        assertRefusedFromUsb(build("9.0.0", 9, "--stores", "0512"), "release-not-for-store");
        assertRefusedFromUsb(build("9.0.0", 9, "--minimum-schema", "999"), "release-schema-too-new");

        // A good release from USB goes through the same gate and installs.
        Process usb = launch(folder, "update", "install", build("2.0.0", 2).toString(), "--config",
                office.config().toString());
        assertThat(usb.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(usb.exitValue()).as(output(usb)).isZero();
        awaitUpdate(update -> update.path("running").asText().equals("2.0.0")
                && update.path("state").asText().equals("INSTALLED"), Duration.ofSeconds(120));
        assertRefusedFromUsb(build("2.0.1", 2), "release-not-newer");

        // A bundle whose signed manifest is intact but whose jar was changed: refused when staged.
        Path tampered = tamper(build("3.0.0", 3));
        assertRefusedFromUsb(tampered, "release-file-mismatch");
        assertThat(update().path("detail").asText()).contains("holdfast.jar does not have the hash the manifest says");

        // A download that is not the bundle announced is fetched again, then refused. The shelf holds
        // the tampered bundle under the good one's name before the good one is announced, so the store
        // cannot fetch the good one first.
        Path four = build("4.0.0", 4);
        Path announced = Files.move(four, folder.resolve(four.getFileName()));
        Files.copy(tampered, four);
        announce(announced, true);
        JsonNode wrong = awaitUpdate(update -> update.path("state").asText().equals("REFUSED")
                && update.path("version").asText().equals("release 4"), Duration.ofSeconds(60));
        assertThat(wrong.path("detail").asText()).startsWith("release-bundle-mismatch").contains("(3 tries)");

        assertThat(update().path("running").asText()).as("the running release is untouched").isEqualTo("2.0.0");
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/current")).toString())
                .endsWith("2.0.0/content");

        // An incident freeze: a release waits, however urgent; a fix announced meanwhile goes through.
        run("sign --store 0421 --type FREEZE --freeze-for PT1H --reason incident " + office.signWith());
        announce(build("5.0.0", 5), true);
        JsonNode frozen = awaitUpdate(update -> update.path("state").asText().equals("WAITING")
                && update.path("version").asText().equals("5.0.0"), Duration.ofSeconds(60));
        assertThat(frozen.path("detail").asText()).contains("updates are frozen until").contains("only fixes pass");
        announce(build("5.0.1", 6, "--fix"), true);
        awaitUpdate(update -> update.path("running").asText().equals("5.0.1")
                && update.path("state").asText().equals("INSTALLED"), Duration.ofSeconds(120));
    }

    @Test
    void aSigkillAtEveryStepLeavesTheStoreOnAVerifiedRelease() throws Exception {
        openHeadOffice(Duration.ofHours(-1), Duration.ofSeconds(10));
        Process supervisor = supervise();
        awaitUpdate(update -> update.path("running").asText().equals("first"), Duration.ofSeconds(90));

        // Killed half way through a download: the old release runs, and the download goes on from where it stopped.
        post(office.sim() + "/release-rate?bytesPerSecond=4000000");
        run(office.build());
        run(office.announce());
        awaitUpdate(update -> update.path("state").asText().equals("DOWNLOADING")
                && update.path("bytes").asLong() > 4_000_000, Duration.ofSeconds(60));
        killWithEverythingItStarted(supervisor);
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/current")).toString())
                .endsWith("first/content");
        post(office.sim() + "/release-rate?bytesPerSecond=0");
        supervisor = supervise();
        awaitUpdate(update -> update.path("running").asText().equals("1.2.0")
                && update.path("state").asText().equals("INSTALLED"), Duration.ofSeconds(150));
        assertThat(JSON.readTree(get(office.sim() + "/release-rate").body()).path("rangeRequests").asLong())
                .as("the second try asked for the rest only").isPositive();

        // Killed at the gate (an incident freeze holds the release): it waits there again after the restart.
        run("sign --store 0421 --type FREEZE --freeze-for PT1H --reason incident " + office.signWith());
        announce(build("1.3.0", 3), true);
        awaitUpdate(update -> update.path("state").asText().equals("WAITING")
                && update.path("detail").asText().contains("frozen"), Duration.ofSeconds(60));
        killWithEverythingItStarted(supervisor);
        supervisor = supervise();
        JsonNode held = awaitUpdate(update -> update.path("running").asText().equals("1.2.0")
                && update.path("state").asText().equals("WAITING"), Duration.ofSeconds(90));
        assertThat(held.path("version").asText()).isEqualTo("1.3.0");
        assertThat(Files.readSymbolicLink(office.data().resolve("store-0421/releases/current")).toString())
                .endsWith("1.2.0/content");

        // Killed in the health window, before the new release confirmed: the store comes back on the old one.
        run("sign --store 0421 --type FREEZE --freeze-for PT0S --reason lifted " + office.signWith());
        awaitUpdate(update -> update.path("state").asText().equals("CHECKING")
                && update.path("running").asText().equals("1.3.0"), Duration.ofSeconds(120));
        killWithEverythingItStarted(supervisor);
        supervisor = supervise();
        JsonNode back = awaitUpdate(update -> update.path("state").asText().equals("ROLLED_BACK")
                && update.path("running").asText().equals("1.2.0"), Duration.ofSeconds(120));
        assertThat(back.path("detail").asText()).contains("1.3.0 was started 2 times without confirming its health");

        // Killed after the new release confirmed: it is kept.
        announce(build("1.4.0", 4), true);
        awaitUpdate(update -> update.path("state").asText().equals("INSTALLED")
                && update.path("running").asText().equals("1.4.0"), Duration.ofSeconds(150));
        killWithEverythingItStarted(supervisor);
        supervise();
        JsonNode kept = awaitUpdate(update -> update.path("running").asText().equals("1.4.0"), Duration.ofSeconds(90));
        assertThat(kept.path("state").asText()).isEqualTo("INSTALLED");
        assertThat(office.data().resolve("store-0421/releases/releases/1.4.0/switch-kept.json")).exists();
    }

    /** Head office, with the store's update window opening {@code windowOpensIn} from now (negative: open). */
    private void openHeadOffice(Duration windowOpensIn, Duration healthSoak) throws Exception {
        int port = freePort();
        Path data = folder.resolve("head-office");
        Process central = launch(folder, "demo", "--central-only", "--port", String.valueOf(port), "--sim-port", "0",
                "--mqtt-port", "0", "--data", data.toString());
        started.add(central);
        List<String> printed = readUntil(central, "Press Ctrl+C", Duration.ofSeconds(90));
        Path config = Path.of(find(Pattern.compile("store config\\s+(\\S+)"), printed));
        String announce = find(ANNOUNCE_LINE, printed);
        office = new HeadOffice(data, config, find(CENTRAL_SWITCHES, printed), "http://127.0.0.1:" + port,
                find(BUILD_LINE, printed), announce, announce.substring(announce.indexOf("--urgent") + 9));

        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss");
        LocalTime opens = LocalTime.now(ZoneId.of("Europe/London")).plus(windowOpensIn);
        String yaml = Files.readString(config).replace("    quiet-for: PT10S\n", "    quiet-for: PT2S\n"
                + "    window-start: \"" + opens.format(hms) + "\"\n"
                + "    window-end: \"" + opens.plusHours(2).format(hms) + "\"\n"
                + "    health-window: PT30S\n    health-soak: " + healthSoak + "\n    check-every: PT0.5S\n");
        Files.writeString(config, yaml);

        Process staff = launch(folder, "staff", "add", "--config", config.toString(), "--id", "S1001", "--name", "Priya");
        staff.getOutputStream().write("1234\n".getBytes(StandardCharsets.UTF_8));
        staff.getOutputStream().close();
        assertThat(staff.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(staff.exitValue()).as(output(staff)).isZero();
    }

    private Process supervise() throws IOException {
        Process supervisor = launchLogged(folder, folder.resolve("store.log"), "supervise", "--config",
                office.config().toString());
        started.add(supervisor);
        return supervisor;
    }

    /** SIGKILL to the supervisor and the gateway it started at once, as a power cut would. */
    private void killWithEverythingItStarted(Process supervisor) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(supervisor.toHandle().descendants().toList());
        tree.add(supervisor.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            process.onExit().join();
        }
        started.remove(supervisor);
    }

    /** A release of the packaged jar under {@code version}, signed by two release keys unless told otherwise. */
    private Path build(String version, long number, String... more) throws Exception {
        return build(version, number, !Arrays.asList(more).contains("--sign-with"), more);
    }

    private Path build(String version, long number, boolean signTwice, String... more) throws Exception {
        Path bundle = office.shelf().resolve("holdfast-" + version + "-" + number + "-" + System.nanoTime() + ".zip");
        List<String> args = new ArrayList<>(List.of("release", "build", "--jar", Launched.JAR.toString(), "--libs",
                LIBS.toString(), "--version", version, "--release", String.valueOf(number), "--out", bundle.toString()));
        if (!Arrays.asList(more).contains("--minimum-schema")) {
            args.addAll(List.of("--minimum-schema", String.valueOf(DemoCommand.MINIMUM_SCHEMA)));
        }
        if (signTwice) {
            args.addAll(List.of("--sign-with", key(1), "--sign-with", key(2)));
        }
        args.addAll(List.of(more));
        Process build = launch(folder, args.toArray(String[]::new));
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(output(build)).isZero();
        return bundle;
    }

    private String key(int n) {
        return "demo-release-" + n + "=" + office.data().resolve("demo-release-" + n + ".key");
    }

    private void announce(Path bundle, boolean urgent) throws Exception {
        List<String> args = new ArrayList<>(List.of("sign", "--store", "0421", "--type", "UPDATE_AVAILABLE", "--bundle",
                bundle.toString()));
        if (urgent) {
            args.add("--urgent");
        }
        args.addAll(List.of(office.signWith().split(" ")));
        run(String.join(" ", args));
    }

    /** Runs a command line as printed (after {@code ./holdfast}) and wants it to succeed. */
    private void run(String commandLine) throws Exception {
        Process process = launch(folder, commandLine.split(" "));
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(commandLine + "\n" + output(process)).isZero();
    }

    private void assertRefusedFromUsb(Path bundle, String code) throws Exception {
        Process install = launch(folder, "update", "install", bundle.toString(), "--config", office.config().toString());
        assertThat(install.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = output(install);
        assertThat(install.exitValue()).as(said).isEqualTo(3);
        assertThat(said).contains("refused (" + code + ")");
        JsonNode update = update();
        assertThat(update.path("state").asText()).isEqualTo("REFUSED");
        assertThat(update.path("detail").asText()).startsWith(code + ":");
    }

    /** The same bundle with different bytes in its jar; the manifest and its signatures are left as they were. */
    private static Path tamper(Path bundle) throws IOException {
        Path tampered = bundle.resolveSibling("tampered-" + bundle.getFileName());
        try (ZipFile zip = new ZipFile(bundle.toFile());
             OutputStream out = Files.newOutputStream(tampered);
             ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry : zip.stream().toList()) {
                copy.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readAllBytes();
                    if (entry.getName().equals("files/holdfast.jar")) {
                        bytes[bytes.length / 2] ^= 0x5a;
                    }
                    copy.write(bytes);
                }
                copy.closeEntry();
            }
        }
        return tampered;
    }

    private JsonNode update() throws IOException, InterruptedException {
        return JSON.readTree(get(office.base() + "/api/v1/status").body()).path("update");
    }

    private JsonNode awaitUpdate(java.util.function.Predicate<JsonNode> wanted, Duration within) {
        return await().atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(this::update, wanted::test);
    }

    private static void post(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
