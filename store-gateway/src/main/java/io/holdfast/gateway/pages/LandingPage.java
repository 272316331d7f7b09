package io.holdfast.gateway.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /}: what this gateway offers, with links, for whoever opens it in a browser. */
public final class LandingPage {

    private static final byte[] PAGE = load();

    private LandingPage() {
    }

    public static void show(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.send(PAGE);
    }

    private static byte[] load() {
        try (InputStream in = LandingPage.class.getResourceAsStream("/pages/index.html")) {
            if (in == null) {
                throw new IllegalStateException("pages/index.html is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pages/index.html from the gateway's jar", e);
        }
    }
}
