package dev.rapport.spi.event;

import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A complaint was closed. The seam for the follow-up that asks the customer whether they are satisfied with how the
 * complaint was handled: the follow-up service schedules from this event. Raised each time a complaint closes (a
 * reopened complaint closes again with a new event id); never for compliments.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it closed
 * @param complaintId the complaint
 * @param customerId the customer to follow up with
 * @param decision the decision, if one was made (a withdrawn complaint has none)
 * @param customerAccepted whether the customer accepted the response, if they answered
 */
public record ComplaintClosed(UUID eventId, Instant occurredAt, ComplaintId complaintId, CustomerId customerId,
        Optional<OutcomeDecision> decision, Optional<Boolean> customerAccepted) implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.closed";
    }
}
