package dev.rapport.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.Rapport;
import dev.rapport.spi.RapportConfigurationException;
import dev.rapport.Worker;
import dev.rapport.customer.MergeCustomers;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Money;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.event.CustomerAtRisk;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.tck.TestData;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.testing.RecordingEventPublisher;
import dev.rapport.testing.TestRapport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Customer health")
class HealthServiceTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private final TestRapport t = new TestRapport();
    private final HealthService health = t.rapport().health();

    /**
     * Makes a freshly registered customer at risk: 3 low ratings (25 off), 3 open complaints received now (20 + 10
     * off) and 4 cases at once, so 3 repeat contacts (15 off): 100 - 70 = 30.
     */
    private void troubles(Customer customer) {
        for (int i = 0; i < 3; i++) {
            t.storage().feedback().insert(TestData.feedback(customer.id()).score(2).receivedAt(now()).build());
            t.storage().complaints().insert(TestData.complaint(customer.id()).receivedAt(now()).updatedAt(now())
                    .build());
        }
        for (int i = 0; i < 4; i++) {
            t.openCase(customer.id());
        }
    }

    private java.time.Instant now() {
        return t.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Test
    @DisplayName("a customer with troubles scores AT_RISK with every factor shown, and scoring stores nothing")
    void scoresFromTheRecords() {
        // given
        Customer ann = t.customer();
        troubles(ann);
        t.storage().complaints().insert(TestData.compliment(ann.id()).build());

        // when
        CustomerHealth scored = health.score(ann.id());

        // then
        assertThat(scored.score()).isEqualTo(30);
        assertThat(scored.band()).isEqualTo(HealthBand.AT_RISK);
        assertThat(scored.factor("recent_csat").orElseThrow().detail()).isEqualTo("3 of 3 ratings below 4 on 1-5");
        assertThat(scored.factor("open_complaints").orElseThrow().value()).isEqualByComparingTo("3");
        assertThat(scored.factor("recent_complaints").orElseThrow().value()).isEqualByComparingTo("3");
        assertThat(scored.factor("repeat_contacts").orElseThrow().value()).isEqualByComparingTo("3");
        assertThat(scored.factor("sla_breaches").orElseThrow().value()).isEqualByComparingTo("0");
        assertThat(health.standing(ann.id())).isEmpty();
        assertThat(t.events().events()).isEmpty();
    }

    @Test
    @DisplayName("closed complaints are not open, and records older than the look-back window do not count")
    void windowAndClosedComplaints() {
        // given
        Customer ann = t.customer();
        t.storage().complaints().insert(TestData.complaint(ann.id()).stage(ComplaintStage.CLOSED)
                .closedAt(now()).build());
        t.storage().feedback().insert(TestData.feedback(ann.id()).score(1).receivedAt(now()).build());
        t.clock().advance(Duration.ofDays(91));

        // when
        HealthSignals signals = health.signals(ann.id());

        // then
        assertThat(signals.openComplaints()).isZero();
        assertThat(signals.recentComplaints()).isZero();
        assertThat(signals.ratings()).isZero();
        assertThat(signals.windowStart()).isEqualTo(now().minus(Duration.ofDays(90)));
    }

    @Test
    @DisplayName("the last purchase and the last contact come from the customer's interactions and cases")
    void lastPurchaseAndContact() {
        // given
        Customer ann = t.customer();
        t.storage().interactions().insert(TestData.interaction(ann.id()).kind(InteractionKind.PURCHASE)
                .amount(Money.of("20", "EUR")).occurredAt(now()).recordedAt(now()).build());
        t.clock().advance(Duration.ofDays(10));
        t.openCase(ann.id());
        t.clock().advance(Duration.ofDays(120));

        // when
        CustomerHealth scored = health.score(ann.id());

        // then purchase 130 days ago: (130 - 60) / 120 of 15; contact 120 days ago: (120 - 90) / 275 of 5
        assertThat(scored.factor("days_since_last_purchase").orElseThrow().value()).isEqualByComparingTo("130");
        assertThat(scored.factor("days_since_last_contact").orElseThrow().value()).isEqualByComparingTo("120");
        assertThat(scored.factor("days_since_last_purchase").orElseThrow().contribution())
                .isEqualByComparingTo("8.75");
        assertThat(scored.score()).isEqualTo(91);
    }

    @Test
    @DisplayName("a case with a breached SLA target counts as an SLA breach")
    void slaBreaches() {
        // given
        TestRapport sla = new TestRapport();
        Rapport withSla = Rapport.builder().storage(sla.storage()).clock(sla.clock())
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder()
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1))).build())
                        .build()).build();
        Customer ann = sla.customer();
        sla.openCase(ann.id());
        sla.clock().advance(Duration.ofHours(2));

        // when
        HealthSignals signals = withSla.health().signals(ann.id());

        // then
        assertThat(signals.slaBreaches()).isEqualTo(1);
    }

    @Test
    @DisplayName("evaluating stores the band and raises CustomerAtRisk once; again, nothing more")
    void atRiskOnce() {
        // given
        Customer ann = t.customer();
        troubles(ann);

        // when
        health.evaluate(ann.id());
        health.evaluate(ann.id());

        // then
        assertThat(t.events().events(CustomerAtRisk.class)).singleElement().satisfies(e -> {
            assertThat(e.customerId()).isEqualTo(ann.id());
            assertThat(e.previous()).isEmpty();
            assertThat(e.score()).isEqualTo(30);
        });
        HealthStanding standing = health.standing(ann.id()).orElseThrow();
        assertThat(standing.band()).isEqualTo(HealthBand.AT_RISK);
        assertThat(standing.since()).isEqualTo(now());
    }

    @Test
    @DisplayName("a customer who recovers and falls back at risk raises the event again, naming the band before")
    void atRiskAgainAfterRecovery() {
        // given
        Customer ann = t.customer();
        troubles(ann);
        health.evaluate(ann.id());
        t.clock().advance(Duration.ofDays(91)); // the window moves past the troubles; open complaints stay

        int first = t.events().events(CustomerAtRisk.class).size();

        // when
        CustomerHealth recovered = health.evaluate(ann.id());
        troubles(ann); // opening its cases forgets the events so far
        health.evaluate(ann.id());

        // then
        assertThat(first).isEqualTo(1);
        assertThat(recovered.band()).isEqualTo(HealthBand.HEALTHY);
        assertThat(t.events().events(CustomerAtRisk.class)).singleElement()
                .satisfies(e -> assertThat(e.previous()).contains(HealthBand.HEALTHY));
    }

    @Test
    @DisplayName("two nodes over one store evaluating the same customer raise CustomerAtRisk once between them")
    void twoNodesOneEvent() {
        // given
        InMemoryStorage store = new InMemoryStorage(t.clock());
        RecordingEventPublisher seenA = new RecordingEventPublisher(() -> false);
        RecordingEventPublisher seenB = new RecordingEventPublisher(() -> false);
        Rapport a = Rapport.builder().storage(store).clock(t.clock()).eventPublisher(seenA).build();
        Rapport b = Rapport.builder().storage(store).clock(t.clock()).eventPublisher(seenB).build();
        Customer ann = a.customers().register(dev.rapport.customer.RegisterCustomer.builder().name("Ann").build());
        for (int i = 0; i < 3; i++) {
            store.feedback().insert(TestData.feedback(ann.id()).score(1).receivedAt(now()).build());
            store.complaints().insert(TestData.complaint(ann.id()).receivedAt(now()).updatedAt(now()).build());
        }
        for (int i = 0; i < 4; i++) {
            store.cases().insert(TestData.supportCase(ann.id()).createdAt(now()).updatedAt(now()).build());
        }

        // when
        a.health().evaluate(ann.id());
        b.health().evaluate(ann.id());
        a.health().evaluateAll();
        b.health().evaluateAll();

        // then
        assertThat(seenA.events(CustomerAtRisk.class).size() + seenB.events(CustomerAtRisk.class).size())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the customers at risk are listed by lifetime value, highest first, those without one last")
    void atRiskByLifetimeValue() {
        // given
        Customer small = t.customer();
        Customer big = t.customer();
        Customer unknown = t.customer();
        Customer healthyRich = t.customer();
        purchase(small, "100");
        purchase(big, "500");
        t.storage().interactions().insert(TestData.interaction(unknown.id()).kind(InteractionKind.PURCHASE)
                .occurredAt(now()).recordedAt(now()).build()); // no amount: the KPI leaves the customer out
        purchase(healthyRich, "9000");
        List.of(small, big, unknown).forEach(this::troubles);
        t.clock().advance(Duration.ofMinutes(1));
        HealthSweepReport round = health.evaluateAll();

        // when
        List<AtRiskCustomer> all = health.atRisk(EUR, 10);
        List<AtRiskCustomer> top = health.atRisk(EUR, 1);

        // then
        assertThat(round).isEqualTo(new HealthSweepReport(4, 3, 3, 0));
        assertThat(all).extracting(AtRiskCustomer::customerId).containsExactly(big.id(), small.id(), unknown.id());
        assertThat(all.get(0).lifetimeValue().orElseThrow()).isEqualByComparingTo("500");
        assertThat(all.get(2).lifetimeValue()).isEmpty();
        assertThat(all.get(0).name()).isEqualTo(big.name());
        assertThat(top).extracting(AtRiskCustomer::customerId).containsExactly(big.id());
    }

    private void purchase(Customer customer, String amount) {
        t.storage().interactions().insert(TestData.interaction(customer.id()).kind(InteractionKind.PURCHASE)
                .amount(Money.of(amount, "EUR")).occurredAt(now()).recordedAt(now()).build());
    }

    @Test
    @DisplayName("the at-risk list refuses a null currency and a limit out of range by name")
    void atRiskValidation() {
        ValidationException thrown = catchThrowableOfType(() -> health.atRisk(null, 0), ValidationException.class);

        assertThat(thrown.violations()).extracting(ValidationException.Violation::field)
                .containsExactly("currency", "limit");
        assertThatThrownBy(() -> health.atRisk(EUR, HealthService.MAX_AT_RISK_LIMIT + 1))
                .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> health.score(null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    @DisplayName("a host's own scorer decides the band that is stored and acted on")
    void hostScorer() {
        // given
        RecordingEventPublisher seen = new RecordingEventPublisher(t.storage()::inTransaction);
        Rapport host = Rapport.builder().storage(t.storage()).clock(t.clock()).eventPublisher(seen)
                .healthScorer(s -> new CustomerHealth(s.customerId(), 12, HealthBand.AT_RISK, List.of(
                        new HealthFactor("vip_churn_model", BigDecimal.ONE, "the host's own rule", 1, BigDecimal.ONE,
                                new BigDecimal("88"))), s.asOf()))
                .build();
        Customer ann = t.customer();

        // when
        CustomerHealth scored = host.health().evaluate(ann.id());

        // then
        assertThat(scored.factors()).extracting(HealthFactor::name).containsExactly("vip_churn_model");
        assertThat(seen.events(CustomerAtRisk.class)).hasSize(1);
        assertThat(host.health().standing(ann.id())).map(HealthStanding::score).contains(12);
    }

    @Test
    @DisplayName("a scorer that answers nothing or for another customer fails loudly and stores nothing")
    void misbehavingScorer() {
        Rapport none = Rapport.builder().storage(t.storage()).clock(t.clock()).healthScorer(s -> null).build();
        Rapport other = Rapport.builder().storage(t.storage()).clock(t.clock())
                .healthScorer(s -> new CustomerHealth(CustomerId.random(), 50, HealthBand.WATCH, List.of(), s.asOf()))
                .build();
        Customer ann = t.customer();

        assertThatThrownBy(() -> none.health().evaluate(ann.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no health");
        assertThatThrownBy(() -> other.health().evaluate(ann.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another customer");
        assertThat(health.standing(ann.id())).isEmpty();
    }

    @Test
    @DisplayName("merging removes the merged customer's standing; the survivor keeps its own")
    void mergeRemovesTheMergedStanding() {
        // given
        Customer ann = t.customer();
        Customer dup = t.customer();
        troubles(dup);
        health.evaluate(ann.id());
        health.evaluate(dup.id());

        // when
        t.rapport().customers().merge(new MergeCustomers(ann.id(), dup.id(), "user:lead"));

        // then
        assertThat(health.standing(dup.id())).isEmpty();
        assertThat(health.standing(ann.id())).isPresent();
        assertThat(health.atRisk(EUR, 10)).isEmpty();
    }

    @Test
    @DisplayName("the builder refuses a null policy or scorer by name; the worker runs daily by default")
    void configuration() {
        assertThatThrownBy(() -> Rapport.builder().storage(new InMemoryStorage()).health(null).build())
                .isInstanceOfSatisfying(RapportConfigurationException.class,
                        e -> assertThat(e.getMessage()).contains("health"));
        assertThatThrownBy(() -> Rapport.builder().storage(new InMemoryStorage()).healthScorer(null).build())
                .isInstanceOfSatisfying(RapportConfigurationException.class,
                        e -> assertThat(e.getMessage()).contains("healthScorer"));
        assertThat(Worker.HEALTH.defaultInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(t.rapport().health().policy()).isSameAs(HealthPolicy.defaults());
        assertThat(t.rapport().health().scorer()).isInstanceOf(WeightedHealthScorer.class);
    }
}
