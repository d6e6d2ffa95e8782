package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.field.FieldSchema;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiEngine;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.tck.memory.InMemoryStorage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Breakdowns by the tags and custom fields of cases and customers, on a small hand-made data set whose figures are
 * known, computed by every engine: streaming over the in-memory store, and on H2 and PostgreSQL both in SQL and by
 * streaming over the database.
 */
@DisplayName("KPIs broken down by the tags and custom fields of cases and customers")
class KpiLabelBreakdownsTest {

    private static final Instant T0 = Instant.parse("2024-03-04T00:00:00Z");
    private static final TimeRange WEEK = TimeRange.of(T0, T0.plus(Duration.ofDays(7)));
    private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
    private static final FieldSchema SCHEMA = FieldSchema.builder().caseChoice("carrier", "dhl", "ups")
            .customerChoice("tier", "gold", "silver").build();

    static Stream<Arguments> engines() {
        return Stream.of(
                engine("streaming over the in-memory store", InMemoryStorage::new, KpiEngine.Source.STREAMING),
                engine("SQL on H2", () -> new ContractSupport(TestDatabases.h2Memory()).emptyStorage(),
                        KpiEngine.Source.STORAGE),
                engine("streaming over H2", () -> new ContractSupport(TestDatabases.h2Memory()).emptyStorage(),
                        KpiEngine.Source.STREAMING),
                engine("SQL on PostgreSQL", () -> new ContractSupport(TestDatabases.postgres()).emptyStorage(),
                        KpiEngine.Source.STORAGE),
                engine("streaming over PostgreSQL", () -> new ContractSupport(TestDatabases.postgres())
                        .emptyStorage(), KpiEngine.Source.STREAMING));
    }

    private static Arguments engine(String name, Supplier<RapportStorage> storage, KpiEngine.Source source) {
        return Arguments.of(Named.of(name, (Supplier<KpiEngine>) () -> {
            RapportStorage store = storage.get();
            new Shop(store).write();
            return KpiEngine.builder().storage(store).clock(CLOCK).source(source).customFields(SCHEMA).build();
        }));
    }

    /**
     * Alice (tags b2b and partner, tier gold) has case 1 (tags vip and late, carrier dhl), replied after an hour and
     * resolved, and a contact outside any case; Bob (no tag, no tier) has case 2 (no tag, carrier ups), replied after
     * half an hour and still open. Ratings: 5 on case 1, 1 on case 2, and 2 from Bob without a case.
     */
    private record Shop(RapportStorage storage) {

        void write() {
            Customer alice = customer(Set.of("b2b", "partner"), Map.of("tier", FieldValue.choice("gold")));
            Customer bob = customer(Set.of(), Map.of());
            Case first = supportCase(alice, Set.of("vip", "late"), "dhl", Duration.ofHours(1), true);
            Case second = supportCase(bob, Set.of(), "ups", Duration.ofMinutes(30), false);
            rating(alice, first, 5);
            rating(bob, second, 1);
            rating(bob, null, 2);
            storage.interactions().insert(interaction(alice.id(), T0.plus(Duration.ofDays(2)))
                    .direction(Direction.INBOUND).reason("billing").build());
        }

        private Customer customer(Set<String> tags, Map<String, FieldValue> fields) {
            Instant created = T0.minus(Duration.ofDays(30));
            return storage.customers().insert(Customer.builder().id(CustomerId.random()).name("Customer")
                    .tags(tags).fields(fields).createdAt(created).updatedAt(created).build());
        }

        private Case supportCase(Customer customer, Set<String> tags, String carrier, Duration replyAfter,
                boolean resolved) {
            Instant created = T0.plus(Duration.ofHours(10));
            Case c = Case.builder().id(CaseId.random()).customerId(customer.id()).subject("Parcel")
                    .originChannel(Channel.EMAIL).tags(tags).fields(Map.of("carrier", FieldValue.choice(carrier)))
                    .createdAt(created).updatedAt(created).build();
            if (resolved) {
                c = c.moveTo(CaseStatus.RESOLVED, created.plus(Duration.ofHours(2)));
            }
            c = storage.cases().insert(c);
            storage.interactions().insert(interaction(customer.id(), created).caseId(c.id())
                    .direction(Direction.INBOUND).build());
            storage.interactions().insert(interaction(customer.id(), created.plus(replyAfter)).caseId(c.id())
                    .direction(Direction.OUTBOUND).build());
            return c;
        }

        private static Interaction.Builder interaction(CustomerId customer, Instant at) {
            return Interaction.builder().id(InteractionId.random()).customerId(customer).channel(Channel.EMAIL)
                    .occurredAt(at).recordedAt(at);
        }

