package io.holdfast.gateway.pages;

import java.time.Duration;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.returns.KioskText;

/**
 * The self-serve kiosk page, and what it needs before a customer touches it: every word it shows
 * ({@code /kiosk/messages}, from the one message bundle) and its idle timeout ({@code /kiosk/settings}).
 */
public final class KioskPageService implements HttpService {

    private final PageService page = new PageService("kiosk");
    private final Map<String, String> messages;
    private final Duration idleTimeout;

    public KioskPageService(KioskText text, Duration idleTimeout) {
        this.messages = text.all();
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/messages", (request, response) -> Json.send(response, Status.OK_200, messages))
                .get("/settings", (request, response) -> Json.send(response, Status.OK_200,
                        Map.of("idleTimeoutSeconds", idleTimeout.toSeconds())));
        page.routing(rules);
    }
}
