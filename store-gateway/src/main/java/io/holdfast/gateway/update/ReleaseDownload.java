package io.holdfast.gateway.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Fetches a release bundle from the release server into {@code <name>.part}, going on from where an
 * earlier try stopped with an HTTP {@code Range} request, and renames it to {@code <name>} once all
 * of it is there. Whether it is the right bundle is checked afterwards, by its hash.
 */
final class ReleaseDownload {

    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration READ = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** What was fetched: the file, and how many bytes came from an earlier try. */
    record Fetched(Path file, long resumedFrom) {
    }

    /**
     * @param progress told the bytes on disk as they arrive (out of the total it is told first, via {@code total})
     */
    Fetched fetch(URI server, String name, Path folder, LongConsumer total, LongConsumer progress)
            throws IOException, InterruptedException {
        if (!name.matches("[A-Za-z0-9._-]{1,200}") || name.startsWith(".")) {
            throw new IOException("a bundle's name on the release server is letters, digits, '.', '_' or '-': '"
                    + name + "'");
        }
        Files.createDirectories(folder);
        Path done = folder.resolve(name);
        if (Files.exists(done)) {
            return new Fetched(done, Files.size(done));
        }
        Path part = folder.resolve(name + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(name)).timeout(READ).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            long resumedFrom;
            StandardOpenOption mode;
            if (response.statusCode() == 206 && have > 0) {
                resumedFrom = have;
                mode = StandardOpenOption.APPEND;
            } else if (response.statusCode() == 200) {
                resumedFrom = 0;
                mode = StandardOpenOption.TRUNCATE_EXISTING;
            } else if (response.statusCode() == 416 && have > 0) {
                // The part is as long as the file or longer: start again rather than guess.
                Files.delete(part);
                throw new IOException("the release server refused the range from byte " + have + "; starting again");
            } else {
                throw new IOException("the release server answered " + response.statusCode() + " for " + name);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            total.accept(length < 0 ? -1 : resumedFrom + length);
            AtomicLong written = new AtomicLong(resumedFrom);
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    mode)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    out.write(buffer, 0, read);
                    progress.accept(written.addAndGet(read));
                }
            }
            if (length >= 0 && written.get() != resumedFrom + length) {
                throw new IOException("the download of " + name + " stopped at byte " + written.get() + " of "
                        + (resumedFrom + length) + "; it goes on from there next time");
            }
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
            return new Fetched(done, resumedFrom);
        }
    }
}
