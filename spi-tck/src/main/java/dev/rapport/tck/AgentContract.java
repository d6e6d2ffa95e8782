package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agents: round trips of skills, languages, capacity and load, versions, unique ids, queries by team.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Agents"; not meant to be run on its own.
 */
public abstract class AgentContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected AgentContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("an agent with every field set comes back exactly as stored with version 1")
    void agentWithEveryFieldRoundTrips() {
        // given
        Agent agent = TestData.agentWithEveryField().version(4).build();

        // when
        Agent stored = agents().insert(agent);

        // then
        assertThat(stored).isEqualTo(agent.withVersion(1));
        assertThat(agents().findById(agent.id())).contains(agent.withVersion(1));
    }

    @Test
    @DisplayName("an agent with empty maps and sets and no team comes back with them empty")
    void agentWithEmptyCollectionsRoundTrips() {
        // given
        Instant now = TestData.now();
        Agent agent = Agent.builder().id(AgentId.random()).name("New Starter").createdAt(now).updatedAt(now)
                .build();

        // when
        agents().insert(agent);

        // then
        Agent found = agents().get(agent.id());
        assertThat(found).isEqualTo(agent.withVersion(1));
        assertThat(found.skills()).isEmpty();
        assertThat(found.languages()).isEmpty();
        assertThat(found.capacity()).isEmpty();
        assertThat(found.load()).isEmpty();
        assertThat(found.lastAssignedAt()).isEmpty();
        assertThat(found.team()).isEmpty();
    }

    @Test
    @DisplayName("an agent with a name of 200 characters, 200 skills and 50 languages round-trips")
    void agentAtLimitsRoundTrips() {
        // given
        Agent agent = TestData.agentAtLimits().build();

        // when
        agents().insert(agent);

        // then
        assertThat(agents().get(agent.id())).isEqualTo(agent.withVersion(1));
    }

    @Test
    @DisplayName("every presence round-trips")
    void everyPresenceRoundTrips() {
        // given
        List<Agent> all = new ArrayList<>();
        for (Presence presence : Presence.values()) {
            all.add(TestData.agent().presence(presence).build());
        }

        // when
        all.forEach(agents()::insert);

        // then
        for (Agent agent : all) {
            assertThat(agents().get(agent.id())).isEqualTo(agent.withVersion(1));
        }
    }

    @Test
    @DisplayName("each update raises the version by one and stores load and assignment times")
    void agentUpdateRaisesVersionByOne() {
        // given
        Agent v1 = agents().insert(TestData.agent().build());
        Instant assigned = TestData.now();

        // when
        Agent v2 = agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 1))
                .lastAssignedAt(Map.of(Channel.CHAT, assigned)).build());
        Agent v3 = agents().update(v2.toBuilder().load(Map.of(Channel.CHAT, 2)).presence(Presence.BUSY).build());

        // then
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
        assertThat(agents().get(v1.id())).isEqualTo(v3);
        assertThat(v3.lastAssignedAt()).containsEntry(Channel.CHAT, assigned);
    }

    @Test
    @DisplayName("an update based on a stale version is rejected and changes nothing")
    void staleAgentUpdateIsRejected() {
        // given
        Agent v1 = agents().insert(TestData.agent().build());
        Agent v2 = agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 3)).build());

        // when
        StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                () -> agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 1)).build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.id()).isEqualTo(v1.id().toString());
        assertThat(thrown.expectedVersion()).isEqualTo(1);
        assertThat(agents().get(v1.id())).isEqualTo(v2);
    }

    @Test
    @DisplayName("updating an unknown agent throws AgentNotFoundException with its id and stores nothing")
    void updatingUnknownAgentThrowsNotFound() {
        // given
        Agent unknown = TestData.agent().version(1).build();

        // when
        AgentNotFoundException thrown = catchThrowableOfType(AgentNotFoundException.class,
                () -> agents().update(unknown));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.agentId()).isEqualTo(unknown.id());
        assertThat(agents().findById(unknown.id())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws AgentNotFoundException with the id")
    void unknownAgentIsNotFound() {
        // given
        AgentId unknown = AgentId.random();

        // when
        AgentNotFoundException thrown = catchThrowableOfType(AgentNotFoundException.class,
                () -> agents().get(unknown));

        // then
        assertThat(agents().findById(unknown)).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.agentId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a second agent with the same id is rejected on key \"id\" and the first stays as it was")
    void duplicateAgentIdIsRejected() {
        // given
        Agent first = storedAgent();

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> agents().insert(TestData.agent().id(first.id()).name("Other").build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(agents().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("agents are listed in creation order, and a team's agents without the others")
    void agentsByTeamInCreationOrder() {
        // given
        TeamId billing = TeamId.of("billing");
        Agent later = agents().insert(TestData.agent().team(billing).createdAt(T0.plusSeconds(1)).build());
        Agent earlier = agents().insert(TestData.agent().team(billing).createdAt(T0).build());
        Agent noTeam = agents().insert(TestData.agent().createdAt(T0.minusSeconds(1)).build());
        Agent otherTeam = agents().insert(TestData.agent().team(TeamId.of("Billing")).createdAt(T0).build());

        // when
        Page<Agent> team = agents().findByTeam(billing, PageRequest.first());
        Page<Agent> all = agents().list(PageRequest.first());

        // then
        assertThat(team.items()).containsExactly(earlier, later);
        assertThat(all.items()).hasSize(4).startsWith(noTeam).endsWith(later).contains(otherTeam);
        assertThat(agents().findByTeam(TeamId.of("nobody"), PageRequest.first()).items()).isEmpty();
    }

    @Test
    @DisplayName("inserting an agent with a blank name is refused by a ValidationException naming name, and nothing is stored")
    void blankAgentNameIsRefused() {
        assertInsertRefused(TestData.agent().name(" \t ").build(), "name", "NotBlank");
    }

    @Test
    @DisplayName("inserting an agent with a name of 1 MiB is refused by a ValidationException naming name, and nothing is stored")
    void hugeAgentNameIsRefused() {
        assertInsertRefused(TestData.agent().name("n".repeat(1 << 20)).build(), "name", "Size");
    }

    @Test
    @DisplayName("inserting an agent with NUL in its name is refused by a ValidationException naming name, and nothing is stored")
    void agentNameWithNulIsRefused() {
        assertInsertRefused(TestData.agent().name("Ann\u0000Lee").build(), "name", "PlainText");
    }

    @Test
    @DisplayName("inserting an agent with skill level 42 is refused by a ValidationException naming skills, and nothing is stored")
    void agentSkillLevel42IsRefused() {
        assertInsertRefused(TestData.agent().skills(Map.of("billing", 42)).build(), "skills", "Max");
    }

    @Test
    @DisplayName("inserting an agent with capacity -3 is refused by a ValidationException naming capacity, and nothing is stored")
    void negativeAgentCapacityIsRefused() {
        assertInsertRefused(TestData.agent().capacity(Map.of(Channel.CHAT, -3)).build(), "capacity", "Min");
    }

    @Test
    @DisplayName("inserting an agent with a negative load is refused by a ValidationException naming load, and nothing is stored")
    void negativeAgentLoadIsRefused() {
        assertInsertRefused(TestData.agent().load(Map.of(Channel.CHAT, -1)).build(), "load", "Min");
    }

    @Test
    @DisplayName("inserting an agent without an id is refused by a ValidationException naming id, not a NullPointerException")
    void agentWithoutIdIsRefused() {
        assertInsertRefused(TestData.agent().id(null).build(), "id", "NotNull");
    }

    @Test
    @DisplayName("an insert refused for several rules names every field at fault")
    void everyBadAgentFieldIsNamed() {
        // given
        Agent bad = TestData.agent().name("").skills(Map.of("billing", 0)).capacity(Map.of(Channel.EMAIL, 1001))
                .createdAt(null).build();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().insert(bad));

        // then
        assertThat(thrown).as("a ValidationException").isNotNull();
        assertThat(topLevelFields(thrown)).containsExactlyInAnyOrder("name", "skills", "capacity", "createdAt");
        assertThat(agents().findById(bad.id())).isEmpty();
    }

    @Test
    @DisplayName("an update to an invalid agent (skill level 42, capacity -3, a NUL in the name) is refused by field and changes nothing")
    void invalidAgentUpdateIsRefused() {
        // given
        Agent stored = storedAgent();
        Agent bad = stored.toBuilder().name("Ann\u0000Lee").skills(Map.of("billing", 42))
                .capacity(Map.of(Channel.CHAT, -3)).build();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().update(bad));

        // then
        assertThat(thrown).as("a ValidationException").isNotNull();
        assertThat(topLevelFields(thrown)).containsExactlyInAnyOrder("name", "skills", "capacity");
        assertThat(agents().get(stored.id())).isEqualTo(stored);
        assertThat(agents().update(stored).version()).as("the version was not used up").isEqualTo(2);
    }

    /** Inserts the agent, expects it refused on exactly the field by the rule, and the store left as it was. */
    private void assertInsertRefused(Agent bad, String field, String rule) {
        // given
        Agent other = storedAgent();
        List<Agent> before = agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

        // when
        ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().insert(bad));

        // then
        assertThat(thrown).as("a ValidationException").isNotNull();
        assertThat(topLevelFields(thrown)).as("the fields named by: %s", thrown.getMessage().length() > 300
                ? thrown.getMessage().substring(0, 300) : thrown.getMessage()).containsExactly(field);
        assertThat(thrown.violations()).extracting(ValidationException.Violation::rule).contains(rule);
        assertThat(agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEqualTo(before);
        if (bad.id() != null) {
            assertThat(agents().findById(bad.id())).isEmpty();
        }
        assertThat(agents().get(other.id())).isEqualTo(other);
    }

    /** The fields a refusal names, without the part after a bracket or dot: {@code skills[*]} is skills. */
    private Set<String> topLevelFields(ValidationException thrown) {
        return thrown.fields().stream().map(f -> f.split("[.\\[<]", 2)[0])
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // ------------------------------------------------------------------------------------------- change feed

    /** The whole feed from {@code since}, read a page of {@code limit} at a time with the (time, id) cursor. */
    private List<AgentChange> readFeed(Instant since, int limit) {
        List<AgentChange> all = new ArrayList<>();
        Instant at = since;
        Optional<AgentId> after = Optional.empty();
        for (int pages = 0; pages < 10_000; pages++) {
            List<AgentChange> page = agents().changedSince(at, after, limit);
            assertThat(page).as("a page of the feed").hasSizeLessThanOrEqualTo(limit);
            all.addAll(page);
            if (page.size() < limit) {
                return all;
            }
            AgentChange last = page.get(page.size() - 1);
            at = last.writtenAt();
            after = Optional.of(last.agent().id());
        }
        throw new AssertionError("the feed never ended");
    }

    @Test
    @DisplayName("an insert and an update each appear in the change feed, with the agent exactly as stored")
    void insertAndUpdateAppearInTheFeed() {
        // given
        Instant before = agents().storeTime();

        // when
        Agent v1 = agents().insert(TestData.agentWithEveryField().build());
        List<AgentChange> afterInsert = agents().changedSince(before, Optional.empty(), 10);
        Agent v2 = agents().update(v1.toBuilder().presence(Presence.AWAY).build());
        List<AgentChange> afterUpdate = agents().changedSince(before, Optional.empty(), 10);

        // then
        assertThat(afterInsert).extracting(AgentChange::agent).containsExactly(v1);
        assertThat(afterUpdate).as("one entry per agent: its current version")
                .extracting(AgentChange::agent).containsExactly(v2);
        assertThat(afterUpdate.get(0).writtenAt()).as("an update is written no earlier than the insert")
                .isAfterOrEqualTo(afterInsert.get(0).writtenAt());
    }

    @Test
    @DisplayName("the change feed is ordered by write time, then by id in the order of the ids' text")
    void feedIsOrderedByWriteTimeThenId() {
        // given
        Instant before = agents().storeTime();
        Set<AgentId> written = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            written.add(storedAgent().id());
        }
        storage().transactions().runInTransaction(() -> {
            for (int i = 0; i < 10; i++) {
                written.add(storedAgent().id());
            }
        });

        // when
        List<AgentChange> feed = agents().changedSince(before, Optional.empty(), PageRequest.MAX_LIMIT);

        // then
        assertThat(feed).extracting(c -> c.agent().id()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(feed).as("ordered by write time, then id").isSortedAccordingTo(
                Comparator.comparing(AgentChange::writtenAt).thenComparing(c -> c.agent().id().value().toString()));
        assertThat(feed).allSatisfy(c -> assertThat(c.writtenAt()).isAfterOrEqualTo(before)
                .isEqualTo(c.writtenAt().truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    @DisplayName("many agents written in one transaction are read through the feed page by page, each once")
    void feedPagesThroughOneTransactionWithAfter() {
        // given
        Instant before = agents().storeTime();
        List<AgentId> written = storage().transactions().inTransaction(() -> {
            List<AgentId> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(storedAgent().id());
            }
            return ids;
        });

        // when
        List<AgentChange> feed = readFeed(before, 4);

        // then
        assertThat(feed).extracting(c -> c.agent().id()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(readFeed(before, 1)).as("the same with pages of one").isEqualTo(feed);
        assertThat(readFeed(before, PageRequest.MAX_LIMIT)).as("the same in one page").isEqualTo(feed);
    }

    @Test
    @DisplayName("an updated agent moves to the end of the feed, after every write before it")
    void updatedAgentMovesToTheEndOfTheFeed() {
        // given
        Agent first = storedAgent();
        storedAgent();
        storedAgent();
        Instant beforeUpdate = agents().storeTime();

        // when
        Agent updated = agents().update(first.toBuilder().load(Map.of(Channel.CHAT, 1)).build());

        // then
        List<AgentChange> fromStart = readFeed(Instant.EPOCH, 2);
        assertThat(fromStart).hasSize(3);
        assertThat(fromStart).filteredOn(c -> c.agent().id().equals(first.id())).singleElement()
                .satisfies(c -> assertThat(c.agent()).isEqualTo(updated));
        assertThat(agents().changedSince(beforeUpdate, Optional.empty(), 10)).as("written after the time asked")
                .extracting(AgentChange::agent).containsExactly(updated);
    }

    @Test
    @DisplayName("the store's time is on the feed's scale: a write falls between the times asked before and after it")
    void storeTimeIsOnTheFeedScale() {
        // given
        Instant before = agents().storeTime();

        // when
        Agent agent = storedAgent();
        Instant after = agents().storeTime();

        // then
        AgentChange change = agents().changedSince(before, Optional.empty(), 10).get(0);
        assertThat(change.agent()).isEqualTo(agent);
        assertThat(change.writtenAt()).isBetween(before, after);
        assertThat(after).as("the store's clock is close to the test's")
                .isBetween(TestData.now().minus(CLOCK_TOLERANCE), TestData.now().plus(CLOCK_TOLERANCE));
        assertThat(agents().changedSince(change.writtenAt(), Optional.of(agent.id()), 10)).as("after the last")
                .isEmpty();
    }

    @Test
    @DisplayName("a rolled-back agent write leaves the feed as it was")
    void rolledBackAgentWriteLeavesTheFeed() {
        // given
        Agent kept = storedAgent();
        List<AgentChange> before = agents().changedSince(Instant.EPOCH, Optional.empty(), 10);

        // when
        Throwable thrown = catchThrowable(() -> storage().transactions().runInTransaction(() -> {
            agents().update(kept.toBuilder().presence(Presence.OFFLINE).build());
            agents().insert(TestData.agent().build());
            throw new IllegalStateException("boom");
        }));

        // then
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(agents().changedSince(Instant.EPOCH, Optional.empty(), 10)).isEqualTo(before);
    }

    @Test
    @DisplayName("a feed limit outside 1 to 1,000 is rejected naming the limit")
    void feedLimitOutOfRangeIsRejected() {
        // when
        ValidationException zero = catchThrowableOfType(ValidationException.class,
                () -> agents().changedSince(Instant.EPOCH, Optional.empty(), 0));
        ValidationException tooMany = catchThrowableOfType(ValidationException.class,
                () -> agents().changedSince(Instant.EPOCH, Optional.empty(), PageRequest.MAX_LIMIT + 1));

        // then
        assertThat(zero).isNotNull();
        assertThat(tooMany).isNotNull();
        assertThat(zero.violations()).extracting(ValidationException.Violation::field).containsExactly("limit");
    }
}
