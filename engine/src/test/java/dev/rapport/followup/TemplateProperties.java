package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.template.Template;
import dev.rapport.test.SettableClock;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile template keys and texts: refused by name with nothing stored, or stored and read back exactly. */
class TemplateProperties {

    @Property(tries = 500)
    @Label("a hostile key is refused naming the key, and nothing is stored")
    void hostileKeysRefused(@ForAll("hostileKeys") String key) {
        // given
        InMemoryTemplateStore store = new InMemoryTemplateStore();
        Templates templates = new Templates(store, SettableClock.at("2026-01-01T00:00:00Z"));

        // when
        ValidationException refused = catchThrowableOfType(() -> templates.put(key, Locale.ROOT, "Hello"),
                ValidationException.class);

        // then
        assertThat(refused).isNotNull();
        assertThat(refused.violations()).extracting(ValidationException.Violation::field).containsExactly("key");
        assertThat(key == null ? java.util.List.of() : store.findByKey(key)).isEmpty();
    }

    @Property(tries = 1000)
    @Label("any text is either stored and rendered, or refused naming the text, and then nothing is stored")
    void hostileTextsRefusedOrStored(@ForAll("hostileTexts") String text) {
        // given
        InMemoryTemplateStore store = new InMemoryTemplateStore();
        Templates templates = new Templates(store, SettableClock.at("2026-01-01T00:00:00Z"));

        // when
        ValidationException refused = catchThrowableOfType(() -> templates.put("greeting", Locale.GERMAN, text),
                ValidationException.class);

        // then
        if (refused != null) {
            assertThat(refused.violations()).extracting(ValidationException.Violation::field).containsOnly("text");
            assertThat(store.findByKey("greeting")).isEmpty();
        } else {
            assertThat(store.find("greeting", Locale.GERMAN)).map(Template::text).contains(text);
            Map<String, String> values = new java.util.HashMap<>();
            dev.rapport.followup.MessageTemplate.parse(text).placeholders().forEach(p -> values.put(p, "\u0000v"));
            String rendered = templates.render("greeting", Locale.forLanguageTag("de-CH"), values);
            assertThat(dev.rapport.spi.validation.PlainTextValidator.isPlainText(rendered, true)).isTrue();
        }
    }

    @Provide
    Arbitrary<String> hostileKeys() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.just(""),
                Arbitraries.strings().withChars("abcXYZ09 _.-{}/\\'\";%\u0000\u202e\uD83D").ofMinLength(1)
                        .ofMaxLength(80).filter(k -> !Template.isKey(k)),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(Template.MAX_KEY + 1),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(5));
    }

    @Provide
    Arbitrary<String> hostileTexts() {
        Arbitrary<String> pieces = Arbitraries.of("Hello ", "{customerName}", "{", "}", "{{", "}}", "{ }",
                "{9lives}", "{a.b-c_d}", "\u0000", "\u001b", "\n", "\t", "\r\n", "\uD83D", "\uDE00",
                "\uD83D\uDE00", "\u202e", "e\u0301", "'; DROP TABLE template; --", "{" + "x".repeat(70) + "}", " ");
        return Arbitraries.oneOf(
                pieces.list().ofMinSize(0).ofMaxSize(12).map(list -> String.join("", list)),
                Arbitraries.just("x".repeat(Template.MAX_TEXT + 1)),
                Arbitraries.just("   \n\t "));
    }
}
