package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.event.AgentChanged;
import dev.rapport.spi.event.AgentPresenceChanged;
import dev.rapport.spi.event.AgentRegistered;
import dev.rapport.spi.event.AgentRetired;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    @DisplayName("round-trips the agent events: registered, changed with its aspects, presence changed and retired")
    void agentEvents() {
        // given
        AgentId agent = AgentId.random();
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        List<DomainEvent> events = List.of(
                new AgentRegistered(UUID.randomUUID(), at, agent, Optional.of(TeamId.of("tier-2")), Presence.OFFLINE),
                new AgentChanged(UUID.randomUUID(), at, agent, Set.of(AgentChanged.Aspect.SKILLS,
                        AgentChanged.Aspect.TEAM), Optional.empty()),
                new AgentPresenceChanged(UUID.randomUUID(), at, agent, Presence.OFFLINE, Presence.AVAILABLE,
                        Optional.of(TeamId.of("billing"))),
                new AgentRetired(UUID.randomUUID(), at, agent, Presence.AWAY, Optional.empty()));

        // when / then
        for (DomainEvent event : events) {
            DomainEvent decoded = EventCodec.decode(EventCodec.encode(event));
            assertThat(decoded).isEqualTo(event);
            assertThat(decoded.aggregateId()).isEqualTo(agent.toString());
        }
        assertThat(EventCodec.encode(events.get(1))).contains("\"changed\":[\"SKILLS\",\"TEAM\"]")
                .doesNotContain("name");
    }

    @Test
    @DisplayName("keeps free text exactly, control characters and lone surrogates included")
    void text() {
        DomainEvent event = SampleEvents.withText("a\u0000b\u0001\"\\\n\ud800 x \udc00 😀 {\"k\":[1]}");

        assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
    }
}
