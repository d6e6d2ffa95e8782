package dev.rapport.reliability;

import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A messenger that keeps its contract: each idempotency key reaches the customer once, a repeat gets a receipt
 * marked duplicate. {@link #beforeDelivery} and {@link #afterDelivery} let a test fail or hold a call before or
 * after the message went out. Counts calls and deliveries per key. Thread-safe.
 */
class IdempotentMessenger implements CustomerMessenger {

    final Map<String, OutboundMessage> delivered = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Clock clock;

    IdempotentMessenger(Clock clock) {
        this.clock = clock;
    }

    /** Called before a message goes out; throw to fail the call with nothing delivered. */
    void beforeDelivery(OutboundMessage message, int call) {
    }

    /** Called after a message went out; throw to fail the call although the customer got it. */
    void afterDelivery(OutboundMessage message, int call) {
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        int call = calls.computeIfAbsent(message.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        beforeDelivery(message, call);
        boolean first = delivered.putIfAbsent(message.idempotencyKey(), message) == null;
        if (first) {
            deliveries.computeIfAbsent(message.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        }
        afterDelivery(message, call);
        return new DeliveryReceipt(Optional.empty(), clock.instant(), !first);
    }

    /** How many calls carried the key. */
    int calls(String key) {
        AtomicInteger n = calls.get(key);
        return n == null ? 0 : n.get();
    }

    /** How many keys reached the customer more than once; the contract makes it zero. */
    long duplicates() {
        return deliveries.values().stream().filter(n -> n.get() > 1).count();
    }

    /** How many calls came on top of one per delivered key: failed attempts and repeats the key absorbed. */
    long extraCalls() {
        return calls.values().stream().mapToLong(n -> n.get()).sum() - delivered.size();
    }
}
