package io.holdfast.gateway.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.holdfast.money.Money;
import io.holdfast.policy.StorePolicies;
import io.holdfast.returns.Reason;
import io.holdfast.store.Database;
import io.holdfast.store.DatabaseSettings;
import io.holdfast.testing.TestClocks;

/**
 * The kiosk's words: the Welsh bundle has every key the English one has, with the same placeholders,
 * and says it awaits a fluent speaker's review; a store's policy can make Welsh its first language.
 */
class KioskTextTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    @TempDir
    Path folder;

    @Test
    void theWelshBundleHasEveryKeyWithTheSamePlaceholdersAndNothingElse() throws IOException {
        Properties english = bundle("KioskMessages.properties");
        Properties welsh = bundle("KioskMessages_cy.properties");

        Set<String> missing = new TreeSet<>(english.stringPropertyNames());
        missing.removeAll(welsh.stringPropertyNames());
        assertThat(missing).as("keys with no Welsh").isEmpty();
        Set<String> extra = new TreeSet<>(welsh.stringPropertyNames());
        extra.removeAll(english.stringPropertyNames());
        assertThat(extra).as("Welsh keys the English bundle does not have").isEmpty();
        for (String key : english.stringPropertyNames()) {
            assertThat(welsh.getProperty(key)).as(key).isNotBlank();
            assertThat(placeholders(welsh.getProperty(key))).as("the placeholders of " + key)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @Test
    void theWelshBundleSaysItAwaitsAFluentSpeakersReview() throws IOException {
        try (InputStream in = resource("KioskMessages_cy.properties")) {
            String header = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(5)
                    .reduce("", (a, b) -> a + b + "\n");
            assertThat(header).contains("FOR REVIEW").contains("fluent Welsh speaker");
        }
    }

    @Test
    void wordsAndAmountsComeInTheLanguageAsked() {
        KioskLanguages languages = new KioskLanguages(() -> KioskLanguages.Language.EN);
        KioskText welsh = languages.text(KioskLanguages.Language.CY);

        assertThat(welsh.render(Reason.of("refund.over-kiosk-limit", "limit", Money.of(10_000, "GBP"))))
                .isEqualTo("Rhoddir ad-daliadau dros £100.00 wrth y ddesg tra nad yw ein gwasanaeth ad-dalu ar gael.");
        assertThat(languages.text(KioskLanguages.Language.EN).text("kiosk.start.heading", Map.of()))
                .isEqualTo("Return something");
        assertThat(KioskLanguages.Language.of("cy-GB,en;q=0.5")).contains(KioskLanguages.Language.CY);
        assertThat(KioskLanguages.Language.of("fr")).isEmpty();
    }

    @Test
    void aStoresPolicyCanMakeWelshTheFirstLanguage() {
        try (Database database = Database.open(DatabaseSettings.of(folder.resolve("holdfast.db")))) {
            StorePolicies policies = new StorePolicies(database, TestClocks.fixed());
            KioskLanguages languages = KioskPolicy.languages(policies);
            assertThat(languages.first()).as("English until a policy says otherwise").isEqualTo(KioskLanguages.Language.EN);

            policies.install(7, "{\"kiosk\": {\"firstLanguage\": \"cy\"}}", "regional-it");

            assertThat(languages.first()).isEqualTo(KioskLanguages.Language.CY);
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static InputStream resource(String file) {
        InputStream in = KioskTextTest.class.getResourceAsStream("/io/holdfast/gateway/returns/" + file);
        assertThat(in).as(file).isNotNull();
        return in;
    }
}
