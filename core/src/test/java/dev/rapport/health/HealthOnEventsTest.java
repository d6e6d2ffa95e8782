package dev.rapport.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.Worker;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.event.AgentRegistered;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CustomerAtRisk;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.event.SlaBreached;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.tck.TestData;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Health re-scored on events")
class HealthOnEventsTest {

    private final TestRapport t = new TestRapport();
    private final HealthOnEvents hook = new HealthOnEvents(t.rapport().health(), t.storage());

    private Instant now() {
        return t.clock().instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Makes a customer at risk: three low ratings and three open complaints stored directly (no event), and four
     * cases opened at once (three repeat contacts): 100 - 25 - 30 - 15 = 30.
     */
    private void troubles(Customer customer) {
        for (int i = 0; i < 3; i++) {
            t.storage().feedback().insert(TestData.feedback(customer.id()).score(1).receivedAt(now()).build());
            t.storage().complaints().insert(TestData.complaint(customer.id()).receivedAt(now()).updatedAt(now())
                    .build());
        }
        for (int i = 0; i < 4; i++) {
            t.openCase(customer.id());
        }
    }

    private FeedbackReceived lowRating(CustomerId customer) {
        return new FeedbackReceived(UUID.randomUUID(), now(), FeedbackId.random(), customer, FeedbackMetric.CSAT, 1,
                Optional.empty());
    }

    private InteractionRecorded interaction(CustomerId customer, InteractionKind kind, Direction direction) {
        return new InteractionRecorded(UUID.randomUUID(), now(), InteractionId.random(), customer, Optional.empty(),
                Channel.EMAIL, kind, direction);
    }

    private List<CustomerAtRisk> atRiskEvents() {
        return t.events().events().stream().filter(CustomerAtRisk.class::isInstance).map(CustomerAtRisk.class::cast)
                .toList();
    }

    @Test
    @DisplayName("a burst of events about one customer marks them once, and one round re-scores them once")
    void burstMarksOnce() {
        // given
        Customer ann = t.customer();
        troubles(ann);
        hook.activate();

        // when
        for (int i = 0; i < 50; i++) {
            hook.onEvent(lowRating(ann.id()));
        }
        int marked = hook.pending();
        int rescored = hook.rescorePending();

        // then
        assertThat(marked).isEqualTo(1);
        assertThat(rescored).isEqualTo(1);
        assertThat(hook.pending()).isZero();
        assertThat(t.rapport().health().standing(ann.id())).map(HealthStanding::band).contains(HealthBand.AT_RISK);
        assertThat(atRiskEvents()).singleElement().satisfies(e -> assertThat(e.customerId()).isEqualTo(ann.id()));
    }

    @Test
    @DisplayName("each event that moves a health factor marks its customer; the others mark nobody")
    void whichEventsMark() {
        // given
        Customer ann = t.customer();
        Case annCase = t.openCase(ann.id());
        hook.activate();
        CustomerId someone = CustomerId.random();

        // when / then
        assertThat(hook.onEvent(lowRating(someone))).contains(someone);
        assertThat(hook.onEvent(new CaseOpened(UUID.randomUUID(), now(), CaseId.random(), someone, Priority.NORMAL,
                Channel.CHAT))).contains(someone);
        assertThat(hook.onEvent(interaction(someone, InteractionKind.MESSAGE, Direction.INBOUND))).contains(someone);
        assertThat(hook.onEvent(interaction(someone, InteractionKind.PURCHASE, Direction.OUTBOUND)))
                .contains(someone);
        assertThat(hook.onEvent(new SlaBreached(UUID.randomUUID(), now(), annCase.id(), SlaTarget.FIRST_REPLY,
                now()))).contains(ann.id());
        assertThat(hook.onEvent(interaction(someone, InteractionKind.MESSAGE, Direction.OUTBOUND))).isEmpty();
        assertThat(hook.onEvent(new SlaBreached(UUID.randomUUID(), now(), CaseId.random(), SlaTarget.FIRST_REPLY,
                now()))).isEmpty();
        assertThat(hook.onEvent(new CustomerAtRisk(UUID.randomUUID(), now(), ann.id(), Optional.empty(), 10)))
                .isEmpty();
        assertThat(hook.onEvent(new AgentRegistered(UUID.randomUUID(), now(), AgentId.random(), Optional.empty(),
                Presence.AVAILABLE))).isEmpty();
        assertThat(hook.pending()).isEqualTo(2);
    }

    @Test
    @DisplayName("marks are kept only while active, and a customer no longer stored is skipped without failing")
    void activeOnlyAndGoneCustomers() {
        // given
        Customer ann = t.customer();
        CustomerId gone = CustomerId.random();

        // when
        Optional<CustomerId> beforeActivation = hook.onEvent(lowRating(ann.id()));
        hook.activate();
        hook.onEvent(lowRating(gone));
        int rescored = hook.rescorePending();
        hook.onEvent(lowRating(ann.id()));
        hook.deactivate();

        // then
        assertThat(beforeActivation).isEmpty();
        assertThat(rescored).isZero();
        assertThat(hook.pending()).isZero();
        assertThat(t.rapport().health().standing(ann.id())).isEmpty();
    }

    @Test
    @DisplayName("a started Rapport re-scores a customer soon after the cases they open, without the daily round")
    void throughTheEngine() throws InterruptedException {
        // given
        TestRapport engine = new TestRapport(b -> b.disable(Worker.HEALTH)
                .interval(Worker.HEALTH_RESCORE, Duration.ofMillis(20)));
        Rapport rapport = engine.rapport();
        Customer ann = engine.customer();
        for (int i = 0; i < 3; i++) {
            engine.storage().feedback().insert(TestData.feedback(ann.id()).score(1)
                    .receivedAt(engine.clock().instant().truncatedTo(ChronoUnit.MICROS)).build());
            engine.storage().complaints().insert(TestData.complaint(ann.id())
                    .receivedAt(engine.clock().instant().truncatedTo(ChronoUnit.MICROS))
                    .updatedAt(engine.clock().instant().truncatedTo(ChronoUnit.MICROS)).build());
        }
        rapport.start();
        try {
            // when
            for (int i = 0; i < 4; i++) {
                engine.openCase(ann.id());
            }
            Optional<HealthStanding> standing = Optional.empty();
            for (int waited = 0; waited < 500 && standing.isEmpty(); waited++) {
                Thread.sleep(20);
                standing = rapport.health().standing(ann.id());
            }

            // then
            assertThat(rapport.runningWorkers()).contains(Worker.HEALTH_RESCORE).doesNotContain(Worker.HEALTH);
            assertThat(standing).map(HealthStanding::band).contains(HealthBand.AT_RISK);
        } finally {
            rapport.close();
        }
    }

    @Test
    @DisplayName("the re-scoring worker runs every 10 seconds by default")
    void defaultInterval() {
        assertThat(Worker.HEALTH_RESCORE.defaultInterval()).isEqualTo(Duration.ofSeconds(10));
    }
}
