package dev.rapport.followup;

import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A messenger that behaves as the contract asks: each idempotency key is delivered once, a repeat gets a receipt
 * marked duplicate. Counts calls and effective deliveries per follow-up. Thread-safe.
 */
class IdempotentSink implements CustomerMessenger {

    final Map<String, OutboundMessage> delivered = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> callsByKey = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> callsByFollowUp = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> deliveriesByFollowUp = new ConcurrentHashMap<>();
    final List<OutboundMessage> calls = Collections.synchronizedList(new ArrayList<>());
    private final Clock clock;

    IdempotentSink(Clock clock) {
        this.clock = clock;
    }

    /** The follow-up id a message key names; see {@link FollowUpDispatcher#messageKey}. */
    static String followUpOf(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    /** Called before a message is taken; throw here to fail the call without delivering. */
    void beforeDelivery(OutboundMessage message) {
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        calls.add(message);
        callsByKey.computeIfAbsent(message.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        callsByFollowUp.computeIfAbsent(followUpOf(message.idempotencyKey()), k -> new AtomicInteger())
                .incrementAndGet();
        beforeDelivery(message);
        boolean first = delivered.putIfAbsent(message.idempotencyKey(), message) == null;
        if (first) {
            deliveriesByFollowUp.computeIfAbsent(followUpOf(message.idempotencyKey()), k -> new AtomicInteger())
                    .incrementAndGet();
        }
        return new DeliveryReceipt(java.util.Optional.empty(), clock.instant(), !first);
    }

    int calls(String key) {
        AtomicInteger n = callsByKey.get(key);
        return n == null ? 0 : n.get();
    }

    int deliveries(String followUpId) {
        AtomicInteger n = deliveriesByFollowUp.get(followUpId);
        return n == null ? 0 : n.get();
    }
}
