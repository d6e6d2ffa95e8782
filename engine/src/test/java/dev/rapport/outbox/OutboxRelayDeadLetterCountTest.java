package dev.rapport.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.test.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox relay's dead-letter count")
class OutboxRelayDeadLetterCountTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
    private final List<String> calls = new ArrayList<>();

    /** The outbox, recording the name of every method the relay calls on it. */
    private EventOutbox watched() {
        return (EventOutbox) Proxy.newProxyInstance(EventOutbox.class.getClassLoader(),
                new Class<?>[] {EventOutbox.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(outbox, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    @DisplayName("is the outbox's count in storage, not a walk over the dead letters' pages")
    void countsInStorage() {
        // given four events of which three are parked as dead letters after one failed attempt
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(new CustomerUpdated(UUID.randomUUID(), Instant.EPOCH, CustomerId.random()));
        }
        outbox.append(events);
        for (EventOutbox.Entry entry : outbox.claim("test", Duration.ofMinutes(1), 3)) {
            outbox.recordFailure(entry, "rejected", Duration.ZERO, 1);
        }

        // when the relay is asked how many dead letters there are
        long count;
        try (OutboxRelay relay = OutboxRelay.builder().outbox(watched()).publisher(e -> { }).build()) {
            count = relay.deadLetterCount();
        }

        // then it answers from one count of the outbox, reading no page of dead letters
        assertThat(count).isEqualTo(3);
        assertThat(calls).containsExactly("deadLetterCount");
    }
}
