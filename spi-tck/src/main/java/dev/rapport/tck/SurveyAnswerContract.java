package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUpId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Survey answers: the responses of one answer stored together, one answer per survey follow-up even under
 * concurrent writers, replacement of an answer as one step, and refusals that store nothing.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Survey answers"; not meant to be run on its own.
 */
public abstract class SurveyAnswerContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected SurveyAnswerContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    private List<Feedback> answer(CustomerId customer, FollowUpId followUp, int... scores) {
        List<Feedback> responses = new ArrayList<>();
        FeedbackMetric[] metrics = FeedbackMetric.values();
        for (int n = 0; n < scores.length; n++) {
            FeedbackMetric metric = metrics[n % metrics.length];
            Scale scale = metric == FeedbackMetric.NPS ? Scale.NPS_0_TO_10 : Scale.CSAT_1_TO_5;
            responses.add(TestData.feedback(customer).metric(metric).scale(scale).score(scores[n])
                    .receivedAt(T0.plusSeconds(n)).comment(n == 0 ? "Quick and kind" : null)
                    .followUpId(followUp).build());
        }
        return responses;
    }

    @Test
    @DisplayName("an answer's responses are stored together, come back exactly, and are found by their follow-up")
    void answerRoundTripsAndIsFoundBySurvey() {
        // given
        Customer customer = storedCustomer();
        FollowUpId followUp = FollowUpId.random();
        List<Feedback> responses = answer(customer.id(), followUp, 4, 9);
        FollowUpId other = FollowUpId.random();
        List<Feedback> otherAnswer = feedback().insertSurveyAnswer(other, answer(customer.id(), other, 3));

        // when
        List<Feedback> stored = feedback().insertSurveyAnswer(followUp, responses);

        // then
        assertThat(stored).containsExactlyElementsOf(responses);
        assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(responses);
        for (Feedback response : responses) {
            assertThat(feedback().get(response.id())).isEqualTo(response);
        }
        assertThat(feedback().findBySurvey(other)).containsExactlyElementsOf(otherAnswer);
        assertThat(feedback().findBySurvey(FollowUpId.random())).isEmpty();
    }

    @Test
    @DisplayName("a second answer to the same follow-up is refused on key \"followUpId\" and stores nothing")
    void secondAnswerIsRefused() {
        // given
        Customer customer = storedCustomer();
        FollowUpId followUp = FollowUpId.random();
        List<Feedback> first = feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 5));
        List<Feedback> second = answer(customer.id(), followUp, 1, 0);

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> feedback().insertSurveyAnswer(followUp, second));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("followUpId");
        assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(first);
        second.forEach(f -> assertThat(feedback().findById(f.id())).isEmpty());
    }

    @Test
    @DisplayName("an answer whose response id is taken is refused on key \"id\", and the follow-up stays unanswered")
    void answerWithATakenIdIsRefused() {
        // given
        Customer customer = storedCustomer();
        Feedback taken = feedback().insert(TestData.feedback(customer.id()).build());
        FollowUpId followUp = FollowUpId.random();
        List<Feedback> clashing = List.of(answer(customer.id(), followUp, 5).get(0),
                answer(customer.id(), followUp, 3).get(0).toBuilder().id(taken.id()).build());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> feedback().insertSurveyAnswer(followUp, clashing));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(feedback().findBySurvey(followUp)).isEmpty();
        assertThat(feedback().get(taken.id())).isEqualTo(taken);
        List<Feedback> later = answer(customer.id(), followUp, 2);
        assertThat(feedback().insertSurveyAnswer(followUp, later)).containsExactlyElementsOf(later);
    }

    @Test
    @DisplayName("replacing an answer removes its responses and stores the new ones; with none stored it stores")
    void replacingAnAnswerSwapsItsResponses() {
        // given
        Customer customer = storedCustomer();
        FollowUpId followUp = FollowUpId.random();
        List<Feedback> first = feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 2, 3));
        List<Feedback> second = answer(customer.id(), followUp, 5);
        FollowUpId fresh = FollowUpId.random();
        List<Feedback> firstOfFresh = answer(customer.id(), fresh, 4);

        // when
        feedback().replaceSurveyAnswer(followUp, second);
        feedback().replaceSurveyAnswer(fresh, firstOfFresh);

        // then
        assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(second);
        first.forEach(f -> assertThat(feedback().findById(f.id())).isEmpty());
        assertThat(feedback().findBySurvey(fresh)).containsExactlyElementsOf(firstOfFresh);
        assertThat(catchThrowableOfType(DuplicateEntityException.class,
                () -> feedback().insertSurveyAnswer(fresh, answer(customer.id(), fresh, 1))).keyName())
                .isEqualTo("followUpId");
    }

    @Test
    @DisplayName("when several threads answer the same follow-up at once, exactly one answer is stored")
    void concurrentAnswersLetExactlyOneWin() {
        requires(StorageCapability.CONCURRENT_WRITERS);
        // given
        Customer customer = storedCustomer();
        int threads = 8;
        for (int round = 0; round < 5; round++) {
            FollowUpId followUp = FollowUpId.random();

            // when
            List<Boolean> won = inParallel(threads, thread -> {
                try {
                    feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 1 + thread % 5));
                    return true;
                } catch (DuplicateEntityException e) {
                    return false;
                }
            });

            // then
            assertThat(won).as("answers stored in round %d", round).containsOnlyOnce(true);
            assertThat(feedback().findBySurvey(followUp)).hasSize(1);
        }
    }
}
