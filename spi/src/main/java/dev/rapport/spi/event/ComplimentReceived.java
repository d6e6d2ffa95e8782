package dev.rapport.spi.event;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A compliment was received; it counts for the agents it credits.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it was received
 * @param complaintId the compliment's id (compliments share the complaints' door and ids)
 * @param customerId who paid it
 * @param agentIds the agents it credits; may be empty (praise for the business)
 */
public record ComplimentReceived(UUID eventId, Instant occurredAt, ComplaintId complaintId, CustomerId customerId,
        Set<AgentId> agentIds) implements DomainEvent {

    /**
     * Copies the agents.
     *
     * @param eventId the event's unique id
     * @param occurredAt when it was received
     * @param complaintId the compliment's id (compliments share the complaints' door and ids)
     * @param customerId who paid it
     * @param agentIds the agents it credits; may be empty (praise for the business)
     */
    public ComplimentReceived {
        agentIds = Set.copyOf(agentIds);
    }

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "compliment.received";
    }
}
