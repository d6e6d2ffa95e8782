package dev.rapport.internal;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service operation in one storage transaction and hands over the domain events it raised only once that
 * transaction committed; if it rolls back, no event leaves. Internal to Rapport; not an API. Thread-safe.
 *
 * <p>Two modes. When the storage has an {@link EventOutbox} (the JDBC adapter), the events are appended to it inside
 * the transaction, so a crash between commit and publication loses nothing; an outbox relay publishes them, and
 * this unit of work only wakes it after commit. Without an outbox (the in-memory store), the events are published
 * directly after commit, each tried a few times and logged if the publisher keeps failing.
 */
public final class UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);

    /** How often publishing one event is tried directly before it is given up and logged. */
    static final int PUBLISH_ATTEMPTS = 3;

    private final Transactions transactions;
    private final EventPublisher publisher;
    private final Optional<EventOutbox> outbox;
    private final Runnable afterAppend;

    /**
     * A unit of work that publishes directly to the given publisher after commit.
     *
     * @param transactions runs each operation in a transaction
     * @param publisher where the events go after commit
     */
    public UnitOfWork(Transactions transactions, EventPublisher publisher) {
        this(transactions, publisher, Optional.empty(), () -> { });
    }

    private UnitOfWork(Transactions transactions, EventPublisher publisher, Optional<EventOutbox> outbox,
            Runnable afterAppend) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.outbox = outbox;
        this.afterAppend = Objects.requireNonNull(afterAppend, "afterAppend");
    }

    /**
     * A unit of work over a storage: through its outbox when it has one, else publishing directly.
     *
     * @param storage the storage
     * @param publisher where events go when the storage has no outbox
     * @param afterAppend run after a commit that appended events to the outbox, typically waking a relay
     * @return a unit of work over the storage's transactions
     */
    public static UnitOfWork over(RapportStorage storage, EventPublisher publisher, Runnable afterAppend) {
        return new UnitOfWork(storage.transactions(), publisher, storage.outbox(), afterAppend);
    }

    /**
     * The unit of work a Rapport runs every operation in: through the storage's outbox when it has one and
     * {@code useOutbox} is set, else publishing directly after commit.
     *
     * @param storage the storage
     * @param publisher where events go: directly after commit, or from the outbox through a relay
     * @param useOutbox whether to use the storage's outbox when it has one
     * @param afterAppend run after a commit that appended events to the outbox, typically waking a relay
     * @return a unit of work over the storage's transactions
     */
    public static UnitOfWork of(RapportStorage storage, EventPublisher publisher, boolean useOutbox,
            Runnable afterAppend) {
        return new UnitOfWork(storage.transactions(), publisher,
                useOutbox ? storage.outbox() : Optional.empty(), afterAppend);
    }

    /**
     * Whether events go through a transactional outbox.
     *
     * @return {@code true} if events are appended to the storage's outbox, {@code false} if they are published after
     *        commit
     */
    public boolean usesOutbox() {
        return outbox.isPresent();
    }

    /**
     * Runs the work in a transaction; the events it adds to the list it is given leave after commit, in order.
     *
     * @param work the operation; adds its events to the list
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T run(Function<List<DomainEvent>, T> work) {
        List<DomainEvent> events = new ArrayList<>();
        T result = transactions.inTransaction(() -> {
            events.clear(); // a retried transaction starts with no events
            T value = work.apply(events);
            if (!events.isEmpty()) {
                outbox.ifPresent(o -> o.append(List.copyOf(events)));
            }
            return value;
        });
        if (events.isEmpty()) {
            return result;
        }
        if (outbox.isPresent()) {
            afterAppend.run();
        } else {
            events.forEach(this::publish);
        }
        return result;
    }

    private void publish(DomainEvent event) {
        try {
            Retry.onConflict(PUBLISH_ATTEMPTS, "Event " + event.eventId(), failure -> true, () -> {
                publisher.publish(event);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Gave up publishing event {} of type {} after {} attempts", event.eventId(), event.type(),
                    PUBLISH_ATTEMPTS, e);
        }
    }
}
