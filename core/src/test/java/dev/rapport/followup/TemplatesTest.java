package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.template.Template;
import dev.rapport.test.SettableClock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Templates with locale fallback")
class TemplatesTest {

    private static final Locale DE_CH = Locale.forLanguageTag("de-CH");

    private final InMemoryTemplateStore store = new InMemoryTemplateStore();
    private final Templates templates = new Templates(store, SettableClock.at("2026-03-02T09:00:00Z"));

    @Test
    @DisplayName("the customer's own locale wins over its language and the default")
    void ownLocaleWins() {
        // given
        templates.put("greeting", Locale.ROOT, "Hello {customerName}");
        templates.put("greeting", Locale.GERMAN, "Hallo {customerName}");
        templates.put("greeting", DE_CH, "Grüezi {customerName}");

        // when
        String text = templates.render("greeting", DE_CH, Map.of("customerName", "Ada"));

        // then
        assertThat(text).isEqualTo("Grüezi Ada");
    }

    @Test
    @DisplayName("without a text for the region, the language's is used, and without that the default")
    void fallsBackToLanguageThenDefault() {
        // given
        templates.put("greeting", Locale.ROOT, "Hello {customerName}");
        templates.put("greeting", Locale.GERMAN, "Hallo {customerName}");

        // when / then
        assertThat(templates.render("greeting", DE_CH, Map.of("customerName", "Ada"))).isEqualTo("Hallo Ada");
        assertThat(templates.render("greeting", Locale.forLanguageTag("fr-CH"), Map.of("customerName", "Ada")))
                .isEqualTo("Hello Ada");
    }

    @Test
    @DisplayName("a locale with script and variant drops them one by one before the language")
    void fallbackChainDropsScriptAndVariant() {
        // when
        List<Locale> chain = Templates.fallbacks(Locale.forLanguageTag("sr-Latn-RS-u-nu-latn"));

        // then
        assertThat(chain).extracting(Locale::toLanguageTag)
                .containsExactly("sr-Latn-RS-u-nu-latn", "sr-Latn-RS", "sr-RS", "sr-Latn", "sr", "und");
        assertThat(Templates.fallbacks(Locale.ROOT)).containsExactly(Locale.ROOT);
    }

    @Test
    @DisplayName("a key with no template anywhere is reported by key and locale")
    void missingTemplateNamed() {
        assertThatThrownBy(() -> templates.render("nothing", DE_CH, Map.of()))
                .isInstanceOfSatisfying(TemplateNotFoundException.class, e -> {
                    assertThat(e.key()).isEqualTo("nothing");
                    assertThat(e.locale()).isEqualTo(DE_CH);
                });
        assertThat(templates.renderIfPresent("nothing", DE_CH, Map.of())).isEmpty();
        assertThat(templates.renderOr("nothing", DE_CH, Map.of("x", "1"), "fallback {x}")).isEqualTo("fallback 1");
    }

    @Test
    @DisplayName("a placeholder without a value is refused by its name")
    void missingValueNamed() {
        // given
        templates.put("greeting", Locale.ROOT, "Hello {customerName}, your case {caseSubject}");

        // when / then
        assertThatThrownBy(() -> templates.render("greeting", Locale.ENGLISH, Map.of("customerName", "Ada")))
                .isInstanceOfSatisfying(MissingTemplateValueException.class,
                        e -> assertThat(e.placeholder()).isEqualTo("caseSubject"));
    }

    @Test
    @DisplayName("a malformed template is refused naming the text and the syntax rule, and nothing is stored")
    void malformedTemplateRefused() {
        assertThatThrownBy(() -> templates.put("greeting", Locale.ROOT, "Hello {customer name}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo("text");
                            assertThat(v.rule()).isEqualTo("Syntax");
                        }));
        assertThat(store.findByKey("greeting")).isEmpty();
    }

    @Test
    @DisplayName("a bad key, locale and text are all named at once, and nothing is stored")
    void everyBadFieldNamed() {
        assertThatThrownBy(() -> templates.put("Bad Key", new Locale("no", "NO", "NY"), "Hi\u0000"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(ValidationException.Violation::field).containsExactly("key", "locale", "text"));
        assertThat(store.findByKey("Bad Key")).isEmpty();
    }

    @Test
    @DisplayName("rendered text is cleaned: control characters in values become replacement characters")
    void renderedTextIsCleaned() {
        // given
        templates.put("greeting", Locale.ROOT, "Hello {customerName}");

        // when
        String text = templates.render("greeting", Locale.ROOT, Map.of("customerName", "Ada\u0000\u001b\uD83D"));

        // then
        assertThat(text).isEqualTo("Hello Ada\uFFFD\uFFFD\uFFFD");
    }

    @Test
    @DisplayName("Rapport's acknowledgement keys have built-in English wording until the host stores its own")
    void builtInWordingIsTheLastFallback() {
        // given
        Map<String, String> values = Map.of("customerName", "Ada", "promisedAt", "Tuesday 10:00", "opensAt",
                "Monday 09:00");

        // when / then
        assertThat(templates.render(Templates.CASE_ACKNOWLEDGEMENT, DE_CH, values)).contains("by Tuesday 10:00");
        templates.put(Templates.CASE_ACKNOWLEDGEMENT, Locale.GERMAN, "Wir antworten bis {promisedAt}.");
        assertThat(templates.render(Templates.CASE_ACKNOWLEDGEMENT, DE_CH, values))
                .isEqualTo("Wir antworten bis Tuesday 10:00.");
        assertThat(templates.resolve(Templates.CASE_ACKNOWLEDGEMENT, Locale.FRENCH)).map(Template::locale)
                .contains(Locale.ROOT);
    }

    @Test
    @DisplayName("a put stamps the clock's time and replaces the earlier text; remove takes it away")
    void putReplacesAndRemoveRemoves() {
        // given
        templates.put("greeting", Locale.GERMAN, "Hallo");

        // when
        Template stored = templates.put("greeting", Locale.GERMAN, "Guten Tag");

        // then
        assertThat(stored.updatedAt()).isEqualTo(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(templates.resolve("greeting", DE_CH)).map(Template::text).contains("Guten Tag");
        assertThat(templates.remove("greeting", Locale.GERMAN)).isTrue();
        assertThat(templates.resolve("greeting", DE_CH)).isEmpty();
    }
}
