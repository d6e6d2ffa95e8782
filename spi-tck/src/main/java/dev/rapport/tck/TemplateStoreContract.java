package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.template.Template;
import dev.rapport.spi.template.TemplateStore;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TemplateStore}, as its Javadoc states it: exact lookup by key and locale tag, replace on a
 * second put, ordered listing by key, removal, exact round trip of the text. Subclass it once per store and hand
 * each test an empty store from {@link #emptyStore()}.
 */
public abstract class TemplateStoreContract {

    /** How many tests this contract runs; the kit's self-test checks the figure the docs state. */
    public static final int CONTRACT_TESTS = 10;

    private static final Instant AT = Instant.parse("2026-03-01T09:15:30.123456Z");
    private static final Locale DE_CH = Locale.forLanguageTag("de-CH");

    private TemplateStore store;

    /**
     * A store holding no templates, for one test.
     *
     * @return the store under test, emptied
     */
    protected abstract TemplateStore emptyStore();

    @BeforeEach
    void freshStore() {
        store = emptyStore();
    }

    private static Template template(String key, Locale locale, String text) {
        return new Template(key, locale, text, AT);
    }

    @Test
    @DisplayName("a stored template reads back equal under its key and locale")
    void storedTemplateReadsBack() {
        // given
        Template stored = store.put(template("case_acknowledgement", DE_CH, "Grüezi {customerName}"));

        // when / then
        assertThat(stored).isEqualTo(template("case_acknowledgement", DE_CH, "Grüezi {customerName}"));
        assertThat(store.find("case_acknowledgement", DE_CH)).contains(stored);
    }

    @Test
    @DisplayName("a second put for the same key and locale replaces the text")
    void secondPutReplaces() {
        // given
        store.put(template("survey", Locale.ROOT, "old"));

        // when
        store.put(new Template("survey", Locale.ROOT, "new", AT.plusSeconds(60)));

        // then
        assertThat(store.find("survey", Locale.ROOT)).hasValueSatisfying(t -> {
            assertThat(t.text()).isEqualTo("new");
            assertThat(t.updatedAt()).isEqualTo(AT.plusSeconds(60));
        });
        assertThat(store.findByKey("survey")).hasSize(1);
    }

    @Test
    @DisplayName("find is exact: no fallback between a region, its language and the default, either way")
    void findIsExact() {
        // given
        store.put(template("greeting", DE_CH, "Grüezi"));
        store.put(template("farewell", Locale.GERMAN, "Tschüss"));
        store.put(template("farewell", Locale.ROOT, "Bye"));

        // when / then
        assertThat(store.find("farewell", DE_CH)).isEmpty();
        assertThat(store.find("farewell", Locale.forLanguageTag("en"))).isEmpty();
        assertThat(store.find("greeting", Locale.GERMAN)).isEmpty();
        assertThat(store.find("greeting", Locale.ROOT)).isEmpty();
        assertThat(store.find("greeting", Locale.forLanguageTag("de-AT"))).isEmpty();
    }

    @Test
    @DisplayName("locales compare by their language tag")
    void localesCompareByTag() {
        // given
        store.put(template("greeting", Locale.GERMAN, "Hallo"));

        // when / then
        assertThat(store.find("greeting", Locale.forLanguageTag("de"))).map(Template::text).contains("Hallo");
        assertThat(store.find("greeting", new Locale("de"))).map(Template::text).contains("Hallo");
    }

    @Test
    @DisplayName("the templates of a key are listed one per locale, ordered by tag, and no other key's")
    void findByKeyListsLocalesInOrder() {
        // given
        store.put(template("greeting", DE_CH, "Grüezi"));
        store.put(template("greeting", Locale.ROOT, "Hello"));
        store.put(template("greeting", Locale.GERMAN, "Hallo"));
        store.put(template("greeting-2", Locale.GERMAN, "other"));

        // when / then
        assertThat(store.findByKey("greeting")).extracting(Template::localeTag).containsExactly("de", "de-CH", "und");
        assertThat(store.findByKey("nothing")).isEmpty();
    }

    @Test
    @DisplayName("a removed template is gone and a second removal says so")
    void removeRemoves() {
        // given
        store.put(template("greeting", Locale.GERMAN, "Hallo"));
        store.put(template("greeting", Locale.ROOT, "Hello"));

        // when / then
        assertThat(store.remove("greeting", Locale.GERMAN)).isTrue();
        assertThat(store.remove("greeting", Locale.GERMAN)).isFalse();
        assertThat(store.find("greeting", Locale.GERMAN)).isEmpty();
        assertThat(store.find("greeting", Locale.ROOT)).isPresent();
    }

    @Test
    @DisplayName("keys compare exactly: similar keys are different templates")
    void keysCompareExactly() {
        // given
        store.put(template("a.b", Locale.ROOT, "dot"));
        store.put(template("a-b", Locale.ROOT, "dash"));
        store.put(template("a_b", Locale.ROOT, "underscore"));

        // when / then
        assertThat(store.find("a.b", Locale.ROOT)).map(Template::text).contains("dot");
        assertThat(store.find("a-b", Locale.ROOT)).map(Template::text).contains("dash");
        assertThat(store.find("a_b", Locale.ROOT)).map(Template::text).contains("underscore");
        assertThat(store.find("a%b", Locale.ROOT)).isEmpty();
    }

    @Test
    @DisplayName("text reads back exactly: line breaks, tabs, braces, combining marks, emoji and the longest text")
    void textRoundTripsExactly() {
        // given
        String tricky = "Line one\r\nLine two\n\tTabbed {{braces}} e\u0301 \uD83D\uDE00 ' \" \\ % _ ;";
        String longest = "x".repeat(Template.MAX_TEXT - 1) + "y";

        // when
        store.put(template("tricky", Locale.ROOT, tricky));
        store.put(template("longest", Locale.ROOT, longest));

        // then
        assertThat(store.find("tricky", Locale.ROOT)).map(Template::text).contains(tricky);
        assertThat(store.find("longest", Locale.ROOT)).map(Template::text).contains(longest);
    }

    @Test
    @DisplayName("the longest key and a long locale tag read back exactly")
    void longestKeyAndLocaleRoundTrip() {
        // given
        String key = "k" + "a".repeat(Template.MAX_KEY - 1);
        Locale locale = Locale.forLanguageTag("zh-Hant-TW-u-ca-chinese");

        // when
        store.put(template(key, locale, "long"));

        // then
        assertThat(store.find(key, locale)).hasValueSatisfying(t -> {
            assertThat(t.key()).isEqualTo(key);
            assertThat(t.locale()).isEqualTo(locale);
        });
    }

    @Test
    @DisplayName("a null argument is refused with a NullPointerException")
    void nullArgumentsRefused() {
        assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.find(null, Locale.ROOT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.find("greeting", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.findByKey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.remove(null, Locale.ROOT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.remove("greeting", null)).isInstanceOf(NullPointerException.class);
    }
}
