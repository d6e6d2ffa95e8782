package dev.rapport.jdbc.nodes;

import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A messenger that logs every message it is handed into {@code sent_log} (node, idempotency key, the message's
 * {@code ref} value, customer, thread) in autocommit before it returns, then prints {@code SENT n} with the node's
 * running count. It deduplicates nothing, so the log shows every send Rapport made, repeats included; a real
 * messenger would drop a repeat by its key. An optional delay before logging stands for the gateway's time.
 * Thread-safe.
 */
final class RecordingMessenger implements CustomerMessenger {

    /** The personalisation value the harness gives each follow-up, so a message is traced without its key. */
    static final String REF = "ref";

    private final NodeContext context;
    private final Duration delay;
    private final AtomicInteger sent = new AtomicInteger();

    RecordingMessenger(NodeContext context, Duration delay) {
        this.context = context;
        this.delay = delay;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        pause(delay);
        context.log("INSERT INTO {p}sent_log (node, message_key, ref, customer_id, thread) VALUES (?, ?, ?, ?, ?)",
                context.name(), message.idempotencyKey(), message.values().get(REF), message.customerId().toString(),
                Thread.currentThread().getName());
        context.out("SENT " + sent.incrementAndGet());
        return DeliveryReceipt.accepted(Instant.now());
    }

    static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
