package dev.rapport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.ValidationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.jqwik.api.statistics.Statistics;

/**
 * The one outcome property tests accept for a command: it is accepted when none of its fields is bad, or it is
 * refused with a {@link ValidationException} naming exactly the bad fields, with the store and the published events
 * unchanged. Any other exception fails the property.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * Runs the operation and checks its outcome.
     *
     * @param t the Rapport under test
     * @param bad the fields expected to be refused; empty if the command is valid
     * @param operation the operation
     * @param whenAccepted further checks of an accepted command's result
     * @param <R> the result type
     */
    public static <R> void expect(TestRapport t, Set<String> bad, Supplier<R> operation, Consumer<R> whenAccepted) {
        StoreSnapshot before = t.snapshot();
        t.events().clear();
        R result;
        try {
            result = operation.get();
        } catch (ValidationException e) {
            Statistics.label("outcome").collect("rejected");
            assertThat(bad).as("fields expected bad, for refusal %s", e.getMessage()).isNotEmpty();
            assertThat(topLevel(e.fields())).as("fields named by %s", e.getMessage()).isEqualTo(bad);
            assertThat(t.snapshot()).as("the store after a refusal").isEqualTo(before);
            assertThat(t.events().events()).as("events after a refusal").isEmpty();
            return;
        }
        Statistics.label("outcome").collect("accepted");
        assertThat(bad).as("fields expected bad, but the command was accepted").isEmpty();
        whenAccepted.accept(result);
    }

    /** Asks jqwik to fail the property unless both outcomes happened at least once over all tries. */
    public static void requireBothOutcomes() {
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("accepted").count(n -> n > 0);
            coverage.check("rejected").count(n -> n > 0);
        });
    }

    /** The command fields named by violation paths: {@code identities[0].value} names {@code identities}. */
    public static Set<String> topLevel(List<String> fields) {
        Set<String> names = new LinkedHashSet<>();
        for (String field : fields) {
            names.add(field.split("[.\\[<]", 2)[0]);
        }
        return names;
    }
}
