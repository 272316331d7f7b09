package io.holdfast.gateway.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * One page and its script and style, served from the gateway's jar: {@code /desk},
 * {@code /desk/page.js}, {@code /desk/page.css}, and the script the pages share, {@code /desk/api.js}.
 * No build step: plain HTML, CSS and JavaScript.
 */
public final class PageService implements HttpService {

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "page.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files;

    public PageService(String page) {
        this.files = Map.of(
                "index.html", load(page, "index.html"),
                "page.js", load(page, "page.js"),
                "page.css", load(page, "page.css"),
                "api.js", load("shared", "api.js"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (request, response) -> send(response, "index.html"))
                .get("/{file}", this::file);
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
        response.header(HeaderNames.CONTENT_TYPE, TYPES.get(file));
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
