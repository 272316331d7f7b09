package io.holdfast.gateway.returns;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The languages a customer can use the kiosk in, each one message bundle: British English and Welsh.
 * The store's first language comes from its policy; a customer's own choice travels with each of
 * their requests as {@code Accept-Language}, so it lasts exactly as long as their session on the page.
 */
public final class KioskLanguages {

    /** A kiosk language, named in itself for the switch on the first screen. */
    public enum Language {
        EN("en", "English", Locale.UK),
        CY("cy", "Cymraeg", Locale.of("cy", "GB"));

        private final String code;
        private final String ownName;
        private final Locale locale;

        Language(String code, String ownName, Locale locale) {
            this.code = code;
            this.ownName = ownName;
            this.locale = locale;
        }

        public String code() {
            return code;
        }

        public String ownName() {
            return ownName;
        }

        /** The language a tag such as {@code cy}, {@code cy-GB} or {@code en-GB,en;q=0.8} asks for first; empty for others. */
        public static Optional<Language> of(String tag) {
            String first = tag.split(",")[0].strip().toLowerCase(Locale.ROOT);
            for (Language language : values()) {
                if (first.equals(language.code) || first.startsWith(language.code + "-")) {
                    return Optional.of(language);
                }
            }
            return Optional.empty();
        }
    }

    private final Map<Language, KioskText> texts = new EnumMap<>(Language.class);
    private final Supplier<Language> first;

    /** @param first the store's first language, as its policy says now */
    public KioskLanguages(Supplier<Language> first) {
        for (Language language : Language.values()) {
            texts.put(language, new KioskText(language.locale));
        }
        this.first = first;
    }

    public Language first() {
        return first.get();
    }

    public List<Language> all() {
        return List.of(Language.values());
    }

    public KioskText text(Language language) {
        return texts.get(language);
    }

    /** The words for a request: the language it asks for if the kiosk has it, else the store's first. */
    public KioskText forRequest(ServerRequest request) {
        return text(request.headers().first(HeaderNames.ACCEPT_LANGUAGE).flatMap(Language::of).orElseGet(first));
    }
}
