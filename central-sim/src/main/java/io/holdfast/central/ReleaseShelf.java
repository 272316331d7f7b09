package io.holdfast.central;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Head office's release server, for the demo and the tests: serves the bundles in one folder by
 * name, whole or from a byte on ({@code Range: bytes=N-}, answered 206), at a rate the switchboard
 * can slow down so a download can be interrupted half way.
 */
public final class ReleaseShelf implements HttpService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern FROM = Pattern.compile("bytes=(\\d+)-");

    private volatile Optional<Path> folder = Optional.empty();
    private volatile long bytesPerSecond;
    private final AtomicLong rangeRequests = new AtomicLong();

    /** Serve the bundles in {@code folder}. */
    public void serveFrom(Path folder) {
        this.folder = Optional.of(folder.toAbsolutePath());
    }

    /** At most this many bytes a second to each download; 0: as fast as it goes. */
    public void limit(long bytesPerSecond) {
        this.bytesPerSecond = Math.max(0, bytesPerSecond);
    }

    /** Downloads that asked to go on from a byte. */
    public long rangeRequests() {
        return rangeRequests.get();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{name}", this::serve);
    }

    /** {@code POST /sim/release-rate?bytesPerSecond=N}: slows downloads down (0: as fast as they go). */
    void setRate(ServerRequest request, ServerResponse response) {
        try {
            limit(request.query().first("bytesPerSecond").map(Long::parseLong).orElse(0L));
        } catch (NumberFormatException e) {
            response.status(Status.BAD_REQUEST_400).send("bytesPerSecond is a whole number\n");
            return;
        }
        showRate(request, response);
    }

    /** {@code GET /sim/release-rate}: the limit, and how many downloads went on from a byte. */
    void showRate(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "application/json")
                .send("{\"bytesPerSecond\":" + bytesPerSecond + ",\"rangeRequests\":" + rangeRequests.get() + "}");
    }

    private void serve(ServerRequest request, ServerResponse response) throws IOException {
        String name = request.path().pathParameters().get("name");
        Optional<Path> file = folder.filter(f -> NAME.matcher(name).matches() && !name.startsWith("."))
                .map(f -> f.resolve(name)).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            response.status(Status.NOT_FOUND_404).send("no release bundle " + name + "\n");
            return;
        }
        long size = Files.size(file.get());
        long from = 0;
        Optional<String> range = request.headers().first(HeaderNames.RANGE);
        if (range.isPresent()) {
            Matcher matcher = FROM.matcher(range.get());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) >= size) {
                response.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416)
                        .header(HeaderNames.CONTENT_RANGE, "bytes */" + size).send();
                return;
            }
            from = Long.parseLong(matcher.group(1));
            rangeRequests.incrementAndGet();
            response.status(Status.PARTIAL_CONTENT_206)
                    .header(HeaderNames.CONTENT_RANGE, "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        response.header(HeaderNames.ACCEPT_RANGES, "bytes");
        response.header(HeaderNames.CONTENT_TYPE, "application/zip");
        response.contentLength(size - from);
        try (InputStream in = Files.newInputStream(file.get()); OutputStream out = response.outputStream()) {
            in.skipNBytes(from);
            byte[] buffer = new byte[16 * 1024];
            long started = System.nanoTime();
            long sent = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                sent += read;
                long rate = bytesPerSecond;
                if (rate > 0) {
                    long due = sent * 1_000_000_000L / rate - (System.nanoTime() - started);
                    if (due > 0) {
                        out.flush();
                        sleep(due);
                    }
                }
            }
        }
    }

    private static void sleep(long nanos) throws IOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending a release", e);
        }
    }
}
