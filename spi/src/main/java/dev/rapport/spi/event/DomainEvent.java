package dev.rapport.spi.event;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in the domain, published to the host through {@link EventPublisher} after the change
 * that caused it was committed. Events carry ids, never personal data, so they are safe to log and to ship.
 *
 * <p>Every event has a stable {@link #eventId()}: delivery is at least once, and consumers deduplicate by it.
 */
public sealed interface DomainEvent permits
        CustomerRegistered, CustomerUpdated, InteractionRecorded, CaseOpened, CaseStatusChanged, CaseAssigned,
        FeedbackReceived, FollowUpScheduled, FollowUpSent, FollowUpFailed, FollowUpCancelled, SlaWarningReached,
        SlaBreached, ComplaintReceived, ComplaintStageChanged, ComplaintEscalated, ComplaintDeadlineApproaching,
        ComplaintDeadlineBreached, ComplaintClosed, ComplimentReceived, RecurringIssueDetected, AgentRegistered,
        AgentChanged, AgentPresenceChanged, AgentRetired, CustomersMerged, AutomationFired, CustomerAtRisk {

    /**
     * The event's unique id; the same on every delivery of this event.
     *
     * @return the event's id; never null
     */
    UUID eventId();

    /**
     * When it happened, by the clock Rapport was given.
     *
     * @return the instant the event happened; never null
     */
    Instant occurredAt();

    /**
     * The id of the aggregate it concerns; events of one aggregate are delivered in order.
     *
     * @return the aggregate's id as text, for example a case id's UUID; never null
     */
    String aggregateId();

    /**
     * A stable name for the event type, for example {@code "case.opened"}.
     *
     * @return the type name: lower-case, the subject and what happened to it separated by a dot
     */
    String type();
}
