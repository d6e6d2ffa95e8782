package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Interactions: round trips, unique ids and external ids, queries by case, customer and time range.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Interactions"; not meant to be run on its own.
 */
public abstract class InteractionContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected InteractionContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("an interaction with every field set comes back exactly as stored")
    void interactionWithEveryFieldRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case supportCase = storedCase(customer.id());
        Interaction interaction = TestData.interactionWithEveryField(customer.id(), supportCase.id(), agent.id())
                .build();

        // when
        Interaction stored = interactions().insert(interaction);

        // then
        assertThat(stored).isEqualTo(interaction);
        assertThat(interactions().findById(interaction.id())).contains(interaction);
    }

    @Test
    @DisplayName("an interaction with every optional empty comes back with them empty")
    void interactionWithEmptyOptionalsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        Interaction interaction = Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                .channel(Channel.CHAT).occurredAt(now).recordedAt(now).build();

        // when
        interactions().insert(interaction);

        // then
        Interaction found = interactions().get(interaction.id());
        assertThat(found).isEqualTo(interaction);
        assertThat(found.summary()).isEmpty();
        assertThat(found.externalId()).isEmpty();
        assertThat(found.handleTime()).isEmpty();
        assertThat(found.amount()).isEmpty();
    }

    @Test
    @DisplayName("a summary of 100,000 characters with emoji and keys of 200 characters round-trip")
    void interactionAtLimitsRoundTrips() {
        // given
        Customer customer = storedCustomer();
        Interaction interaction = TestData.interactionAtLimits(customer.id()).build();

        // when
        interactions().insert(interaction);

        // then
        assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
        assertThat(interactions().findByExternalId(interaction.externalId().orElseThrow())).contains(interaction);
    }

    @Test
    @DisplayName("every kind, direction, handler, visibility and channel round-trips, a host-defined channel too")
    void everyInteractionValueRoundTrips() {
        // given
        Customer customer = storedCustomer();
        List<Channel> channels = new ArrayList<>(Channel.BUILT_IN);
        channels.add(TestData.LINE);
        List<Interaction> all = new ArrayList<>();
        int n = Math.max(channels.size(), InteractionKind.values().length);
        for (int i = 0; i < n; i++) {
            all.add(TestData.interaction(customer.id())
                    .channel(channels.get(i % channels.size()))
                    .kind(InteractionKind.values()[i % InteractionKind.values().length])
                    .direction(Direction.values()[i % Direction.values().length])
                    .handledBy(Handler.values()[i % Handler.values().length])
                    .visibility(Visibility.values()[(i / 2) % Visibility.values().length])
                    .build());
        }

        // when
        all.forEach(interactions()::insert);

        // then
        for (Interaction interaction : all) {
            assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
        }
    }

    @Test
    @DisplayName("a second interaction with the same id is rejected on key \"id\"")
    void duplicateInteractionIdIsRejected() {
        // given
        Customer customer = storedCustomer();
        Interaction first = storedInteraction(customer.id());

        // when
        DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                () -> interactions().insert(TestData.interaction(customer.id()).id(first.id())
                        .summary("other").build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.keyName()).isEqualTo("id");
        assertThat(interactions().get(first.id())).isEqualTo(first);
    }

    @Test
    @DisplayName("a second interaction with the same external id throws DuplicateExternalIdException naming the stored one")
    void duplicateExternalIdIsRejected() {
        // given
        Customer customer = storedCustomer();
        Interaction first = interactions().insert(TestData.interaction(customer.id())
                .externalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ").build());
        Interaction again = TestData.interaction(customer.id()).externalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ")
                .build();

        // when
        DuplicateExternalIdException thrown = catchThrowableOfType(DuplicateExternalIdException.class,
                () -> interactions().insert(again));

        // then
        assertThat(thrown).isNotNull();
        assertThat(thrown.existing()).isEqualTo(first.id());
        assertThat(thrown.externalId()).isEqualTo("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ");
        assertThat(interactions().findById(again.id())).isEmpty();
        assertThat(interactions().findByExternalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ")).contains(first);
    }

    @Test
    @DisplayName("lookups by external id are exact: case and spaces matter")
    void externalIdLookupIsExact() {
        // given
        Customer customer = storedCustomer();
        Interaction stored = interactions().insert(TestData.interaction(customer.id()).externalId("Call-ABC-1")
                .build());
        Interaction other = interactions().insert(TestData.interaction(customer.id()).externalId("call-abc-1")
                .build());

        // when / then
        assertThat(interactions().findByExternalId("Call-ABC-1")).contains(stored);
        assertThat(interactions().findByExternalId("call-abc-1")).contains(other);
        assertThat(interactions().findByExternalId("CALL-ABC-1")).isEmpty();
        assertThat(interactions().findByExternalId("Call-ABC-1 ")).isEmpty();
    }

    @Test
    @DisplayName("a batch lookup by external ids finds each stored one exactly, over several queries' worth of ids")
    void externalIdBatchLookup() {
        // given
        Customer customer = storedCustomer();
        Interaction stored = interactions().insert(TestData.interaction(customer.id()).externalId("Call-ABC-1")
                .build());
        Interaction other = interactions().insert(TestData.interaction(customer.id()).externalId("call-abc-1")
                .build());
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            asked.add("ticket:" + i);
        }
        asked.addAll(List.of("Call-ABC-1", "call-abc-1", "CALL-ABC-1", "Call-ABC-1"));
        asked.add(null);

        // when
        Map<String, Interaction> found = interactions().findAllByExternalId(asked);

        // then
        assertThat(found).containsOnly(Map.entry("Call-ABC-1", stored), Map.entry("call-abc-1", other));
        assertThat(interactions().findAllByExternalId(List.of())).isEmpty();
    }

    @Test
    @DisplayName("an unknown id finds nothing, and get throws InteractionNotFoundException with the id")
    void unknownInteractionIsNotFound() {
        // given
        InteractionId unknown = InteractionId.random();

        // when
        InteractionNotFoundException thrown = catchThrowableOfType(InteractionNotFoundException.class,
                () -> interactions().get(unknown));

        // then
        assertThat(interactions().findById(unknown)).isEmpty();
        assertThat(thrown).isNotNull();
        assertThat(thrown.interactionId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("a case's interactions come in occurrence order, without other cases' interactions")
    void interactionsOfACaseInOccurrenceOrder() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        Case otherCase = storedCase(customer.id());
        Interaction third = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                .occurredAt(T0.plusSeconds(30)).build());
        Interaction first = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                .occurredAt(T0).build());
        Interaction second = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                .occurredAt(T0.plusNanos(1_000)).build());
        interactions().insert(TestData.interaction(customer.id()).caseId(otherCase.id()).occurredAt(T0).build());
        interactions().insert(TestData.interaction(customer.id()).occurredAt(T0).build());

        // when
        List<Interaction> found = interactions().findByCase(supportCase.id());

        // then
        assertThat(found).containsExactly(first, second, third);
        assertThat(interactions().findByCase(CaseId.random())).isEmpty();
    }

    @Test
    @DisplayName("a customer's interactions are found in a half-open time range [from, to)")
    void customerInteractionsInHalfOpenRange() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        List<Interaction> stored = new ArrayList<>();
        for (Instant at : aroundRange()) {
            stored.add(interactions().insert(TestData.interaction(customer.id()).occurredAt(at).build()));
            interactions().insert(TestData.interaction(other.id()).occurredAt(at).build());
        }

        // when
        Page<Interaction> found = interactions().findByCustomer(customer.id(), theRange(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        assertThat(found.hasNext()).isFalse();
    }

    @Test
    @DisplayName("all interactions are found in a half-open time range [from, to), whoever the customer")
    void interactionsOccurredInHalfOpenRange() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        List<Interaction> stored = new ArrayList<>();
        List<Instant> times = aroundRange();
        for (int i = 0; i < times.size(); i++) {
            Customer whose = i % 2 == 0 ? customer : other;
            stored.add(interactions().insert(TestData.interaction(whose.id()).occurredAt(times.get(i)).build()));
        }

        // when
        Page<Interaction> found = interactions().findOccurredBetween(theRange(), PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
    }

    @Test
    @DisplayName("the range TimeRange.ALL finds interactions from any year, and an empty range finds none")
    void extremeRangesOfInteractions() {
        // given
        Customer customer = storedCustomer();
        Interaction old = interactions().insert(TestData.interaction(customer.id())
                .occurredAt(Instant.parse("1960-01-01T00:00:00.000001Z")).build());
        Interaction future = interactions().insert(TestData.interaction(customer.id())
                .occurredAt(Instant.parse("2100-12-31T23:59:59.999999Z")).build());
        Interaction atT0 = interactions().insert(TestData.interaction(customer.id()).occurredAt(T0).build());

        // when
        Page<Interaction> all = interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first());
        Page<Interaction> ofCustomer = interactions().findByCustomer(customer.id(), TimeRange.ALL,
                PageRequest.first());
        Page<Interaction> none = interactions().findOccurredBetween(TimeRange.of(T0, T0), PageRequest.first());

        // then
        assertThat(all.items()).containsExactly(old, atT0, future);
        assertThat(ofCustomer.items()).containsExactly(old, atT0, future);
        assertThat(none.items()).isEmpty();
    }
}
