package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import java.time.Instant;
import java.util.Optional;

/**
 * One data row of an export, read and checked: every value typed and within the rules the services apply, so that
 * importing it should not fail on its content.
 */
record TicketRow(
        long line,
        String ticketId,
        Optional<String> customerName,
        Optional<String> email,
        Optional<String> phone,
        Channel channel,
        String subject,
        Optional<String> category,
        Priority priority,
        CaseStatus status,
        Instant createdAt,
        CreationTimeQuality createdAtQuality,
        Optional<Instant> firstReplyAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> closedAt,
        boolean resolutionTimeUnknown,
        Optional<AgentId> agent,
        Optional<Integer> csat,
        Optional<String> csatComment,
        Optional<String> messageText) {

    /** The name to register a new customer under: the name given, else the email address, else the phone number. */
    String registrationName() {
        return customerName.or(() -> email).or(() -> phone).orElseThrow();
    }

    /** When the case reached its status: resolution or closing time, else the last thing that happened. */
    Instant statusTime() {
        return switch (status) {
            case RESOLVED, CLOSED -> resolvedAt.orElseGet(this::lastKnown);
            default -> firstReplyAt.filter(createdAt::isBefore).orElse(createdAt);
        };
    }

    /** When the CSAT answer is taken to have arrived: at the last thing that happened to the ticket. */
    Instant csatTime() {
        return lastKnown();
    }

    /** The last moment the row knows of. */
    Instant lastKnown() {
        Instant last = createdAt;
        for (Optional<Instant> t : java.util.List.of(firstReplyAt, resolvedAt, closedAt)) {
            if (t.isPresent() && t.get().isAfter(last)) {
                last = t.get();
            }
        }
        return last;
    }
}
