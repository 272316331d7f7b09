package io.holdfast.gateway.pages;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import io.holdfast.gateway.http.Json;
import io.holdfast.gateway.http.ProblemException;
import io.holdfast.gateway.returns.KioskLanguages;

/**
 * The self-serve kiosk page, and what it needs before a customer touches it: every word it shows in
 * each of its languages ({@code /kiosk/messages?lang=cy}, one message bundle each; without
 * {@code lang}, the store's first language), its idle timeout and its languages ({@code /kiosk/settings}).
 */
public final class KioskPageService implements HttpService {

    private final PageService page = new PageService("kiosk");
    private final KioskLanguages languages;
    private final Duration idleTimeout;

    public KioskPageService(KioskLanguages languages, Duration idleTimeout) {
        this.languages = languages;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/messages", this::messages)
                .get("/settings", (request, response) -> Json.send(response, Status.OK_200, Map.of(
                        "idleTimeoutSeconds", idleTimeout.toSeconds(),
                        "firstLanguage", languages.first().code(),
                        "languages", languages.all().stream().map(language -> Map.of("code", language.code(),
                                "name", language.ownName())).toList())));
        page.routing(rules);
    }

    private void messages(ServerRequest request, ServerResponse response) {
        Optional<String> asked = request.query().first("lang").asOptional();
        KioskLanguages.Language language = asked.map(code -> KioskLanguages.Language.of(code)
                .orElseThrow(() -> new ProblemException(400, "language-unknown", "No such kiosk language",
                        "The kiosk speaks " + languages.all().stream().map(KioskLanguages.Language::code).toList()
                                + ", not '" + code + "'."))).orElseGet(languages::first);
        Json.send(response, Status.OK_200, languages.text(language).all());
    }
}
