package dev.rapport.spi.event;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The transactional outbox port: domain events are appended in the same transaction as the change that caused
 * them, so an event exists if and only if its change was committed, and a relay later hands them to the
 * {@link EventPublisher} at least once, in order per aggregate, even across crashes and several nodes. Offered by
 * storage adapters that can keep it through {@link dev.rapport.spi.RapportStorage#outbox()}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #append} takes part in the transaction running on the calling thread (or runs in its own); if that
 *   transaction rolls back, the events are gone too. Events of one aggregate ({@link DomainEvent#aggregateId()})
 *   get increasing sequence numbers in the order their transactions commit. An event whose id is still in
 *   the outbox (pending or parked) is not appended twice.</li>
 *   <li>{@link #claim} hands out, atomically and under a lease, only the <em>oldest pending</em> event of each
 *   aggregate, and only if it is ready: its retry time has come and no lease on it runs, both by the store's own
 *   clock. So a batch holds at most one event per aggregate, and an aggregate's next event can only be claimed
 *   after the one before it was delivered or parked: delivery is in order per aggregate.</li>
 *   <li>{@link #markDelivered}, {@link #recordFailure} and {@link #release} act only while the caller still holds
 *   the claim it was given (same {@link Entry#claimVersion()}); a late caller whose lease lapsed and was claimed
 *   again is refused and changes nothing.</li>
 *   <li>After {@code maxAttempts} failures an event is parked as a dead letter. A dead letter no longer holds
 *   back the later events of its aggregate (one poison event must not stall a customer's whole stream), so those
 *   may be delivered before it; once re-driven it goes out before its aggregate's events that are still pending.
 *   Dead letters stay until re-driven.</li>
 * </ul>
 * A failure of the store itself is a {@link StorageException}. Implementations are thread-safe.
 */
public interface EventOutbox {

    /** Where an outbox entry stands. */
    enum Status {
        /** Waiting to be delivered, possibly claimed by a relay under a lease or waiting for a retry. */
        PENDING,
        /** Parked after too many failed attempts; waits to be re-driven. */
        DEAD
    }

    /** What {@link #recordFailure} did. */
    enum FailureOutcome {
        /** The event will be tried again after the given delay. */
        RETRY_SCHEDULED,
        /** The event used up its attempts and was parked as a dead letter. */
        DEAD_LETTERED,
        /** The caller no longer held the claim; nothing was changed. */
        CLAIM_LOST
    }

    /**
     * One stored event and its delivery state.
     *
     * @param event the event
     * @param sequence the event's position among its aggregate's events; increasing in commit order
     * @param status where it stands
     * @param attempts how many deliveries failed so far
     * @param lastError the last delivery error, without personal data
     * @param leaseOwner the relay holding it, while claimed
     * @param leaseUntil when the claim lapses, by the store's clock
     * @param availableAt when it may be claimed (again), by the store's clock
     * @param appendedAt when it was appended, by the store's clock
     * @param claimVersion increased by every claim; identifies the claim a relay holds
     */
    record Entry(
            DomainEvent event,
            long sequence,
            Status status,
            int attempts,
            Optional<String> lastError,
            Optional<String> leaseOwner,
            Optional<@SupportedInstant Instant> leaseUntil,
            Instant availableAt,
            Instant appendedAt,
            long claimVersion) {

        /**
         * Checks the parts are present.
         *
         * @param event the event
         * @param sequence the event's position among its aggregate's events; increasing in commit order
         * @param status where it stands
         * @param attempts how many deliveries failed so far
         * @param lastError the last delivery error, without personal data
         * @param leaseOwner the relay holding it, while claimed
         * @param leaseUntil when the claim lapses, by the store's clock
         * @param availableAt when it may be claimed (again), by the store's clock
         * @param appendedAt when it was appended, by the store's clock
         * @param claimVersion increased by every claim; identifies the claim a relay holds
         */
        public Entry {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(leaseOwner, "leaseOwner");
            Objects.requireNonNull(leaseUntil, "leaseUntil");
            Objects.requireNonNull(availableAt, "availableAt");
            Objects.requireNonNull(appendedAt, "appendedAt");
        }

        /**
         * The event's id.
         *
         * @return the id of the stored event, the same on every delivery of it
         */
        public UUID eventId() {
            return event.eventId();
        }

        /**
         * The id of the aggregate the event concerns.
         *
         * @return the aggregate id of the stored event, as text; entries of one aggregate are claimed in sequence order
         */
        public String aggregateId() {
            return event.aggregateId();
        }
    }

    /**
     * Appends events in the transaction running on the calling thread, or in a transaction of its own.
     *
     * @param events the events, in the order they happened
     */
    void append(List<? extends DomainEvent> events);

    /**
     * Claims up to {@code limit} ready events for one relay, oldest first; see the type's contract for which
     * events are ready. Each is returned with {@code leaseOwner} the owner, {@code leaseUntil} the store's now plus
     * {@code lease}, and a new {@code claimVersion}.
     *
     * @param owner who claims, unique per relay; not blank
     * @param lease how long the claim holds; positive
     * @param limit how many at most; positive
     * @return the claimed entries, oldest first, at most one per aggregate
     */
    List<Entry> claim(String owner, Duration lease, int limit);

    /**
     * Records that a claimed event was published; it is removed from the outbox.
     *
     * @param entry the entry as claimed, carrying the claim version the caller holds
     * @return false if the caller no longer held the claim (the event may be delivered again by another relay)
     */
    boolean markDelivered(Entry entry);

    /**
     * Records a failed delivery of a claimed event: the attempt count grows by one and the lease ends. If the count
     * reaches {@code maxAttempts} the event is parked as a dead letter, otherwise it may be claimed again after
     * {@code retryAfter}, by the store's clock.
     *
     * @param entry the entry as claimed
     * @param error what went wrong, without personal data; cut to 2,000 characters
     * @param retryAfter the delay before the next attempt; zero or positive
     * @param maxAttempts how many attempts in all before it is parked; positive
     * @return whether the event was scheduled for a retry, parked as a dead letter, or left alone because the claim was
     *        lost
     */
    FailureOutcome recordFailure(Entry entry, String error, Duration retryAfter, int maxAttempts);

    /**
     * Gives a claimed event back without counting an attempt, so it can be claimed again at once.
     *
     * @param entry the entry as claimed, carrying the claim version the caller holds
     * @return false if the caller no longer held the claim
     */
    boolean release(Entry entry);

    /**
     * The dead letters, oldest appended first.
     *
     * @param page which slice of the ordered dead letters to return
     * @return the requested page of dead letters, each with its attempts and last error
     */
    Page<Entry> deadLetters(PageRequest page);

    /**
     * Puts a dead letter back for delivery with no attempts counted.
     *
     * @param eventId the id of the parked event
     * @return false if no dead letter has that event id
     */
    boolean redrive(UUID eventId);

    /**
     * Puts every dead letter back for delivery; returns how many.
     *
     * @return the number of dead letters put back; zero if there were none
     */
    int redriveAll();

    /**
     * How many events wait for delivery (pending, claimed or not), dead letters excluded.
     *
     * @return the number of events not yet delivered and not parked; zero or more
     */
    long pendingCount();

    /**
     * How many events are parked as dead letters, counted by the store in one query (for the relay's
     * {@code deadLetterCount}, a health check's figure), so that the cost does not grow with pages read again. The
     * default counts the pages of {@link #deadLetters}, reading every dead letter, for adapters written before this
     * method; adapters override it with a count in storage.
     *
     * @return the number of dead letters; zero or more
     */
    default long deadLetterCount() {
        long count = 0;
        for (Entry ignored : dev.rapport.spi.PageWalk.byOffset(PageRequest.MAX_LIMIT, this::deadLetters)) {
            count++;
        }
        return count;
    }
}
