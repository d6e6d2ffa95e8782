package dev.rapport.tck;

import static dev.rapport.tck.TestData.LINE;
import static dev.rapport.tck.TestData.key;
import static dev.rapport.tck.TestData.multilineText;
import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.unique;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;

/**
 * The {@link TestData} builders of feedback responses; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class FeedbackTestData {

    private FeedbackTestData() {
    }

    // --------------------------------------------------------------------------------------------------- feedback

    /** Builds what {@link TestData#feedback} documents. */
    static Feedback.Builder feedback(CustomerId customerId) {
        return Feedback.builder()
                .id(FeedbackId.random())
                .customerId(customerId)
                .metric(FeedbackMetric.CSAT)
                .scale(Scale.CSAT_1_TO_5)
                .score(5)
                .comment("Quick and friendly, thank you!")
                .receivedAt(now())
                .channel(Channel.EMAIL);
    }

    /** Builds what {@link TestData#feedbackWithEveryField} documents. */
    static Feedback.Builder feedbackWithEveryField(CustomerId customerId, CaseId caseId,
            InteractionId interactionId, AgentId agentId) {
        return feedback(customerId)
                .metric(FeedbackMetric.CES)
                .scale(Scale.CES_EFFORT_1_TO_5)
                .score(2)
                .comment("Leicht gemacht 👌\nBut the form lost my address twice.")
                .receivedAt(Instant.parse("1999-12-31T23:59:59.999999Z"))
                .caseId(caseId)
                .interactionId(interactionId)
                .orderRef("ORD-" + unique())
                .agentId(agentId)
                .channel(LINE)
                .followUpId(FollowUpId.random());
    }

    /** Builds what {@link TestData#feedbackAtLimits} documents. */
    static Feedback.Builder feedbackAtLimits(CustomerId customerId) {
        return feedback(customerId)
                .metric(FeedbackMetric.NPS)
                .scale(Scale.NPS_0_TO_10)
                .score(10)
                .comment(multilineText(Limits.TEXT))
                .orderRef(key("order", Limits.KEY));
    }
}
