package dev.rapport.privacy;

import dev.rapport.internal.EngineRuntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.testing.Draft;
import dev.rapport.testing.Hostile;
import dev.rapport.testing.In;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.TestRapport;
import dev.rapport.testing.BoundaryTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * Erasure and export under random and hostile input: reason codes that are blank, too long, hold spaces, NUL, tabs,
 * lone surrogates or emoji, and missing customer ids. Erasure either anonymises the customer and keeps the reason
 * exactly, or is refused with a {@link dev.rapport.spi.ValidationException} naming exactly its bad fields, with the
 * store and the events unchanged.
 */
@StatisticsReport(StatisticsReportMode.OFF)
@AddLifecycleHook(BoundaryTries.class)
@Label("Privacy commands under random and hostile input")
class ErasureCommandProperties {

    @Property(tries = 200)
    @Label("erase keeps a valid reason code exactly and refuses bad input by its fields")
    void erase(@ForAll("reasons") In<String> reason, @ForAll("present") In<Boolean> customerGiven) {
        // given a customer with nothing but their record
        TestRapport t = new TestRapport();
        Customer customer = t.customer();
        PrivacyService privacy = new PrivacyService(EngineRuntime.direct(t.rapport().storage(), t.rapport().clock(),
                t.rapport().validator(), t.rapport().eventPublisher()), LegalHold.NONE);
        Draft d = new Draft().with("reason", reason).with("customerId", customerGiven);
        EraseCustomer command = new EraseCustomer(customerGiven.value() ? customer.id() : null, reason.value());

        // when / then
        Outcomes.expect(t, d.badFields(), () -> privacy.erase(command), report -> {
            Customer erased = t.rapport().customers().get(customer.id());
            assertThat(erased.status()).isEqualTo(CustomerStatus.ERASED);
            assertThat(erased.attributes()).containsEntry(PrivacyService.ERASURE_REASON_ATTRIBUTE, reason.value());
            assertThat(report.customerAnonymised()).isTrue();
        });
        Outcomes.requireBothOutcomes();
    }

    @Property(tries = 50)
    @Label("export refuses a missing customer id by field and exports any registered customer")
    void export(@ForAll("present") In<Boolean> customerGiven) {
        // given
        TestRapport t = new TestRapport();
        Customer customer = t.customer();
        PrivacyService privacy = new PrivacyService(EngineRuntime.direct(t.rapport().storage(), t.rapport().clock(),
                t.rapport().validator(), t.rapport().eventPublisher()), LegalHold.NONE);
        Draft d = new Draft().with("customerId", customerGiven);

        // when / then
        Outcomes.expect(t, d.badFields(), () -> privacy.export(customerGiven.value() ? customer.id() : null),
                json -> assertThat(json).contains(customer.id().value().toString()));
    }

    @Provide
    net.jqwik.api.Arbitrary<In<String>> reasons() {
        return Hostile.code(false);
    }

    @Provide
    net.jqwik.api.Arbitrary<In<Boolean>> present() {
        return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(In.ok(true))),
                Tuple.of(1, Arbitraries.just(In.bad(false))));
    }
}
