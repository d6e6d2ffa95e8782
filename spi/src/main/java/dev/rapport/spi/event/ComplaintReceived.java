package dev.rapport.spi.event;

import dev.rapport.spi.Channel;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.UUID;

/**
 * A complaint was received and given its reference.
 *
 * @param eventId the event's unique id
 * @param occurredAt when it was received
 * @param complaintId the complaint
 * @param reference its reference
 * @param customerId the customer
 * @param severity its severity at receipt
 * @param channel where it came in
 */
public record ComplaintReceived(UUID eventId, Instant occurredAt, ComplaintId complaintId,
        ComplaintReference reference, CustomerId customerId, Severity severity, Channel channel)
        implements DomainEvent {

    @Override
    public String aggregateId() {
        return complaintId.toString();
    }

    @Override
    public String type() {
        return "complaint.received";
    }
}