        private void rating(Customer customer, Case about, int score) {
            storage.feedback().insert(Feedback.builder().id(FeedbackId.random()).customerId(customer.id())
                    .caseId(about == null ? null : about.id()).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5)
                    .score(score).receivedAt(T0.plus(Duration.ofDays(1))).build());
        }
    }

    private static KpiFigure group(KpiResult result, String label) {
        return result.group(label).orElseThrow(() -> new AssertionError("no group " + label + " in " + result));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @DisplayName("a rating counts once in each tag of its case, and a rating without a case in the group without tag")
    void csatByCaseTag(Supplier<KpiEngine> engines) {
        // given
        KpiEngine kpis = engines.get();

        // when
        KpiResult csat = kpis.compute(Kpi.CSAT, KpiRequest.over(WEEK).by(Dimension.TAG));

        // then
        assertThat(group(csat, "vip").denominator()).isEqualByComparingTo("1");
        assertThat(group(csat, "vip").numerator()).isEqualByComparingTo("1");
        assertThat(group(csat, "late").denominator()).isEqualByComparingTo("1");
        assertThat(group(csat, "(none)").denominator()).isEqualByComparingTo("2");
        assertThat(group(csat, "(none)").numerator()).isEqualByComparingTo("0");
        assertThat(csat.total().denominator()).isEqualByComparingTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @DisplayName("first reply times are grouped by the case's tags and by its value of a custom field")
    void firstReplyByTagAndField(Supplier<KpiEngine> engines) {
        // given
        KpiEngine kpis = engines.get();

        // when
        KpiResult byTag = kpis.compute(Kpi.FIRST_REPLY_TIME, KpiRequest.over(WEEK).by(Dimension.TAG));
        KpiResult byField = kpis.compute(Kpi.FIRST_REPLY_TIME, KpiRequest.over(WEEK).by(Breakdown.byField("carrier")));

        // then
        assertThat(group(byTag, "vip").numerator()).isEqualByComparingTo("3600");
        assertThat(group(byTag, "late").numerator()).isEqualByComparingTo("3600");
        assertThat(group(byTag, "(none)").numerator()).isEqualByComparingTo("1800");
        assertThat(byTag.groups()).extracting(f -> f.group().label()).containsExactly("late", "vip", "(none)");
        assertThat(group(byField, "dhl").numerator()).isEqualByComparingTo("3600");
        assertThat(group(byField, "ups").numerator()).isEqualByComparingTo("1800");
        assertThat(byField.total().denominator()).isEqualByComparingTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @DisplayName("contacts are grouped by their customer's tags, the customer without tags in the group without value")
    void contactsByCustomerTag(Supplier<KpiEngine> engines) {
        // given
        KpiEngine kpis = engines.get();

        // when
        KpiResult contacts = kpis.compute(Kpi.INBOUND_CONTACTS, KpiRequest.over(WEEK).by(Dimension.CUSTOMER_TAG));

        // then
        assertThat(group(contacts, "b2b").numerator()).isEqualByComparingTo("2");
        assertThat(group(contacts, "partner").numerator()).isEqualByComparingTo("2");
        assertThat(group(contacts, "(none)").numerator()).isEqualByComparingTo("1");
        assertThat(contacts.total().numerator()).isEqualByComparingTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @DisplayName("ratings are grouped by their customer's custom field, and the backlog by the case's tags")
    void csatByCustomerFieldAndBacklogByTag(Supplier<KpiEngine> engines) {
        // given
        KpiEngine kpis = engines.get();

        // when
        KpiResult csat = kpis.compute(Kpi.CSAT, KpiRequest.over(WEEK).by(Breakdown.byCustomerField("tier")));
        KpiResult backlog = kpis.compute(Kpi.BACKLOG, KpiRequest.over(WEEK).by(Dimension.TAG));

        // then
        assertThat(group(csat, "gold").denominator()).isEqualByComparingTo("1");
        assertThat(group(csat, "gold").numerator()).isEqualByComparingTo("1");
        assertThat(group(csat, "(none)").denominator()).isEqualByComparingTo("2");
        assertThat(group(backlog, "(none)").numerator()).isEqualByComparingTo("1");
        assertThat(backlog.group("vip").map(KpiFigure::numerator).orElse(BigDecimal.ZERO)).isEqualByComparingTo("0");
        assertThat(backlog.total().numerator()).isEqualByComparingTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    @DisplayName("a field not declared for the scope is refused by name on breakdown.field")
    void unknownFieldRefused(Supplier<KpiEngine> engines) {
        // given
        KpiEngine kpis = engines.get();

        // when
        ValidationException caseField = catchThrowableOfType(() -> kpis.compute(Kpi.CSAT,
                KpiRequest.over(WEEK).by(Breakdown.byField("colour"))), ValidationException.class);
        ValidationException customerField = catchThrowableOfType(() -> kpis.compute(Kpi.CSAT,
                KpiRequest.over(WEEK).by(Breakdown.byCustomerField("carrier"))), ValidationException.class);

        // then
        assertThat(caseField.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("breakdown.field", "Declared"));
        assertThat(caseField.violations().get(0).message()).contains("colour", "cases");
        assertThat(customerField.violations()).extracting(Violation::field).containsExactly("breakdown.field");
        assertThat(customerField.violations().get(0).message()).contains("carrier", "customers");
    }
}
