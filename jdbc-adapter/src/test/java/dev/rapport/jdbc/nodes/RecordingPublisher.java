package dev.rapport.jdbc.nodes;

import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event publisher that logs every event it takes into {@code published_log} (node, event id, type, aggregate,
 * occurrence time) in autocommit before it returns, then prints {@code PUBLISHED n} with the node's running count.
 * It deduplicates nothing. An optional delay before logging stands for the broker's time. Thread-safe.
 */
final class RecordingPublisher implements EventPublisher {

    private final NodeContext context;
    private final Duration delay;
    private final AtomicInteger published = new AtomicInteger();

    RecordingPublisher(NodeContext context, Duration delay) {
        this.context = context;
        this.delay = delay;
    }

    @Override
    public void publish(DomainEvent event) {
        RecordingMessenger.pause(delay);
        context.log("INSERT INTO {p}published_log (node, event_id, event_type, aggregate_id, occurred_at)"
                + " VALUES (?, ?, ?, ?, ?)", context.name(), event.eventId(), event.type(), event.aggregateId(),
                event.occurredAt().toString());
        context.out("PUBLISHED " + published.incrementAndGet());
    }
}
