package dev.rapport.jdbc;

import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A messenger that fails the calls it is told to fail, in order, and records what it delivered, once per
 * idempotency key as the port's contract asks. Not thread-safe; the parity tests send from one thread.
 */
final class ScriptedMessenger implements CustomerMessenger {

    /** How a scripted call fails. */
    enum Failure {
        /** A timeout worth retrying. */
        RETRYABLE,
        /** A refusal that retrying cannot fix (an address the gateway rejects). */
        PERMANENT,
        /** Something that is not a {@link MessageDeliveryException}, which counts as retryable. */
        FOREIGN
    }

    private final Deque<Failure> script = new ArrayDeque<>();
    private final java.util.Map<String, Deque<Failure>> scriptByKey = new java.util.HashMap<>();
    private final List<OutboundMessage> sent = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    void clock(Clock value) {
        clock = value;
    }

    /** Fails the next calls in this order, after any failures already scripted. */
    void failNext(List<Failure> failures) {
        script.addAll(failures);
    }

    /**
     * Fails the next sends of the message with this idempotency key, in this order, whatever is sent around it: a
     * dispatch round sends follow-ups due at the same time in the order of their ids, which differ between stores.
     */
    void failNext(String idempotencyKey, List<Failure> failures) {
        scriptByKey.computeIfAbsent(idempotencyKey, k -> new ArrayDeque<>()).addAll(failures);
    }

    /** The messages delivered, in order, each key once. */
    List<OutboundMessage> sent() {
        return sent;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Deque<Failure> own = scriptByKey.get(message.idempotencyKey());
        Failure failure = own != null && !own.isEmpty() ? own.pollFirst() : script.pollFirst();
        if (failure != null) {
            switch (failure) {
                case RETRYABLE -> throw new MessageDeliveryException("gateway timed out", true, null);
                case PERMANENT -> throw new MessageDeliveryException("gateway refused the message", false, null);
                default -> throw new IllegalStateException("gateway connection reset");
            }
        }
        boolean duplicate = sent.stream().anyMatch(m -> m.idempotencyKey().equals(message.idempotencyKey()));
        if (!duplicate) {
            sent.add(message);
        }
        return new DeliveryReceipt(java.util.Optional.empty(), clock.instant(), duplicate);
    }
}
