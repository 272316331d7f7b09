package io.holdfast.gateway.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * One page and its script and style, served from the gateway's jar: {@code /desk},
 * {@code /desk/page.js}, {@code /desk/page.css}, the script the pages share, {@code /desk/api.js},
 * and any further scripts of the page ({@code /desk/returns.js}). No build step: plain HTML, CSS and
 * JavaScript.
 */
public final class PageService implements HttpService {

    private final Map<String, byte[]> files;
    private final List<String> alsoAt;

    /** @param scripts the page's further scripts, beside {@code page.js} in its folder */
    public PageService(String page, String... scripts) {
        this(page, List.of(), scripts);
    }

    /**
     * @param alsoAt path templates that answer with the page too ({@code /day/{date}}), for pages
     *               whose address names what they show; its files are then linked by absolute paths
     */
    public PageService(String page, List<String> alsoAt, String... scripts) {
        this.alsoAt = List.copyOf(alsoAt);
        Map<String, byte[]> loaded = new java.util.HashMap<>(Map.of(
                "index.html", load(page, "index.html"),
                "page.js", load(page, "page.js"),
                "page.css", load(page, "page.css"),
                "api.js", load("shared", "api.js")));
        for (String script : scripts) {
            loaded.put(script, load(page, script));
        }
        this.files = Map.copyOf(loaded);
    }

    private static String type(String file) {
        return file.endsWith(".html") ? "text/html; charset=utf-8"
                : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> send(response, "index.html"));
        for (String path : alsoAt) {
            rules.get(path, (request, response) -> send(response, "index.html"));
        }
        rules.get("/{file}", this::file);
    }

    private void file(ServerRequest request, ServerResponse response) {
        String file = request.path().pathParameters().get("file");
        if (!files.containsKey(file)) {
            throw new io.holdfast.gateway.http.ProblemException(404, "not-found", "There is nothing at this address",
                    "No page file " + file + ".");
        }
        send(response, file);
    }

    private void send(ServerResponse response, String file) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, type(file));
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.send(files.get(file));
    }

    private static byte[] load(String page, String file) {
        String resource = "/pages/" + page + "/" + file;
        try (InputStream in = PageService.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
