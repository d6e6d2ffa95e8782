package dev.rapport.spi.feedback;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.validation.ValueDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks every adapter runs on a survey answer before it stores one
 * ({@link FeedbackRepository#insertSurveyAnswer} and {@link FeedbackRepository#replaceSurveyAnswer}), so that all
 * adapters refuse the same answers the same way.
 */
public final class SurveyAnswers {

    private SurveyAnswers() {
    }

    /**
     * Checks an answer: at least one response, each within the value domain, each naming the follow-up it answers,
     * no id twice.
     *
     * @param followUpId the survey follow-up answered
     * @param responses the answer's responses
     * @throws NullPointerException if the follow-up, the list or a response is null
     * @throws IllegalArgumentException if there is no response, or a response names another follow-up
     * @throws dev.rapport.spi.ValidationException if a response is outside the value domain
     * @throws DuplicateEntityException if two responses share an id
     */
    public static void check(FollowUpId followUpId, List<Feedback> responses) {
        Objects.requireNonNull(followUpId, "followUpId");
        Objects.requireNonNull(responses, "responses");
        if (responses.isEmpty()) {
            throw new IllegalArgumentException("a survey answer needs at least one response");
        }
        Set<FeedbackId> ids = new HashSet<>();
        for (Feedback f : responses) {
            ValueDomain.check(Objects.requireNonNull(f, "response"));
            if (!f.followUpId().filter(followUpId::equals).isPresent()) {
                throw new IllegalArgumentException("every response must name survey follow-up " + followUpId);
            }
            if (!ids.add(f.id())) {
                throw DuplicateEntityException.ofId("feedback", f.id());
            }
        }
    }
}
