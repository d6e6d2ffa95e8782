package dev.rapport.feedback;

import static dev.rapport.testing.TestRapport.START_MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("FeedbackService")
class FeedbackServiceTest {

    private final TestRapport t = new TestRapport();
    private final FeedbackService feedback = t.rapport().feedback();

    @Test
    @DisplayName("stores an answer with everything it rates exactly and publishes FeedbackReceived")
    void storesExactly() {
        // given
        Customer ann = t.customer();
        Agent agent = t.agent(null);
        Case parcel = t.openCase(ann.id());
        Interaction call = t.rapport().interactions().record(RecordInteraction.builder()
                .customerId(ann.id()).channel(Channel.PHONE).caseId(parcel.id()).build());
        t.events().clear();

        // when
        Feedback recorded = feedback.record(RecordFeedback.csat(ann.id(), 4)
                .comment("Quick and kind.\nThank you! 🙏")
                .receivedAt(Instant.parse("2025-03-10T09:00:00.000000999Z"))
                .caseId(parcel.id())
                .interactionId(call.id())
                .orderRef("ORD-42")
                .agentId(agent.id())
                .channel(Channel.EMAIL)
                .build());

        // then
        assertThat(feedback.get(recorded.id())).isEqualTo(recorded);
        assertThat(recorded.metric()).isEqualTo(FeedbackMetric.CSAT);
        assertThat(recorded.scale()).isEqualTo(Scale.CSAT_1_TO_5);
        assertThat(recorded.score()).isEqualTo(4);
        assertThat(recorded.comment()).contains("Quick and kind.\nThank you! 🙏");
        assertThat(recorded.receivedAt()).isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));
        assertThat(recorded.caseId()).contains(parcel.id());
        assertThat(recorded.interactionId()).contains(call.id());
        assertThat(recorded.orderRef()).contains("ORD-42");
        assertThat(recorded.agentId()).contains(agent.id());
        assertThat(recorded.channel()).contains(Channel.EMAIL);
        assertThat(feedback.findByCase(parcel.id())).containsExactly(recorded);
        assertThat(feedback.findByCustomer(ann.id(), PageRequest.first()).items()).containsExactly(recorded);
        assertThat(t.events().events()).singleElement().isInstanceOfSatisfying(FeedbackReceived.class, e -> {
            assertThat(e.feedbackId()).isEqualTo(recorded.id());
            assertThat(e.customerId()).isEqualTo(ann.id());
            assertThat(e.metric()).isEqualTo(FeedbackMetric.CSAT);
            assertThat(e.score()).isEqualTo(4);
            assertThat(e.caseId()).contains(parcel.id());
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"CSAT, 1, 5", "NPS, 0, 10", "CES, 1, 7"})
    @DisplayName("each metric defaults to its preset scale, higher is better, received now")
    void presets(FeedbackMetric metric, int min, int max) {
        // given
        Customer ann = t.customer();

        // when
        Feedback recorded = feedback.record(RecordFeedback.builder().customerId(ann.id()).metric(metric)
                .score(max).build());

        // then
        assertThat(recorded.scale()).isEqualTo(new Scale(min, max, ScaleDirection.HIGHER_IS_BETTER));
        assertThat(recorded.receivedAt()).isEqualTo(START_MICROS);
    }

    @Test
    @DisplayName("a CES answer keeps the scale and direction it was given on")
    void cesOnEffortScale() {
        // given
        Customer ann = t.customer();

        // when
        Feedback recorded = feedback.record(RecordFeedback.ces(ann.id(), 2).scale(Scale.CES_EFFORT_1_TO_5).build());

        // then
        assertThat(recorded.scale().direction()).isEqualTo(ScaleDirection.LOWER_IS_BETTER);
        assertThat(recorded.scale().normalized(recorded.score())).isEqualTo(0.75);
    }

    @ParameterizedTest(name = "{0} score {1} on {2}..{3} -> {4}")
    @CsvSource({
            "CSAT, 0,  1, 5,  score",
            "CSAT, 6,  1, 5,  score",
            "NPS,  11, 0, 10, score",
            "NPS,  5,  1, 10, scale",
            "CES,  3,  5, 5,  scale",
            "CES,  3,  7, 1,  scale",
    })
    @DisplayName("a score off its scale, an unordered scale or NPS on another scale is refused on that field")
    void scaleRules(FeedbackMetric metric, int score, int min, int max, String field) {
        // given
        Customer ann = t.customer();
        StoreSnapshot before = t.snapshot();

        // when / then
        assertThatThrownBy(() -> feedback.record(RecordFeedback.builder().customerId(ann.id()).metric(metric)
                .scale(new Scale(min, max, ScaleDirection.HIGHER_IS_BETTER)).score(score).build()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly(field));
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(t.events().events()).isEmpty();
    }

    @Test
    @DisplayName("unknown customer, case, interaction and agent are each named and nothing is stored")
    void unknownReferences() {
        // given
        StoreSnapshot before = t.snapshot();

        // when / then
        assertThatThrownBy(() -> feedback.record(RecordFeedback.nps(CustomerId.random(), 9)
                .caseId(CaseId.random()).interactionId(InteractionId.random()).agentId(AgentId.random()).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("agentId", "caseId", "customerId", "interactionId"));
        assertThat(t.snapshot()).isEqualTo(before);
        assertThat(t.events().events()).isEmpty();
    }

    @Test
    @DisplayName("a case or interaction of another customer is refused on that field")
    void referencesOfAnotherCustomer() {
        // given
        Customer ann = t.customer();
        Customer bob = t.customer();
        Case bobsCase = t.openCase(bob.id());
        Interaction bobsCall = t.rapport().interactions().record(RecordInteraction.builder()
                .customerId(bob.id()).channel(Channel.PHONE).build());

        // when / then
        assertThatThrownBy(() -> feedback.record(RecordFeedback.csat(ann.id(), 5)
                .caseId(bobsCase.id()).interactionId(bobsCall.id()).build()))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsExactly("caseId", "interactionId"));
    }

    @Test
    @DisplayName("a rejected command names every bad field")
    void rejectsEveryBadField() {
        // when / then
        assertThatThrownBy(() -> feedback.record(RecordFeedback.builder().comment("\uD800 lone surrogate")
                .orderRef("").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("comment", "customerId", "metric", "orderRef", "scale"));
    }

    @Test
    @DisplayName("if storing fails, nothing is published")
    void rollback() {
        // given
        Customer ann = t.customer();
        t.storage().failNext("feedback.insert", 1, () -> new StorageException("connection lost"));

        // when / then
        assertThatThrownBy(() -> feedback.record(RecordFeedback.csat(ann.id(), 5).build()))
                .isInstanceOf(StorageException.class);
        assertThat(t.events().events()).isEmpty();
    }

    @Test
    @DisplayName("find and get see recorded answers only")
    void queries() {
        // given
        Customer ann = t.customer();
        Feedback recorded = feedback.record(RecordFeedback.csat(ann.id(), 3).build());

        // then
        assertThat(feedback.find(recorded.id())).contains(recorded);
        assertThat(feedback.find(FeedbackId.random())).isEmpty();
        assertThatThrownBy(() -> feedback.get(FeedbackId.random())).isInstanceOf(FeedbackNotFoundException.class);
        assertThatThrownBy(() -> feedback.findByCase(null)).isInstanceOf(ValidationException.class);
    }
}
