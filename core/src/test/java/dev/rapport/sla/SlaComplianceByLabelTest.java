package dev.rapport.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.field.FieldSchema;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SLA compliance by the tags and custom fields of the case and its customer")
class SlaComplianceByLabelTest {

    static final Instant FROM = Instant.parse("2025-03-03T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-10T00:00:00Z");

    final SettableClock clock = new SettableClock(Instant.parse("2025-03-09T12:00:00Z"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final Rapport rapport = Rapport.builder().storage(storage).clock(clock)
            .customFields(FieldSchema.builder().caseChoice("carrier", "dhl", "ups")
                    .customerChoice("tier", "gold").build())
            .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder().priorities(Priority.NORMAL)
                    .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1))).build()).build())
            .build();

    private Customer customer(Set<String> tags, Map<String, FieldValue> fields) {
        Instant created = FROM.minus(Duration.ofDays(30));
        return storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Ada").tags(tags)
                .fields(fields).createdAt(created).updatedAt(created).build());
    }

    private void supportCase(Customer customer, Set<String> tags, String carrier, Duration replyAfter) {
        Instant created = Instant.parse("2025-03-04T09:00:00Z");
        Case c = storage.cases().insert(SlaFixtures.newCase(created, Priority.NORMAL, Channel.EMAIL).toBuilder()
                .customerId(customer.id()).tags(tags).fields(Map.of("carrier", FieldValue.choice(carrier))).build());
        storage.interactions().insert(SlaFixtures.humanReply(c, created.plus(replyAfter)));
    }

    private static KpiFigure group(KpiResult result, String label) {
        return result.group(label).orElseThrow(() -> new AssertionError("no group " + label + " in " + result));
    }

    @Test
    @DisplayName("a case with two tags counts its clock in both tags' groups and once in the total")
    void byCaseTag() {
        // given a case tagged vip and late answered in time, and an untagged one answered late
        Customer ada = customer(Set.of(), Map.of());
        supportCase(ada, Set.of("vip", "late"), "dhl", Duration.ofMinutes(20));
        supportCase(ada, Set.of(), "ups", Duration.ofHours(3));

        // when first-reply compliance is broken down by the case's tags and by its carrier
        KpiResult byTag = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                KpiRequest.over(FROM, TO).by(Dimension.TAG));
        KpiResult byField = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                KpiRequest.over(FROM, TO).by(Breakdown.byField("carrier")));

        // then
        assertThat(group(byTag, "vip").numerator()).isEqualByComparingTo("1");
        assertThat(group(byTag, "late").denominator()).isEqualByComparingTo("1");
        assertThat(group(byTag, "(none)").numerator()).isEqualByComparingTo("0");
        assertThat(group(byTag, "(none)").denominator()).isEqualByComparingTo("1");
        assertThat(byTag.total().denominator()).isEqualByComparingTo("2");
        assertThat(group(byField, "dhl").numerator()).isEqualByComparingTo("1");
        assertThat(group(byField, "ups").numerator()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("the clocks are grouped by the tags and custom field of the case's customer")
    void byCustomerLabels() {
        // given a gold b2b customer answered in time, and a customer without labels answered late
        supportCase(customer(Set.of("b2b"), Map.of("tier", FieldValue.choice("gold"))), Set.of(), "dhl",
                Duration.ofMinutes(20));
        supportCase(customer(Set.of(), Map.of()), Set.of(), "ups", Duration.ofHours(3));

        // when
        KpiResult byTag = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                KpiRequest.over(FROM, TO).by(Dimension.CUSTOMER_TAG));
        KpiResult byTier = rapport.kpis().compute(SlaComplianceCalculator.SLA_FIRST_REPLY,
                KpiRequest.over(FROM, TO).by(Breakdown.byCustomerField("tier")));

        // then
        assertThat(group(byTag, "b2b").numerator()).isEqualByComparingTo("1");
        assertThat(group(byTag, "(none)").denominator()).isEqualByComparingTo("1");
        assertThat(group(byTier, "gold").denominator()).isEqualByComparingTo("1");
        assertThat(group(byTier, "(none)").numerator()).isEqualByComparingTo("0");
    }
}
