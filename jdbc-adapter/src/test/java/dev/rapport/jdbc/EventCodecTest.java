package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.event.DomainEvent;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The outbox's event codec")
class EventCodecTest {

    @Test
    @DisplayName("round-trips one event of every permitted type, with every optional present")
    void everyTypeFull() {
        List<DomainEvent> events = SampleEvents.everyType(new Random(7), false);

        assertThat(events).hasSize(DomainEvent.class.getPermittedSubclasses().length);
        for (DomainEvent event : events) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    @DisplayName("round-trips one event of every permitted type, with every optional empty")
    void everyTypeEmpty() {
        for (DomainEvent event : SampleEvents.everyType(new Random(8), true)) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    @DisplayName("keeps free text exactly, control characters and lone surrogates included")
    void text() {
        DomainEvent event = SampleEvents.withText("a\u0000b\u0001\"\\\n\ud800 x \udc00 😀 {\"k\":[1]}");

        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }
}
