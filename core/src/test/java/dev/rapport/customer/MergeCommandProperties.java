package dev.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.util.Set;
import java.util.TreeSet;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;

/**
 * The merge command under random and hostile input: a bad command is refused with a {@link ValidationException}
 * naming exactly its bad fields, with the store unchanged and nothing published; a good one merges.
 */
@AddLifecycleHook(BoundaryTries.class)
@Label("The merge command under random and hostile input")
class MergeCommandProperties {

    /** Who the ids point at: the survivor, the other customer, nobody registered, or null. */
    enum Target { SURVIVOR, OTHER, UNKNOWN, NULL }

    @Property(tries = 300)
    @Label("merge refuses hostile input by name and stores nothing, and merges a good command")
    void merge(@ForAll Target into, @ForAll Target merged, @ForAll("actors") String actor) {
        // given
        TestRapport t = new TestRapport();
        Customer a = t.customer();
        Customer b = t.customer();
        StoreSnapshot before = t.snapshot();
        MergeCustomers command = new MergeCustomers(id(into, a, b), id(merged, a, b), actor);
        Set<String> bad = new TreeSet<>();
        if (into == Target.NULL) {
            bad.add("into");
        }
        if (merged == Target.NULL) {
            bad.add("merged");
        }
        boolean badActor = actor == null || actor.isBlank() || actor.length() > 200 || actor.contains("\u0000")
                || actor.contains("\u0007")
               ;
        if (badActor) {
            bad.add("actor");
        }

        // when
        Throwable thrown = catchThrowable(() -> t.rapport().customers().merge(command));

        // then
        boolean sameCustomer = into == merged && (into == Target.SURVIVOR || into == Target.OTHER) && bad.isEmpty();
        if (!bad.isEmpty() || sameCustomer) {
            assertThat(thrown).isInstanceOf(ValidationException.class);
            Set<String> named = new TreeSet<>();
            ((ValidationException) thrown).violations().forEach(v -> named.add(v.field()));
            assertThat(named).isEqualTo(sameCustomer ? Set.of("merged") : bad);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        } else if (into == Target.UNKNOWN || merged == Target.UNKNOWN) {
            assertThat(thrown).isInstanceOf(CustomerNotFoundException.class);
            assertThat(t.snapshot()).isEqualTo(before);
            assertThat(t.events().events()).isEmpty();
        } else {
            assertThat(thrown).isNull();
            assertThat(t.rapport().customers().count()).isEqualTo(1);
        }
    }

    private static CustomerId id(Target target, Customer a, Customer b) {
        return switch (target) {
            case SURVIVOR -> a.id();
            case OTHER -> b.id();
            case UNKNOWN -> CustomerId.random();
            case NULL -> null;
        };
    }

    @Provide
    Arbitrary<String> actors() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(':', '-', '_', ' ').ofMinLength(1).ofMaxLength(40)
                        .filter(s -> !s.isBlank()),
                Arbitraries.of("", " ", "\t", "user:\u0000ann", "user:\u0007bell", "x".repeat(201),
                        "user:ann \uD83D\uDE00"),
                Arbitraries.just(null));
    }
}
