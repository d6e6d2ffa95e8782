package dev.rapport.spi.event;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import java.util.Optional;
import java.time.Instant;
import java.util.UUID;

/**
 * A feedback response arrived; ordered with the customer's other events.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it happened
 * @param feedbackId the response
 * @param customerId who answered
 * @param metric which question it answers
 * @param score the score
 * @param caseId the case it rates, if any
 */
public record FeedbackReceived(UUID eventId, Instant occurredAt, FeedbackId feedbackId, CustomerId customerId, FeedbackMetric metric, int score, Optional<CaseId> caseId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return customerId.toString();
    }

    @Override
    public String type() {
        return "feedback.received";
    }
}
