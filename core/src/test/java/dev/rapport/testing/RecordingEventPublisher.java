package dev.rapport.testing;

import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An event publisher that keeps every event it is given and notes whether a storage transaction was still running
 * on the publishing thread at that moment. Thread-safe.
 */
public final class RecordingEventPublisher implements EventPublisher {

    /** One publication: the event and whether it happened inside a transaction. */
    public record Publication(DomainEvent event, boolean duringTransaction) {
    }

    private final BooleanSupplier inTransaction;
    private final List<Publication> publications = new CopyOnWriteArrayList<>();
    private volatile Consumer<DomainEvent> onPublish = event -> { };

    /** A publisher that asks the supplier whether a transaction is running. */
    public RecordingEventPublisher(BooleanSupplier inTransaction) {
        this.inTransaction = inTransaction;
    }

    @Override
    public void publish(DomainEvent event) {
        publications.add(new Publication(event, inTransaction.getAsBoolean()));
        onPublish.accept(event);
    }

    /** Runs a check on every event as it is published, for example that its change is visible. */
    public void onPublish(Consumer<DomainEvent> check) {
        onPublish = check;
    }

    /** The events published so far, in order. */
    public List<DomainEvent> events() {
        return publications.stream().map(Publication::event).toList();
    }

    /** The events of one type published so far, in order. */
    public <E extends DomainEvent> List<E> events(Class<E> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every publication with its transaction flag. */
    public List<Publication> publications() {
        return List.copyOf(publications);
    }

    /** Forgets what was published. */
    public void clear() {
        publications.clear();
    }
}
