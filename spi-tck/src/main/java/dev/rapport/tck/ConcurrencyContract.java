package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Concurrency: several threads at once lose no update, never share a claim and never break a unique key.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Concurrency"; not meant to be run on its own.
 */
public abstract class ConcurrencyContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected ConcurrencyContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    private static final int THREADS = 8;

    @BeforeEach
    void needsConcurrentWriters() {
        requires(StorageCapability.CONCURRENT_WRITERS);
    }

    @Test
    @DisplayName("8 threads incrementing one counter by read-modify-update, retrying on stale versions, lose no update")
    void concurrentIncrementsLoseNoUpdate() {
        // given
        Customer customer = customers().insert(withCounter(TestData.customer().build(), 0));
        int perThread = 25;
        AtomicInteger conflicts = new AtomicInteger();

        // when
        inParallel(THREADS, thread -> {
            for (int i = 0; i < perThread; i++) {
                for (int attempt = 0; ; attempt++) {
                    assertThat(attempt).as("attempts for one increment").isLessThan(10_000);
                    Customer current = customers().get(customer.id());
                    try {
                        customers().update(withCounter(current, Integer.parseInt(counterOf(current)) + 1));
                        break;
                    } catch (StaleVersionException e) {
                        conflicts.incrementAndGet();
                    }
                }
            }
            return null;
        });

        // then
        Customer after = customers().get(customer.id());
        assertThat(counterOf(after)).isEqualTo(Integer.toString(THREADS * perThread));
        assertThat(after.version()).isEqualTo(1 + THREADS * perThread);
    }

    @Test
    @DisplayName("when several threads update the same version at once, exactly one wins and the others get StaleVersionException")
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() {
        // given
        Customer customer = customers().insert(withCounter(TestData.customer().build(), 0));

        for (int round = 0; round < 10; round++) {
            Customer base = customers().get(customer.id());

            // when
            List<Boolean> won = inParallel(THREADS, thread -> {
                try {
                    customers().update(withCounter(base, 100 * thread));
                    return true;
                } catch (StaleVersionException e) {
                    return false;
                }
            });

            // then
            assertThat(won).as("winners in round %d", round).containsOnlyOnce(true);
            assertThat(customers().get(customer.id()).version()).isEqualTo(base.version() + 1);
        }
    }

    @Test
    @DisplayName("customers inserted by 8 threads at once are all kept")
    void concurrentInsertsAreAllKept() {
        // given
        int perThread = 20;

        // when
        List<List<Customer>> inserted = inParallel(THREADS, thread -> {
            List<Customer> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(customers().insert(TestData.customer().build()));
            }
            return mine;
        });

        // then
        assertThat(customers().count()).isEqualTo(THREADS * perThread);
        for (List<Customer> mine : inserted) {
            for (Customer customer : mine) {
                assertThat(customers().findById(customer.id())).contains(customer);
            }
        }
    }

    @Test
    @DisplayName("when several threads insert customers with the same email at once, exactly one gets it")
    void concurrentInsertsCompetingForOneIdentityLetExactlyOneWin() {
        for (int round = 0; round < 5; round++) {
            // given
            String email = "contested." + round + "@example.com";

            // when
            List<Optional<CustomerId>> outcomes = inParallel(THREADS, thread -> {
                Customer customer = TestData.customer().identities(List.of(
                        ContactIdentity.primary(Channel.EMAIL, thread % 2 == 0 ? email : email.toUpperCase(
                                Locale.ROOT)))).build();
                try {
                    return Optional.of(customers().insert(customer).id());
                } catch (ContactIdentityConflictException e) {
                    return Optional.empty();
                }
            });

            // then
            List<CustomerId> winners = outcomes.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("winners in round %d", round).hasSize(1);
            assertThat(customers().findByIdentity(Channel.EMAIL, email)).map(Customer::id)
                    .contains(winners.get(0));
        }
        assertThat(customers().count()).isEqualTo(5);
    }

    @Test
    @DisplayName("when several threads schedule follow-ups with the same idempotency key at once, exactly one is stored")
    void concurrentInsertsCompetingForOneIdempotencyKeyLetExactlyOneWin() {
        // given
        Customer customer = storedCustomer();

        for (int round = 0; round < 5; round++) {
            String key = "survey:contested-" + round;

            // when
            List<Optional<FollowUpId>> outcomes = inParallel(THREADS, thread -> {
                try {
                    return Optional.of(followUps().insert(TestData.followUp(customer.id()).idempotencyKey(key)
                            .build()).id());
                } catch (DuplicateIdempotencyKeyException e) {
                    return Optional.empty();
                }
            });

            // then
            List<FollowUpId> winners = outcomes.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("winners in round %d", round).hasSize(1);
            assertThat(followUps().findByIdempotencyKey(key)).map(FollowUp::id).contains(winners.get(0));
        }
    }

    @Test
    @DisplayName("when several threads record the same external id at once, exactly one interaction is stored")
    void concurrentInsertsCompetingForOneExternalIdLetExactlyOneWin() {
        // given
        Customer customer = storedCustomer();

        for (int round = 0; round < 5; round++) {
            String externalId = "call-contested-" + round;

            // when
            List<Optional<InteractionId>> outcomes = inParallel(THREADS, thread -> {
                try {
                    return Optional.of(interactions().insert(TestData.interaction(customer.id())
                            .externalId(externalId).build()).id());
                } catch (DuplicateExternalIdException e) {
                    return Optional.empty();
                }
            });

            // then
            List<InteractionId> winners = outcomes.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("winners in round %d", round).hasSize(1);
            assertThat(interactions().findByExternalId(externalId)).map(Interaction::id)
                    .contains(winners.get(0));
        }
    }

    @Test
    @DisplayName("several dispatchers claiming at once never get the same follow-up, and together claim all")
    void concurrentClaimersNeverShareAFollowUp() {
        // given
        Customer customer = storedCustomer();
        Set<FollowUpId> due = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            due.add(storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED,
                    hoursFromNow(-1).minusSeconds(i)).id());
        }

        // when
        List<List<FollowUp>> claims = inParallel(6, thread -> {
            List<FollowUp> mine = new ArrayList<>();
            for (int calls = 0; calls < 1_000; calls++) {
                List<FollowUp> batch = followUps().claimDue("dispatcher-" + thread, Duration.ofMinutes(10), 3);
                if (batch.isEmpty()) {
                    break;
                }
                mine.addAll(batch);
            }
            return mine;
        });

        // then
        List<FollowUpId> claimed = claims.stream().flatMap(List::stream).map(FollowUp::id).toList();
        assertThat(claimed).as("claimed follow-ups").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(due);
        for (int thread = 0; thread < claims.size(); thread++) {
            for (FollowUp claim : claims.get(thread)) {
                assertThat(followUps().get(claim.id()).leaseOwner()).contains("dispatcher-" + thread);
            }
        }
    }
}
