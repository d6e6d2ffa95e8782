package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transactions: commit, rollback of every kind of write, joining, and isolation from other threads.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Transactions"; not meant to be run on its own.
 */
public abstract class TransactionContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected TransactionContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }

    /** An exception thrown to make a transaction roll back. */
    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom");
        }
    }

    @Test
    @DisplayName("committed work is visible afterwards and its result is returned")
    void committedWorkIsVisible() {
        // given
        Customer customer = TestData.customer().build();

        // when
        String result = storage().transactions().inTransaction(() -> {
            Customer stored = customers().insert(customer);
            Case supportCase = cases().insert(TestData.supportCase(stored.id()).build());
            interactions().insert(TestData.interaction(stored.id()).caseId(supportCase.id()).build());
            return "done";
        });

        // then
        assertThat(result).isEqualTo("done");
        assertThat(customers().findById(customer.id())).isPresent();
        assertThat(cases().findByCustomer(customer.id(), PageRequest.first()).items()).hasSize(1);
        assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first()).items())
                .hasSize(1);
    }

    @Test
    @DisplayName("work reads its own writes, lookups by identity and key included")
    void workSeesItsOwnWrites() {
        // given
        Customer customer = TestData.customer().build();
        ContactIdentity email = customer.identities().get(0);

        record Seen(Customer written, Optional<Customer> byId, Optional<Customer> byIdentity,
                FollowUp scheduled, Optional<FollowUp> byKey) {
        }

        // when
        Seen seen = storage().transactions().inTransaction(() -> {
            Customer v1 = customers().insert(customer);
            Customer v2 = customers().update(v1.toBuilder().name("Renamed").build());
            FollowUp followUp = followUps().insert(TestData.followUp(customer.id()).idempotencyKey("own-writes")
                    .build());
            return new Seen(v2, customers().findById(customer.id()),
                    customers().findByIdentity(email.channel(), email.value()), followUp,
                    followUps().findByIdempotencyKey("own-writes"));
        });

        // then
        assertThat(seen.byId()).contains(seen.written());
        assertThat(seen.byIdentity()).contains(seen.written());
        assertThat(seen.byKey()).contains(seen.scheduled());
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no insert behind in any repository and rethrows the original exception")
    void rollbackUndoesInserts() {
        // given
        Customer customer = TestData.customer().build();
        Agent agent = TestData.agent().build();
        Case supportCase = TestData.supportCase(customer.id()).build();
        Interaction interaction = TestData.interaction(customer.id()).externalId("rolled-back-1").build();
        Feedback response = TestData.feedback(customer.id()).build();
        FollowUp followUp = TestData.followUp(customer.id()).idempotencyKey("rolled-back-1").build();
        Boom boom = new Boom();

        // when
        Throwable thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            customers().insert(customer);
            agents().insert(agent);
            cases().insert(supportCase);
            interactions().insert(interaction);
            feedback().insert(response);
            followUps().insert(followUp);
            throw boom;
        }));

        // then
        assertThat(thrown).isSameAs(boom);
        assertThat(customers().findById(customer.id())).isEmpty();
        assertThat(customers().count()).isZero();
        ContactIdentity email = customer.identities().get(0);
        assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
        assertThat(agents().findById(agent.id())).isEmpty();
        assertThat(cases().findById(supportCase.id())).isEmpty();
        assertThat(interactions().findById(interaction.id())).isEmpty();
        assertThat(interactions().findByExternalId("rolled-back-1")).isEmpty();
        assertThat(feedback().findById(response.id())).isEmpty();
        assertThat(followUps().findById(followUp.id())).isEmpty();
        assertThat(followUps().findByIdempotencyKey("rolled-back-1")).isEmpty();
    }

    @Test
    @DisplayName("a rolled-back transaction restores every updated aggregate with its version")
    void rollbackRestoresUpdates() {
        // given
        Customer customer = storedCustomer();
        Case supportCase = storedCase(customer.id());
        FollowUp followUp = followUps().insert(TestData.followUp(customer.id()).build());
        Agent agent = storedAgent();

        // when
        Boom thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            Customer changed = customers().update(customer.toBuilder().name("Changed").build());
            customers().update(changed.toBuilder().segment("twice").build());
            cases().update(supportCase.moveTo(CaseStatus.OPEN, supportCase.createdAt().plusSeconds(1)));
            followUps().update(followUp.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason("x").build());
            agents().update(agent.toBuilder().presence(Presence.AWAY).build());
            throw new Boom();
        }));

        // then
        assertThat(thrown).as("the rolled-back work's exception").isNotNull();
        assertThat(customers().get(customer.id())).isEqualTo(customer);
        assertThat(cases().get(supportCase.id())).isEqualTo(supportCase);
        assertThat(followUps().get(followUp.id())).isEqualTo(followUp);
        assertThat(agents().get(agent.id())).isEqualTo(agent);
        assertThat(customers().update(customer.toBuilder().name("After").build()).version()).isEqualTo(2);
    }

    @Test
    @DisplayName("a rolled-back transaction restores the identity index: released identities return, taken ones are free")
    void rollbackRestoresIdentityIndex() {
        // given
        Customer holder = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "family@example.com"))).build());
        Customer newcomer = TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "family@example.com"))).build();

        // when
        Boom thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            customers().update(holder.toBuilder().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "new.address@example.com"))).build());
            customers().insert(newcomer);
            assertThat(customers().findByIdentity(Channel.EMAIL, "family@example.com")).map(Customer::id)
                    .contains(newcomer.id());
            throw new Boom();
        }));

        // then
        assertThat(thrown).as("the rolled-back work's exception").isNotNull();
        assertThat(customers().findByIdentity(Channel.EMAIL, "family@example.com")).contains(holder);
        assertThat(customers().findByIdentity(Channel.EMAIL, "new.address@example.com")).isEmpty();
        assertThat(customers().findById(newcomer.id())).isEmpty();
        Customer other = customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "new.address@example.com"))).build());
        assertThat(customers().findByIdentity(Channel.EMAIL, "new.address@example.com")).contains(other);
    }

    @Test
    @DisplayName("ids and unique keys written by a rolled-back transaction can be used again")
    void rollbackReleasesUniqueKeys() {
        // given
        Customer customer = TestData.customer().build();
        Interaction interaction = TestData.interaction(customer.id()).externalId("reuse-me").build();
        FollowUp followUp = TestData.followUp(customer.id()).idempotencyKey("reuse-me").build();
        Boom thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            customers().insert(customer);
            interactions().insert(interaction);
            followUps().insert(followUp);
            throw new Boom();
        }));
        assertThat(thrown).as("the rolled-back work's exception").isNotNull();

        // when
        customers().insert(customer);
        interactions().insert(interaction);
        followUps().insert(followUp);

        // then
        assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
        assertThat(interactions().findByExternalId("reuse-me")).contains(interaction);
        assertThat(followUps().findByIdempotencyKey("reuse-me")).contains(followUp.withVersion(1));
    }

    @Test
    @DisplayName("a nested transaction joins the outer one: when the outer rolls back, the inner's writes go too")
    void nestedTransactionJoinsTheOuter() {
        // given
        Customer outer = TestData.customer().build();
        Customer inner = TestData.customer().build();

        // when
        Boom thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            customers().insert(outer);
            Customer innerResult = storage().transactions().inTransaction(() -> customers().insert(inner));
            assertThat(innerResult.version()).isEqualTo(1);
            throw new Boom();
        }));

        // then
        assertThat(thrown).as("the rolled-back work's exception").isNotNull();
        assertThat(customers().findById(outer.id())).isEmpty();
        assertThat(customers().findById(inner.id())).isEmpty();
        assertThat(customers().count()).isZero();
    }

    @Test
    @DisplayName("a nested transaction commits with the outer one and returns its result to it")
    void nestedTransactionCommitsWithTheOuter() {
        // given
        Customer outer = TestData.customer().build();
        Customer inner = TestData.customer().build();

        // when
        Customer result = storage().transactions().inTransaction(() -> {
            customers().insert(outer);
            return storage().transactions().inTransaction(() -> customers().insert(inner));
        });

        // then
        assertThat(result).isEqualTo(inner.withVersion(1));
        assertThat(customers().findById(outer.id())).isPresent();
        assertThat(customers().findById(inner.id())).isPresent();
    }

    @Test
    @DisplayName("an exception from a nested transaction rolls back everything and reaches the caller unchanged")
    void exceptionFromNestedTransactionRollsBackAll() {
        // given
        Customer outer = TestData.customer().build();
        Customer inner = TestData.customer().build();
        Boom boom = new Boom();

        // when
        Throwable thrown = catchThrowableOfType(Boom.class, () -> storage().transactions().runInTransaction(() -> {
            customers().insert(outer);
            storage().transactions().runInTransaction(() -> {
                customers().insert(inner);
                throw boom;
            });
        }));

        // then
        assertThat(thrown).isSameAs(boom);
        assertThat(customers().count()).isZero();
    }

    @Test
    @DisplayName("a checked exception thrown through the work also rolls back and is rethrown unchanged")
    void checkedExceptionRollsBack() {
        // given
        Customer customer = TestData.customer().build();
        Exception checked = new java.io.IOException("disk full");

        // when
        Throwable thrown = catchThrowableOfType(java.io.IOException.class,
                () -> storage().transactions().runInTransaction(() -> {
                    customers().insert(customer);
                    Concurrently.sneakyThrow(checked);
                }));

        // then
        assertThat(thrown).isSameAs(checked);
        assertThat(customers().findById(customer.id())).isEmpty();
    }

    @Test
    @DisplayName("an Error thrown by the work also rolls back and is rethrown unchanged")
    void errorRollsBack() {
        // given
        Customer customer = TestData.customer().build();
        Error error = new StackOverflowError("deep");

        // when
        Throwable thrown = catchThrowableOfType(StackOverflowError.class,
                () -> storage().transactions().runInTransaction(() -> {
                    customers().insert(customer);
                    throw error;
                }));

        // then
        assertThat(thrown).isSameAs(error);
        assertThat(customers().findById(customer.id())).isEmpty();
    }

    @Test
    @DisplayName("a call rejected inside a transaction changes nothing, and the transaction goes on to commit")
    void rejectedCallLeavesTheTransactionUsable() {
        // given
        Customer customer = storedCustomer();
        Interaction first = interactions().insert(TestData.interaction(customer.id()).externalId("webhook-1")
                .build());
        Interaction retry = TestData.interaction(customer.id()).externalId("webhook-1").build();
        Interaction next = TestData.interaction(customer.id()).externalId("webhook-2").build();

        // when
        Interaction recorded = storage().transactions().inTransaction(() -> {
            Interaction existing;
            try {
                existing = interactions().insert(retry);
            } catch (DuplicateExternalIdException e) {
                existing = interactions().get(e.existing());
            }
            interactions().insert(next);
            return existing;
        });

        // then
        assertThat(recorded).isEqualTo(first);
        assertThat(interactions().findById(retry.id())).isEmpty();
        assertThat(interactions().findByExternalId("webhook-2")).contains(next);
    }

    @Test
    @DisplayName("writes not yet committed are invisible to other threads")
    void uncommittedWritesAreInvisibleToOthers() throws Exception {
        requires(StorageCapability.CONCURRENT_WRITERS);
        // given
        Customer customer = TestData.customer().build();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // when
            Optional<Optional<Customer>> seenByOther = storage().transactions().inTransaction(() -> {
                customers().insert(customer);
                Future<Optional<Customer>> read = reader.submit(() -> customers().findById(customer.id()));
                try {
                    return Optional.of(read.get(300, TimeUnit.MILLISECONDS));
                } catch (TimeoutException blockedUntilCommit) {
                    return Optional.<Optional<Customer>>empty();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            });

            // then
            seenByOther.ifPresent(seen -> assertThat(seen).as("a read by another thread before commit").isEmpty());
            assertThat(customers().findById(customer.id())).isPresent();
        } finally {
            reader.shutdown();
            assertThat(reader.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
