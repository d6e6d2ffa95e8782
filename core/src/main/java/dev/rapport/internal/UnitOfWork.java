package dev.rapport.internal;

import dev.rapport.spi.Transactions;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service operation in one storage transaction and publishes the domain events it raised only after that
 * transaction committed; if it rolls back, no event is published. Internal to Rapport; not an API. Thread-safe.
 */
public final class UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);

    /** How often publishing one event is tried before it is given up and logged. */
    static final int PUBLISH_ATTEMPTS = 3;

    private final Transactions transactions;
    private final EventPublisher publisher;

    /** A unit of work over the given transactions, publishing to the given publisher. */
    public UnitOfWork(Transactions transactions, EventPublisher publisher) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * Runs the work in a transaction; the events it adds to the list it is given are published after commit, in
     * order.
     *
     * @param work the operation; adds its events to the list
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T run(Function<List<DomainEvent>, T> work) {
        List<DomainEvent> events = new ArrayList<>();
        T result = transactions.inTransaction(() -> {
            events.clear(); // a retried transaction starts with no events
            return work.apply(events);
        });
        events.forEach(this::publish);
        return result;
    }

    private void publish(DomainEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(event);
                return;
            } catch (RuntimeException e) {
                if (attempt >= PUBLISH_ATTEMPTS) {
                    LOG.warn("Gave up publishing event {} of type {} after {} attempts", event.eventId(),
                            event.type(), attempt, e);
                    return;
                }
            }
        }
    }
}
