package dev.rapport.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.field.FieldSchema;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Complaint KPIs by the tags and custom fields of the complaint's case and customer")
class ComplaintKpiByLabelTest {

    static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-04-01T00:00:00Z");
    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    final SettableClock clock = new SettableClock(Instant.parse("2025-03-25T12:00:00Z"));
    final InMemoryStorage storage = new InMemoryStorage(clock);
    final Rapport rapport = Rapport.builder().storage(storage).clock(clock)
            .customFields(FieldSchema.builder().caseChoice("carrier", "dhl", "ups")
                    .customerChoice("tier", "gold").build())
            .build();
    final AtomicLong numbers = new AtomicLong();

    Customer customer(CustomerStatus status, Set<String> tags, Map<String, FieldValue> fields) {
        return storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Ada").status(status)
                .tags(tags).fields(fields).createdAt(CREATED).updatedAt(CREATED).build());
    }

    Case supportCase(Customer customer, Set<String> tags, Map<String, FieldValue> fields) {
        return storage.cases().insert(Case.builder().id(CaseId.random()).customerId(customer.id())
                .subject("Parcel arrived broken").originChannel(Channel.EMAIL).tags(tags).fields(fields)
                .createdAt(CREATED).updatedAt(CREATED).build());
    }

    /**
     * A complaint of the customer received on 3 March, linked to the case if given, decided after {@code took}
     * (none if null) against a deadline eight days after receipt.
     */
    Complaint complaint(Customer customer, Case linked, OutcomeDecision decision, Duration took) {
        Instant received = Instant.parse("2025-03-03T09:00:00Z");
        ComplaintDeadline deadline = ComplaintDeadline.due("final_response", received.plus(Duration.ofDays(8)));
        Instant decided = took == null ? null : received.plus(took);
        if (decided != null) {
            deadline = deadline.meet(decided);
        }
        return storage.complaints().insert(Complaint.builder().id(ComplaintId.random())
                .reference(ComplaintReference.of("CMP", 2025, numbers.incrementAndGet()))
                .kind(ComplaintKind.COMPLAINT).customerId(customer.id()).channel(Channel.EMAIL)
                .description("The parcel arrived broken").severity(Severity.MEDIUM)
                .stage(decided == null ? ComplaintStage.RECEIVED : ComplaintStage.RESPONDED).regime("standard")
                .receivedAt(received).deadlines(List.of(deadline)).caseId(linked == null ? null : linked.id())
                .outcome(decided == null ? null
                        : ComplaintOutcome.decided(decision, "We checked the delivery", List.of(), decided))
                .respondedAt(decided).updatedAt(decided == null ? received : decided).build());
    }

    static KpiFigure group(KpiResult result, String label) {
        return result.group(label).orElseThrow(() -> new AssertionError("no group " + label + " in " + result));
    }

    @Test
    @DisplayName("complaints per 1,000 customers by customer tag counts a customer's complaints in each of their tags, over the customers of that tag")
    void perThousandByCustomerTag() {
        // given a customer tagged vip and b2b with two complaints, one without tags with one, and a vip prospect
        Customer tagged = customer(CustomerStatus.ACTIVE, Set.of("vip", "b2b"), Map.of());
        Customer plain = customer(CustomerStatus.ACTIVE, Set.of(), Map.of());
        customer(CustomerStatus.PROSPECT, Set.of("vip"), Map.of());
        complaint(tagged, null, OutcomeDecision.UPHELD, Duration.ofDays(2));
        complaint(tagged, null, null, null);
        complaint(plain, null, OutcomeDecision.REJECTED, Duration.ofDays(3));

        // when broken down by the customer's tags
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINTS_PER_1000_CUSTOMERS,
                KpiRequest.over(FROM, TO).by(Dimension.CUSTOMER_TAG));

        // then both of the tagged customer's groups hold their two complaints over one customer, the untagged one
        // is in the group without value, and the total counts each complaint and customer once
        assertThat(result.groups()).extracting(f -> f.group().label()).containsExactly("b2b", "vip", "(none)");
        for (String tag : List.of("vip", "b2b")) {
            assertThat(group(result, tag).numerator()).isEqualByComparingTo("2");
            assertThat(group(result, tag).statistic("customers").orElseThrow()).isEqualByComparingTo("1");
            assertThat(group(result, tag).value().orElseThrow()).isEqualByComparingTo("2000");
        }
        assertThat(group(result, "vip").excluded().count(ExclusionReason.PROSPECT)).isEqualTo(1);
        assertThat(group(result, "b2b").excluded().count(ExclusionReason.PROSPECT)).isZero();
        assertThat(group(result, "(none)").numerator()).isEqualByComparingTo("1");
        assertThat(group(result, "(none)").statistic("customers").orElseThrow()).isEqualByComparingTo("1");
        assertThat(result.total().numerator()).isEqualByComparingTo("3");
        assertThat(result.total().statistic("customers").orElseThrow()).isEqualByComparingTo("2");
        assertThat(result.total().value().orElseThrow()).isEqualByComparingTo("1500");
    }

    @Test
    @DisplayName("the upheld rate by customer field groups complaints by the customer's value, customers without one in the group without value")
    void upheldRateByCustomerField() {
        // given a gold customer with an upheld complaint and a customer without tier with a rejected one
        complaint(customer(CustomerStatus.ACTIVE, Set.of(), Map.of("tier", FieldValue.choice("gold"))), null,
                OutcomeDecision.UPHELD, Duration.ofDays(2));
        complaint(customer(CustomerStatus.ACTIVE, Set.of(), Map.of()), null, OutcomeDecision.REJECTED,
                Duration.ofDays(3));

        // when broken down by the customer's tier
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_UPHELD_RATE,
                KpiRequest.over(FROM, TO).by(Breakdown.byCustomerField("tier")));

        // then
        assertThat(group(result, "gold").numerator()).isEqualByComparingTo("1");
        assertThat(group(result, "gold").denominator()).isEqualByComparingTo("1");
        assertThat(group(result, "(none)").numerator()).isEqualByComparingTo("0");
        assertThat(group(result, "(none)").denominator()).isEqualByComparingTo("1");
        assertThat(result.total().denominator()).isEqualByComparingTo("2");
    }

    @Test
    @DisplayName("the upheld rate by case tag counts a complaint in each tag of its case, complaints without case in the group without value")
    void upheldRateByCaseTag() {
        // given an upheld complaint whose case is tagged vip and late, a rejected one on an untagged case and an
        // upheld one without case
        Customer ada = customer(CustomerStatus.ACTIVE, Set.of("b2b"), Map.of());
        complaint(ada, supportCase(ada, Set.of("vip", "late"), Map.of()), OutcomeDecision.UPHELD, Duration.ofDays(1));
        complaint(ada, supportCase(ada, Set.of(), Map.of()), OutcomeDecision.REJECTED, Duration.ofDays(2));
        complaint(ada, null, OutcomeDecision.PARTLY_UPHELD, Duration.ofDays(3));

        // when broken down by the case's tags
        KpiResult result = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_UPHELD_RATE,
                KpiRequest.over(FROM, TO).by(Dimension.TAG));

        // then the customer's tags play no part, and the total counts each complaint once
        assertThat(result.groups()).extracting(f -> f.group().label()).containsExactly("late", "vip", "(none)");
        assertThat(group(result, "vip").numerator()).isEqualByComparingTo("1");
        assertThat(group(result, "late").denominator()).isEqualByComparingTo("1");
        assertThat(group(result, "(none)").numerator()).isEqualByComparingTo("1");
        assertThat(group(result, "(none)").denominator()).isEqualByComparingTo("2");
        assertThat(result.total().numerator()).isEqualByComparingTo("2");
        assertThat(result.total().denominator()).isEqualByComparingTo("3");
    }

    @Test
    @DisplayName("final response time and deadline compliance by case field take the linked case's value")
    void byCaseField() {
        // given a complaint on a dhl case answered in a day, one on a ups case unanswered past its deadline and one
        // without case answered in ten days (after its deadline)
        Customer ada = customer(CustomerStatus.ACTIVE, Set.of(), Map.of());
        complaint(ada, supportCase(ada, Set.of(), Map.of("carrier", FieldValue.choice("dhl"))),
                OutcomeDecision.UPHELD, Duration.ofDays(1));
        complaint(ada, supportCase(ada, Set.of(), Map.of("carrier", FieldValue.choice("ups"))), null, null);
        complaint(ada, null, OutcomeDecision.REJECTED, Duration.ofDays(10));

        // when broken down by the case's carrier
        KpiRequest byCarrier = KpiRequest.over(FROM, TO).by(Breakdown.byField("carrier"));
        KpiResult times = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_FINAL_RESPONSE_TIME, byCarrier);
        KpiResult deadlines = rapport.kpis().compute(ComplaintKpiCalculator.COMPLAINT_DEADLINE_COMPLIANCE, byCarrier);

        // then
        assertThat(group(times, "dhl").numerator()).isEqualByComparingTo(BigDecimal.valueOf(86_400));
        assertThat(group(times, "ups").excluded().count(ExclusionReason.NOT_YET_REPLIED)).isEqualTo(1);
        assertThat(group(times, "(none)").numerator()).isEqualByComparingTo(BigDecimal.valueOf(864_000));
        assertThat(times.total().denominator()).isEqualByComparingTo("2");
        assertThat(group(deadlines, "dhl").numerator()).isEqualByComparingTo("1");
        assertThat(group(deadlines, "ups").numerator()).isEqualByComparingTo("0");
        assertThat(group(deadlines, "ups").denominator()).isEqualByComparingTo("1");
        assertThat(group(deadlines, "(none)").numerator()).isEqualByComparingTo("0");
        assertThat(group(deadlines, "(none)").denominator()).isEqualByComparingTo("1");
    }
}
