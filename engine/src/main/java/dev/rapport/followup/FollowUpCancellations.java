package dev.rapport.followup;

import dev.rapport.internal.Arguments;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancelling half of {@link FollowUpScheduler}: cancels follow-ups the host names, and those an event makes
 * pointless (an inbound contact, a reopened case, an erased customer, a withdrawn consent, a moved date). A stale
 * version is retried through {@link Retry}. Thread-safe: holds only immutable configuration.
 */
final class FollowUpCancellations {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpScheduler.class);

    /** Inbound interaction kinds that do not count as the customer getting in touch. */
    private static final Set<InteractionKind> NOT_A_REPLY = EnumSet.of(InteractionKind.MISSED_CALL,
            InteractionKind.PURCHASE, InteractionKind.NOTE, InteractionKind.FEEDBACK);

    private static final int CANCEL_ATTEMPTS = 5;

    private final RapportStorage storage;
    private final FollowUpRepository followUps;
    private final Clock clock;
    private final UnitOfWork unitOfWork;
    private final Map<FollowUpKind, Set<CancelCondition>> cancelConditions;
    private final RulePlanning planning;

    FollowUpCancellations(RapportStorage storage, Clock clock, UnitOfWork unitOfWork,
            Map<FollowUpKind, Set<CancelCondition>> cancelConditions, RulePlanning planning) {
        this.storage = storage;
        this.followUps = storage.followUps();
        this.clock = clock;
        this.unitOfWork = unitOfWork;
        this.cancelConditions = cancelConditions;
        this.planning = planning;
    }

    /** Cancels one follow-up for the host's reason, checked by the caller; see {@link FollowUpScheduler#cancel}. */
    FollowUp cancel(FollowUpId id, String reason) {
        return Retry.onStaleVersion(CANCEL_ATTEMPTS, "Follow-up " + id, () -> unitOfWork.run(events -> {
            FollowUp current = followUps.get(id);
            if (current.status() == FollowUpStatus.CANCELLED) {
                return current;
            }
            if (!current.status().canMoveTo(FollowUpStatus.CANCELLED)) {
                throw new IllegalTransitionException("follow-up", id, current.status(), FollowUpStatus.CANCELLED);
            }
            return cancelIn(events, current, reason, false);
        }));
    }

    /** Cancels every pending follow-up of a customer. */
    List<FollowUpId> cancelAll(CustomerId customerId, CancellationReason reason) {
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, customerId)) {
            cancelPending(f.id(), reason, false).ifPresent(cancelled::add);
        }
        return cancelled;
    }

    /** Cancels the kinds set to {@link CancelCondition#CUSTOMER_REPLIED} when the customer got in touch. */
    List<FollowUpId> cancelOnContact(InteractionRecorded e) {
        if (e.direction() != Direction.INBOUND || NOT_A_REPLY.contains(e.kind())) {
            return List.of();
        }
        Set<FollowUpKind> kinds = kindsCancelledOn(CancelCondition.CUSTOMER_REPLIED);
        if (kinds.isEmpty()) {
            return List.of();
        }
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, e.customerId())) {
            boolean otherCase = f.caseId().isPresent() && e.caseId().isPresent() && !f.caseId().equals(e.caseId());
            if (kinds.contains(f.kind()) && !f.createdAt().isAfter(e.occurredAt()) && !otherCase) {
                cancelPending(f.id(), CancellationReason.CUSTOMER_REPLIED, false).ifPresent(cancelled::add);
            }
        }
        return cancelled;
    }

    /** Cancels the kinds set to {@link CancelCondition#CASE_REOPENED} of a reopened case, freeing their keys. */
    List<FollowUpId> cancelOnReopen(CaseStatusChanged e) {
        Set<FollowUpKind> kinds = kindsCancelledOn(CancelCondition.CASE_REOPENED);
        Optional<Case> supportCase = storage.cases().findById(e.caseId());
        if (kinds.isEmpty() || supportCase.isEmpty()) {
            return List.of();
        }
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : FollowUps.pending(followUps, supportCase.get().customerId())) {
            if (kinds.contains(f.kind()) && f.caseId().equals(Optional.of(e.caseId()))) {
                cancelPending(f.id(), CancellationReason.CASE_REOPENED, true).ifPresent(cancelled::add);
            }
        }
        return cancelled;
    }

    /** Cancels what a changed customer can no longer get: everything if erased, a channel opted out of, a moved date. */
    List<FollowUpId> reconcile(CustomerId customerId) {
        List<FollowUp> pending = FollowUps.pending(followUps, customerId);
        if (pending.isEmpty()) {
            return List.of();
        }
        Optional<Customer> found = storage.customers().findById(customerId);
        List<FollowUpId> cancelled = new ArrayList<>();
        for (FollowUp f : pending) {
            Optional<CancellationReason> reason = found.isEmpty() ? Optional.of(CancellationReason.CUSTOMER_NOT_FOUND)
                    : reasonToCancel(found.get(), f);
            reason.flatMap(r -> cancelPending(f.id(), r, false)).ifPresent(cancelled::add);
        }
        return cancelled;
    }

    private Optional<CancellationReason> reasonToCancel(Customer customer, FollowUp f) {
        if (customer.status() == CustomerStatus.ERASED) {
            return Optional.of(CancellationReason.CUSTOMER_ERASED);
        }
        if (!customer.mayContactOn(f.channel())) {
            return Optional.of(CancellationReason.OPTED_OUT);
        }
        return planning.dateOf(f).filter(planned -> !planned.date().equals(
                        planned.source().nextOnOrAfter(customer, planned.date()).orElse(null)))
                .map(moved -> CancellationReason.DATE_CHANGED);
    }

    private Set<FollowUpKind> kindsCancelledOn(CancelCondition condition) {
        Set<FollowUpKind> kinds = new HashSet<>();
        cancelConditions.forEach((kind, conditions) -> {
            if (conditions.contains(condition)) {
                kinds.add(kind);
            }
        });
        return kinds;
    }

    /** Cancels a follow-up if it is still pending; empty if it had already moved on. */
    private Optional<FollowUpId> cancelPending(FollowUpId id, CancellationReason reason, boolean releaseKey) {
        return Retry.onStaleVersion(CANCEL_ATTEMPTS, "Follow-up " + id, () -> unitOfWork.run(events -> {
            Optional<FollowUp> current = followUps.findById(id);
            if (current.isEmpty() || !FollowUps.PENDING.contains(current.get().status())) {
                return Optional.<FollowUpId>empty();
            }
            cancelIn(events, current.get(), reason.code(), releaseKey);
            LOG.debug("Cancelled follow-up {}: {}", id, reason.code());
            return Optional.of(id);
        }));
    }

    private FollowUp cancelIn(List<DomainEvent> events, FollowUp current, String reason, boolean releaseKey) {
        Instant now = Arguments.now(clock);
        FollowUp.Builder next = current.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason(reason)
                .leaseOwner(null).leaseUntil(null).updatedAt(now);
        if (releaseKey) {
            next.idempotencyKey(FollowUps.releasedKey(current));
        }
        FollowUp stored = followUps.update(next.build());
        events.add(new FollowUpCancelled(UUID.randomUUID(), now, stored.id(), reason));
        return stored;
    }
}
