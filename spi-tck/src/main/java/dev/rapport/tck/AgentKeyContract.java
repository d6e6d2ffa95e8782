package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.Presence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the walk over every agent by key ({@link AgentRepository#listAfter}), which the importer's
 * agent lookup pages with ({@link PageWalk#byKey}): every agent, in id order as the store compares
 * ids, each page after the id given, and a limit out of range refused. Run by {@link RapportStorageContract} as its
 * nested group "Agents by key"; not meant to be run on its own.
 */
public abstract class AgentKeyContract {

    private static final Comparator<UUID> ID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected AgentKeyContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private AgentRepository agents() {
        return storage.get().agents();
    }

    private static List<AgentId> ids(List<Agent> agents) {
        return agents.stream().map(Agent::id).toList();
    }

    @Test
    @DisplayName("a walk by key visits every agent once, whatever its presence, in the order the store gives ids")
    void walkVisitsEveryAgentOnce() {
        // given 23 agents, in every presence
        List<Agent> stored = new ArrayList<>();
        Presence[] presences = Presence.values();
        for (int i = 0; i < 23; i++) {
            stored.add(agents().insert(TestData.agent().name("Agent " + i).presence(presences[i % presences.length])
                    .build()));
        }

        // when they are walked in pages of 4, and read in one page of the largest size
        List<Agent> walked = new ArrayList<>();
        PageWalk.<Agent>byKey(4, (last, size) -> agents().listAfter(last.map(Agent::id), size))
                .forEach(walked::add);
        List<Agent> whole = agents().listAfter(Optional.empty(), PageRequest.MAX_LIMIT);

        // then the walk holds every agent once, as stored, in id order, as the single page does
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        assertThat(walked).extracting(a -> a.id().value()).isSortedAccordingTo(ID_ORDER);
        assertThat(ids(whole)).containsExactlyElementsOf(ids(walked));
    }

    @Test
    @DisplayName("a page holds the agents after the id given, at most the limit; a limit out of range is refused")
    void pagesFollowTheIdGivenAndBadLimitsAreRefused() {
        // given five agents
        for (int i = 0; i < 5; i++) {
            agents().insert(TestData.agent().name("Agent " + i).build());
        }
        List<Agent> all = agents().listAfter(Optional.empty(), PageRequest.MAX_LIMIT);

        // when the page of two after the second agent is read, and the page after the last
        List<Agent> page = agents().listAfter(Optional.of(all.get(1).id()), 2);
        List<Agent> pastTheEnd = agents().listAfter(Optional.of(all.get(4).id()), 2);

        // then it holds the third and fourth agents, and nothing follows the last; bad limits are refused
        assertThat(ids(page)).containsExactly(all.get(2).id(), all.get(3).id());
        assertThat(pastTheEnd).isEmpty();
        assertThatThrownBy(() -> agents().listAfter(Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agents().listAfter(Optional.empty(), PageRequest.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
