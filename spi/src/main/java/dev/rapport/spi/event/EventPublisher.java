package dev.rapport.spi.event;

/**
 * The port through which Rapport tells the host what happened: implemented by the host, for example to put
 * events on a message broker or to update a search index.
 *
 * <p>Contract: {@link #publish} is called after the change that caused the event was committed, at least once
 * per event, and in order for events of one aggregate. The same event may arrive more than once (after a crash,
 * a timeout or a retry): implementations deduplicate by {@link DomainEvent#eventId()}. Throwing any
 * {@link RuntimeException} signals that the event was not taken; Rapport retries it. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface EventPublisher {

    /** An event publisher that drops every event; the default when the host gives none. */
    EventPublisher NONE = event -> { };

    /**
     * Takes one event; throws to have it retried.
     *
     * @param event the event to deliver; the same event may arrive more than once
     */
    void publish(DomainEvent event);
}
