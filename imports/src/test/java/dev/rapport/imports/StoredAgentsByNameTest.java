package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.tck.TestData;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The importer's default agent lookup")
class StoredAgentsByNameTest {

    private final InMemoryStorage storage = new InMemoryStorage(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
            ZoneOffset.UTC));

    @Test
    @DisplayName("reads every stored agent, over more than one page of the key walk, and finds none for a shared name")
    void findsAgentsOnEveryPage() {
        // given more agents than one page holds, two of them sharing a name
        List<Agent> stored = new ArrayList<>();
        for (int i = 0; i < PageRequest.MAX_LIMIT + 5; i++) {
            stored.add(storage.agents().insert(TestData.agent().name("Agent " + i).build()));
        }
        storage.agents().insert(TestData.agent().name("agent 7 ").build());

        // when the lookup is built
        Function<String, Optional<AgentId>> byName = TicketImporter.storedAgentsByName(storage);

        // then every agent is found by its name, whatever page it was on, and the shared name finds none
        for (int i = 0; i < stored.size(); i++) {
            if (i != 7) {
                assertThat(byName.apply("Agent " + i)).as("agent %d", i).contains(stored.get(i).id());
            }
        }
        assertThat(byName.apply("Agent 7")).isEmpty();
        assertThat(byName.apply("Nobody")).isEmpty();
    }
}
