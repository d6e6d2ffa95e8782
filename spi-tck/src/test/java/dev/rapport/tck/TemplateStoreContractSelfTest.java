package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rapport.spi.template.Template;
import dev.rapport.spi.template.TemplateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The template store contract passes on a correct store and fails on one that falls back by itself. */
@DisplayName("The template store contract")
class TemplateStoreContractSelfTest {

    /** A correct store over a map, keyed by key and tag. */
    static class MapStore implements TemplateStore {
        final Map<String, Template> templates = new ConcurrentHashMap<>();

        String id(String key, Locale locale) {
            return Objects.requireNonNull(key) + "|" + Objects.requireNonNull(locale).toLanguageTag();
        }

        @Override
        public Template put(Template template) {
            templates.put(id(template.key(), template.locale()), Objects.requireNonNull(template));
            return template;
        }

        @Override
        public Optional<Template> find(String key, Locale locale) {
            return Optional.ofNullable(templates.get(id(key, locale)));
        }

        @Override
        public List<Template> findByKey(String key) {
            Objects.requireNonNull(key);
            List<Template> found = new ArrayList<>(templates.values().stream().filter(t -> t.key().equals(key))
                    .toList());
            found.sort(Comparator.comparing(Template::localeTag));
            return found;
        }

        @Override
        public boolean remove(String key, Locale locale) {
            return templates.remove(id(key, locale)) != null;
        }
    }

    /** A store that answers a lookup with the language's template when the region has none: not its job. */
    static class FallingBackStore extends MapStore {
        @Override
        public Optional<Template> find(String key, Locale locale) {
            return super.find(key, locale).or(() -> super.find(key, new Locale(locale.getLanguage())));
        }
    }

    /** The contract on the correct store. */
    public static class OnMapStore extends TemplateStoreContract {
        @Override
        protected TemplateStore emptyStore() {
            return new MapStore();
        }
    }

    /** The contract on the falling-back store. */
    public static class OnFallingBackStore extends TemplateStoreContract {
        @Override
        protected TemplateStore emptyStore() {
            return new FallingBackStore();
        }
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    @Test
    @DisplayName("a correct store passes every contract test")
    void correctStorePasses() {
        Events events = run(OnMapStore.class);
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isEqualTo(TemplateStoreContract.CONTRACT_TESTS);
    }

    @Test
    @DisplayName("a store that falls back by itself fails the exact-lookup test")
    void fallingBackStoreFails() {
        Events events = run(OnFallingBackStore.class);
        assertThat(events.failed().count()).isEqualTo(1);
    }
}
