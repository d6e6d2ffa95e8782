package dev.rapport.reliability;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpScheduled;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.FollowUpStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * An event publisher that keeps every event and checks, at the moment it is published, that the work it reports
 * was committed: no transaction runs on the publishing thread, and the store (read past any fault injection)
 * already shows the change. An event that fails either check is kept as an orphan: it would tell the host about
 * work that was rolled back or not yet committed. Thread-safe.
 */
final class CheckingPublisher implements EventPublisher {

    private final RapportStorage store;
    private final BooleanSupplier inTransaction;
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> orphans = new CopyOnWriteArrayList<>();

    /**
     * A publisher checking against the given store.
     *
     * @param store the store, read without fault injection
     * @param inTransaction whether a transaction runs on the calling thread
     */
    CheckingPublisher(RapportStorage store, BooleanSupplier inTransaction) {
        this.store = store;
        this.inTransaction = inTransaction;
    }

    @Override
    public void publish(DomainEvent event) {
        if (inTransaction.getAsBoolean()) {
            orphans.add("published inside a transaction: " + event);
        } else if (!committed(event)) {
            orphans.add("published without its change in the store: " + event);
        }
        events.add(event);
    }

    /** Every event published, in order. */
    List<DomainEvent> events() {
        return List.copyOf(events);
    }

    /** The events whose change was not committed and visible when they were published. */
    List<String> orphans() {
        return List.copyOf(orphans);
    }

    private boolean committed(DomainEvent event) {
        if (event instanceof CustomerRegistered e) {
            return store.customers().findById(e.customerId()).isPresent();
        }
        if (event instanceof CustomerUpdated e) {
            return store.customers().findById(e.customerId()).filter(c -> !c.updatedAt().isBefore(e.occurredAt()))
                    .isPresent();
        }
        if (event instanceof InteractionRecorded e) {
            return store.interactions().findById(e.interactionId()).isPresent();
        }
        if (event instanceof CaseOpened e) {
            return store.cases().findById(e.caseId()).isPresent();
        }
        if (event instanceof CaseStatusChanged e) {
            // whoever made the move (the system, a rule, the customer), it is in the history
            return store.cases().findById(e.caseId()).filter(c -> c.history().stream()
                    .anyMatch(m -> m.from() == e.from() && m.to() == e.to() && m.at().equals(e.occurredAt())))
                    .isPresent();
        }
        if (event instanceof CaseAssigned e) {
            return store.cases().findById(e.caseId()).flatMap(c -> c.assignee()).filter(e.assignee()::equals)
                    .isPresent();
        }
        if (event instanceof FeedbackReceived e) {
            return store.feedback().findById(e.feedbackId()).isPresent();
        }
        if (event instanceof FollowUpScheduled e) {
            return store.followUps().findById(e.followUpId()).isPresent();
        }
        if (event instanceof FollowUpSent e) {
            return hasStatus(e.followUpId(), FollowUpStatus.SENT);
        }
        if (event instanceof FollowUpFailed e) {
            return hasStatus(e.followUpId(), FollowUpStatus.FAILED);
        }
        if (event instanceof FollowUpCancelled e) {
            return hasStatus(e.followUpId(), FollowUpStatus.CANCELLED);
        }
        return true;
    }

    private boolean hasStatus(dev.rapport.spi.followup.FollowUpId id, FollowUpStatus status) {
        return store.followUps().findById(id).filter(f -> f.status() == status).isPresent();
    }
}
