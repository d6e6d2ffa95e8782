package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pagination: every paged query has a stable total order, and walking its pages visits each item once.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Pagination"; not meant to be run on its own.
 */
public abstract class PaginationContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected PaginationContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    /** Times with ties: groups of three items share an instant, so ties fall across page boundaries. */
    private Instant tiedTime(int i) {
        return T0.plusSeconds(i / 3).plusNanos((i % 7 == 0) ? 1_000 : 0);
    }

    @Test
    @DisplayName("walking the pages of all customers visits each exactly once, in creation order, ties by id")
    void customerPagesVisitEachOnce() {
        // given
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            expected.add(customers().insert(TestData.customer().createdAt(tiedTime(i)).build()).id().value());
        }

        // when / then
        assertPagesVisitEachOnce(customers()::list, c -> c.id().value(), Customer::createdAt, expected);
    }

    @Test
    @DisplayName("walking the pages of a customer's interactions and of a time range visits each exactly once, in occurrence order")
    void interactionPagesVisitEachOnce() {
        // given
        Customer customer = storedCustomer();
        Customer other = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 22; i++) {
            expected.add(interactions().insert(TestData.interaction(customer.id()).occurredAt(tiedTime(i))
                    .build()).id().value());
            interactions().insert(TestData.interaction(other.id()).occurredAt(tiedTime(i).plus(
                    Duration.ofDays(1))).build());
        }

        // when / then
        assertPagesVisitEachOnce(page -> interactions().findByCustomer(customer.id(), TimeRange.ALL, page),
                i -> i.id().value(), Interaction::occurredAt, expected);
        assertPagesVisitEachOnce(page -> interactions().findOccurredBetween(
                TimeRange.of(T0, T0.plus(Duration.ofHours(1))), page), i -> i.id().value(),
                Interaction::occurredAt, expected);
    }

    @Test
    @DisplayName("walking the pages of cases by status, by customer and by creation time visits each exactly once, in creation order")
    void casePagesVisitEachOnce() {
        // given
        Customer customer = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 21; i++) {
            expected.add(cases().insert(TestData.supportCase(customer.id()).createdAt(tiedTime(i))
                    .status(i % 2 == 0 ? CaseStatus.NEW : CaseStatus.OPEN).build()).id().value());
        }
        cases().insert(TestData.supportCase(customer.id()).createdAt(tiedTime(5)).status(CaseStatus.CLOSED)
                .build());

        // when / then
        assertPagesVisitEachOnce(page -> cases().findByStatus(EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN), page),
                c -> c.id().value(), Case::createdAt, expected);
        Set<UUID> all = new HashSet<>(expected);
        cases().findByStatus(Set.of(CaseStatus.CLOSED), PageRequest.first()).items()
                .forEach(c -> all.add(c.id().value()));
        assertPagesVisitEachOnce(page -> cases().findByCustomer(customer.id(), page), c -> c.id().value(),
                Case::createdAt, all);
        assertPagesVisitEachOnce(page -> cases().findCreatedBetween(TimeRange.ALL, page), c -> c.id().value(),
                Case::createdAt, all);
    }

    @Test
    @DisplayName("walking the pages of feedback by customer and by receipt time visits each exactly once, in receipt order")
    void feedbackPagesVisitEachOnce() {
        // given
        Customer customer = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 19; i++) {
            expected.add(feedback().insert(TestData.feedback(customer.id()).receivedAt(tiedTime(i)).build())
                    .id().value());
        }

        // when / then
        assertPagesVisitEachOnce(page -> feedback().findByCustomer(customer.id(), page), f -> f.id().value(),
                Feedback::receivedAt, expected);
        assertPagesVisitEachOnce(page -> feedback().findReceivedBetween(TimeRange.ALL, page),
                f -> f.id().value(), Feedback::receivedAt, expected);
    }

    @Test
    @DisplayName("walking the pages of follow-ups by status and by customer visits each exactly once, in due order")
    void followUpPagesVisitEachOnce() {
        // given
        Customer customer = storedCustomer();
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            expected.add(storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, tiedTime(i)).id().value());
        }

        // when / then
        assertPagesVisitEachOnce(page -> followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED), page),
                f -> f.id().value(), FollowUp::dueAt, expected);
        assertPagesVisitEachOnce(page -> followUps().findByCustomer(customer.id(), page), f -> f.id().value(),
                FollowUp::dueAt, expected);
    }

    @Test
    @DisplayName("walking the pages of all agents and of a team visits each exactly once, in creation order")
    void agentPagesVisitEachOnce() {
        // given
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 18; i++) {
            expected.add(agents().insert(TestData.agent().team(TeamId.of("night-shift")).createdAt(tiedTime(i))
                    .build()).id().value());
        }

        // when / then
        assertPagesVisitEachOnce(agents()::list, a -> a.id().value(), Agent::createdAt, expected);
        assertPagesVisitEachOnce(page -> agents().findByTeam(TeamId.of("night-shift"), page),
                a -> a.id().value(), Agent::createdAt, expected);
    }

    @Test
    @DisplayName("items that all share one instant are split across pages without loss or repetition")
    void tiesAcrossPagesAreNeitherLostNorRepeated() {
        // given
        Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 17; i++) {
            expected.add(customers().insert(TestData.customer().createdAt(T0).build()).id().value());
        }

        // when / then
        assertPagesVisitEachOnce(customers()::list, c -> c.id().value(), Customer::createdAt, expected);
    }

    @Test
    @DisplayName("a last page that is exactly full says no next page exists, and a page past the end is empty")
    void exactlyFullLastPageHasNoNext() {
        // given
        Customer customer = storedCustomer();
        for (int i = 0; i < 10; i++) {
            feedback().insert(TestData.feedback(customer.id()).receivedAt(T0.plusSeconds(i)).build());
        }

        // when
        Page<Feedback> first = feedback().findByCustomer(customer.id(), PageRequest.first(5));
        Page<Feedback> second = feedback().findByCustomer(customer.id(), first.nextRequest().orElseThrow());
        Page<Feedback> beyond = feedback().findByCustomer(customer.id(), new PageRequest(50, 5));

        // then
        assertThat(first.items()).hasSize(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(second.items()).hasSize(5);
        assertThat(second.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.hasNext()).isFalse();
    }

    @Test
    @DisplayName("an offset in the middle returns the items from there on, and a page of one walks one by one")
    void offsetsAndSinglePages() {
        // given
        List<Customer> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(customers().insert(TestData.customer().createdAt(T0.plusSeconds(i)).build()));
        }

        // when
        Page<Customer> middle = customers().list(new PageRequest(3, 2));
        List<Customer> oneByOne = walk(customers()::list, 1);

        // then
        assertThat(middle.items()).containsExactly(stored.get(3), stored.get(4));
        assertThat(middle.hasNext()).isTrue();
        assertThat(oneByOne).containsExactlyElementsOf(stored);
    }

    @Test
    @DisplayName("an empty store gives one empty last page for every query")
    void emptyStoreGivesEmptyPages() {
        // given
        PageRequest page = PageRequest.first(10);
        CustomerId nobody = CustomerId.random();

        // when
        List<Page<?>> pages = List.of(customers().list(page),
                interactions().findByCustomer(nobody, TimeRange.ALL, page),
                interactions().findOccurredBetween(TimeRange.ALL, page),
                cases().findByCustomer(nobody, page), cases().findByStatus(EnumSet.allOf(CaseStatus.class), page),
                cases().findCreatedBetween(TimeRange.ALL, page), feedback().findByCustomer(nobody, page),
                feedback().findReceivedBetween(TimeRange.ALL, page), followUps().findByCustomer(nobody, page),
                followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), page), agents().list(page),
                agents().findByTeam(TeamId.of("none"), page));

        // then
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.items()).isEmpty();
            assertThat(p.hasNext()).isFalse();
        });
        assertThat(customers().count()).isZero();
    }
}
