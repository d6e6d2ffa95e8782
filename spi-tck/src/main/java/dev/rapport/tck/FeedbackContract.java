package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Feedback: round trips of every metric and scale, unique ids, queries by case, customer and receipt time.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Feedback"; not meant to be run on its own.
 */
public abstract class FeedbackContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected FeedbackContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("a response with every field set comes back exactly as stored")
    void feedbackWithEveryFieldRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case supportCase = storedCase(customer.id());
        Interaction interaction = interactions().insert(TestData.interaction(customer.id())
                .caseId(supportCase.id()).agentId(agent.id()).build());
        Feedback response = TestData.feedbackWithEveryField(customer.id(), supportCase.id(), interaction.id(),
                agent.id()).build();

        // when
        Feedback stored = feedback().insert(response);

        // then
        assertThat(stored).isEqualTo(response);
        assertThat(feedback().findById(response.id())).contains(response);
    }

    @Test
    @DisplayName("a response with every optional empty comes back with them empty")
    void feedbackWithEmptyOptionalsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Feedback response = Feedback.builder().id(FeedbackId.random()).customerId(customer.id())
                .metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(0).receivedAt(TestData.now()).build();

        // when
        feedback().insert(response);

        // then
        Feedback found = feedback().get(response.id());
        assertThat(found).isEqualTo(response);
        assertThat(found.comment()).isEmpty();
        assertThat(found.channel()).isEmpty();
        assertThat(found.caseId()).isEmpty();
    }

    @Test
    @DisplayName("a comment of 100,000 characters with emoji and an order reference of 200 characters round-trip")
    void feedbackAtLimitsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Feedback response = TestData.feedbackAtLimits(customer.id()).build();

        // when
        feedback().insert(response);

        // then
        assertThat(feedback().get(response.id())).isEqualTo(response);
    }

    @Test
    @DisplayName("every metric, scale and direction round-trips, with scores at both ends and negative scales")
    void everyMetricAndScaleRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<Feedback> all = List.of(
                TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(1)
                        .build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(5)
                        .build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(0)
                        .build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(10)
                        .build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.CES).scale(Scale.CES_1_TO_7).score(7)
                        .build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.CES).scale(Scale.CES_EFFORT_1_TO_5)
                        .score(5).build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT)
                        .scale(new Scale(-2, 2, ScaleDirection.HIGHER_IS_BETTER)).score(-2).build(),
                TestData.feedback(customer.id()).metric(FeedbackMetric.CES)
                        .scale(new Scale(0, 100, ScaleDirection.LOWER_IS_BETTER)).score(73).build());

        // when
        all.forEach(feedback()::insert);

        // then
        for (Feedback response : all) {
            assertThat(feedback().get(response.id())).isEqualTo(response);
        }
    }

    @Test
    @DisplayName("a second response with the same id is rejected on key \"id\"")
    void duplicateFeedbackIdIsRejected() {
        // given
        Customer customer = storedCustomer();
        Feedback first = feedback().insert(TestData.feedback(customer.id()).build());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> feedback().insert(TestData.feedback(customer.id()).id(first.id()).score(1).build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(feedback().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws FeedbackNotFoundException with the id")
    void unknownFeedbackIsNotFound() {
        // given
        FeedbackId unknown = FeedbackId.random();

        // when
        FeedbackNotFoundException thrown = catchThrowableOfType(FeedbackNotFoundException.class,
                () -> feedback().get(unknown));

        // then
        assertThat(feedback().findById(unknown)).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.feedbackId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a case's responses come in receipt order, without other cases' responses")
    void feedbackOfACaseInReceiptOrder() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        Case otherCase = storedCase(customer.id());
        Feedback later = feedback().insert(TestData.feedback(customer.id()).caseId(supportCase.id())
                .receivedAt(T0.plusSeconds(1)).build());
        Feedback earlier = feedback().insert(TestData.feedback(customer.id()).caseId(supportCase.id())
                .receivedAt(T0).build());
        feedback().insert(TestData.feedback(customer.id()).caseId(otherCase.id()).receivedAt(T0).build());
        feedback().insert(TestData.feedback(customer.id()).receivedAt(T0).build());

        // when
        List<Feedback> found = feedback().findByCase(supportCase.id());

        // then
        assertThat(found).containsExactly(earlier, later);
    }

    @Test
    @DisplayName("a customer's responses come in receipt order, without other customers' responses")
    void feedbackOfACustomerInReceiptOrder() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        Feedback later = feedback().insert(TestData.feedback(customer.id()).receivedAt(T0.plusSeconds(1)).build());
        Feedback earlier = feedback().insert(TestData.feedback(customer.id()).receivedAt(T0).build());
        feedback().insert(TestData.feedback(other.id()).receivedAt(T0).build());

        // when
        Page<Feedback> found = feedback().findByCustomer(customer.id(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(earlier, later);
    }

    @Test
    @DisplayName("responses are found by receipt time in a half-open range [from, to)")
    void feedbackReceivedInHalfOpenRange() {
        // given
        Customer customer = storedCustomer();
        List<Feedback> stored = new ArrayList<>();
        for (Instant at : aroundRange()) {
            stored.add(feedback().insert(TestData.feedback(customer.id()).receivedAt(at).build()));
        }

        // when
        Page<Feedback> found = feedback().findReceivedBetween(theRange(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        assertThat(feedback().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items())
                .containsExactlyElementsOf(stored);
    }
}
