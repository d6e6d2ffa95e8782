package dev.rapport.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.Channel;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The fault-injecting storage")
class FaultInjectingStorageTest {

    private static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");

    private final InMemoryStorage memory = new InMemoryStorage(new SettableClock(T0));
    private final FaultInjectingStorage<InMemoryStorage> storage = FaultInjectingStorage.wrap(memory);

    private static Customer customer(String name) {
        return Customer.builder().id(CustomerId.random()).name(name)
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, UUID.randomUUID() + "@example.com")))
                .createdAt(T0).updatedAt(T0).build();
    }

    private List<Customer> stored() {
        return memory.customers().listAfter(Optional.empty(), 100);
    }

    @Nested
    @DisplayName("without a fault")
    class WithoutFault {

        @Test
        @DisplayName("passes every call to the store and counts it")
        void passesThrough() {
            // given
            Customer ann = customer("Ann Lee");

            // when
            storage.customers().insert(ann);
            Customer read = storage.customers().get(ann.id());

            // then
            assertThat(read.name()).isEqualTo("Ann Lee");
            assertThat(stored()).extracting(Customer::id).containsExactly(ann.id());
            assertThat(storage.calls()).isEqualTo(2);
            assertThat(storage.faultInjected()).isFalse();
            assertThat(storage.failedCall()).isNull();
        }

        @Test
        @DisplayName("counts the commit of an outermost transaction as a call, and not the inner ones")
        void countsCommits() {
            // given
            Customer ann = customer("Ann Lee");

            // when
            storage.transactions().runInTransaction(() -> storage.transactions()
                    .runInTransaction(() -> storage.customers().insert(ann)));

            // then
            assertThat(storage.calls()).isEqualTo(2);
            assertThat(stored()).hasSize(1);
        }

        @Test
        @DisplayName("tells whether a transaction is running on the current thread only")
        void tellsTransaction() throws InterruptedException {
            // given
            AtomicBoolean inside = new AtomicBoolean();
            AtomicBoolean otherThread = new AtomicBoolean(true);

            // when
            storage.transactions().runInTransaction(() -> {
                inside.set(storage.inTransaction());
                Thread other = new Thread(() -> otherThread.set(storage.inTransaction()));
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            // then
            assertThat(inside).isTrue();
            assertThat(otherThread).isFalse();
            assertThat(storage.inTransaction()).isFalse();
        }

        @Test
        @DisplayName("gives back the wrapped store, whose calls are not counted")
        void delegate() {
            // given / when
            storage.delegate().customers().insert(customer("Ann Lee"));

            // then
            assertThat(storage.delegate()).isSameAs(memory);
            assertThat(storage.calls()).isZero();
        }
    }

    @Nested
    @DisplayName("with faults chosen by call name")
    class ByName {

        @Test
        @DisplayName("fails the next calls of a method with the chosen exception, before they reach the store")
        void failNext() {
            // given
            storage.failNext("customers.insert", 2, () -> new StorageException("connection lost"));

            // when / then
            assertThatThrownBy(() -> storage.customers().insert(customer("Ann"))).isInstanceOf(StorageException.class)
                    .hasMessage("connection lost");
            assertThatThrownBy(() -> storage.customers().insert(customer("Bob"))).isInstanceOf(StorageException.class);
            storage.customers().insert(customer("Cy"));
            assertThat(stored()).extracting(Customer::name).containsExactly("Cy");
            assertThat(storage.failedCall()).isEqualTo("customers.insert");
            assertThat(storage.faultsInjected()).isEqualTo(2);
        }

        @Test
        @DisplayName("answers the next calls of a method in the store's place")
        void answerNext() {
            // given
            Customer ann = storage.customers().insert(customer("Ann Lee"));
            storage.answerNext("customers.findById", 1, args -> Optional.empty());

            // when
            Optional<Customer> answered = storage.customers().findById(ann.id());
            Optional<Customer> real = storage.customers().findById(ann.id());

            // then
            assertThat(answered).isEmpty();
            assertThat(real).isPresent();
        }

        @Test
        @DisplayName("lets faults planted on the same call take their turns in the order they were planted")
        void turns() {
            // given
            Customer ann = storage.customers().insert(customer("Ann Lee"));
            storage.failNext("customers.findById", 1, () -> new StaleVersionException("customer", ann.id(), 1));
            storage.answerNext("customers.findById", 1, args -> Optional.empty());

            // when / then
            assertThatThrownBy(() -> storage.customers().findById(ann.id()))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(storage.customers().findById(ann.id())).isEmpty();
            assertThat(storage.customers().findById(ann.id())).isPresent();
        }

        @Test
        @DisplayName("fails only the n-th call of a method from now on")
        void failNth() {
            // given
            storage.failNth("customers.insert", 2, Timing.BEFORE, () -> new StorageException("disk full"));

            // when
            storage.customers().insert(customer("Ann"));
            Throwable second = catchThrowable(() -> storage.customers().insert(customer("Bob")));
            storage.customers().insert(customer("Cy"));

            // then
            assertThat(second).isInstanceOf(StorageException.class).hasMessage("disk full");
            assertThat(stored()).extracting(Customer::name).containsExactlyInAnyOrder("Ann", "Cy");
        }

        @Test
        @DisplayName("after a call outside a transaction, leaves the call's work done, as a lost reply does")
        void afterOutsideTransaction() {
            // given
            storage.failNth("customers.insert", 1, Timing.AFTER, () -> new StorageException("reply lost"));

            // when
            Throwable thrown = catchThrowable(() -> storage.customers().insert(customer("Ann")));

            // then
            assertThat(thrown).isInstanceOf(StorageException.class).hasMessage("reply lost");
            assertThat(stored()).extracting(Customer::name).containsExactly("Ann");
        }

        @Test
        @DisplayName("after a call inside a transaction, rolls the call's work back with the transaction")
        void afterInsideTransaction() {
            // given
            storage.failNth("customers.insert", 1, Timing.AFTER, () -> new StorageException("reply lost"));

            // when
            Throwable thrown = catchThrowable(() -> storage.transactions()
                    .runInTransaction(() -> storage.customers().insert(customer("Ann"))));

            // then
            assertThat(thrown).isInstanceOf(StorageException.class);
            assertThat(stored()).isEmpty();
        }

        @Test
        @DisplayName("fails every call of every method of a port until the faults are cleared")
        void failEvery() {
            // given
            Customer ann = storage.customers().insert(customer("Ann Lee"));
            storage.failEvery("customers.*", Timing.BEFORE, () -> new StorageException("down"));

            // when / then
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> storage.customers().findById(ann.id())).isInstanceOf(StorageException.class);
                assertThatThrownBy(() -> storage.customers().insert(customer("Bob")))
                        .isInstanceOf(StorageException.class);
            }
            assertThat(storage.interactions().findById(new InteractionId(UUID.randomUUID()))).isEmpty();
            storage.clearFaults();
            assertThat(storage.customers().findById(ann.id())).isPresent();
            assertThat(storage.faultsInjected()).isEqualTo(6);
        }

        @Test
        @DisplayName("fails a commit by rolling the whole transaction back")
        void commit() {
            // given
            storage.failNext(FaultInjectingStorage.COMMIT, 1, () -> new StorageException("commit failed"));

            // when
            Throwable thrown = catchThrowable(() -> storage.transactions()
                    .runInTransaction(() -> storage.customers().insert(customer("Ann"))));

            // then
            assertThat(thrown).isInstanceOf(StorageException.class).hasMessage("commit failed");
            assertThat(stored()).isEmpty();
            assertThat(storage.failedCall()).isEqualTo("commit");
        }

        @Test
        @DisplayName("refuses a call that names no port or method, naming the call, and plants nothing")
        void refusesUnknownCalls() {
            // given
            Customer ann = storage.customers().insert(customer("Ann Lee"));

            // when / then
            assertThatThrownBy(() -> storage.failNext("customers.inserts", 1, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inserts");
            assertThatThrownBy(() -> storage.failNext("clients.insert", 1, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients.insert");
            assertThatThrownBy(() -> storage.failNext("customers", 1, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'customers'");
            assertThatThrownBy(() -> storage.failNext("customers.insert", 0, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
            assertThat(storage.customers().findById(ann.id())).isPresent();
            assertThat(storage.faultInjected()).isFalse();
        }
    }

    @Nested
    @DisplayName("with a fault chosen by call number")
    class ByNumber {

        @Test
        @DisplayName("fails exactly the n-th intercepted call, commits included, with a message naming it")
        void failCall() {
            // given a clean transaction makes three calls: a lookup, the insert and the commit
            storage.failCall(5, Timing.BEFORE);
            Runnable register = () -> storage.transactions().runInTransaction(() -> {
                storage.customers().findByIdentity(Channel.EMAIL, "ann@example.com");
                storage.customers().insert(customer("Ann"));
            });
            register.run();

            // when
            Throwable thrown = catchThrowable(register::run);

            // then
            assertThat(thrown).isInstanceOf(StorageException.class)
                    .hasMessage("injected fault at call 5 (customers.insert, BEFORE)");
            assertThat(storage.calls()).isEqualTo(5);
            assertThat(stored()).hasSize(1);
            assertThat(storage.failedCall()).isEqualTo("customers.insert");
        }

        @Test
        @DisplayName("names the commit when the commit is the call that fails")
        void failsCommit() {
            // given
            storage.failCall(2, Timing.AFTER);

            // when
            Throwable thrown = catchThrowable(() -> storage.transactions()
                    .runInTransaction(() -> storage.customers().insert(customer("Ann"))));

            // then
            assertThat(thrown).hasMessage("injected fault at call 2 (commit, AFTER)");
            assertThat(stored()).isEmpty();
        }

        @Test
        @DisplayName("refuses a number already called")
        void refusesPast() {
            // given
            storage.customers().insert(customer("Ann"));

            // when / then
            assertThatThrownBy(() -> storage.failCall(1, Timing.BEFORE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("call 1 has already been made");
        }
    }

    @Nested
    @DisplayName("intercepting only some ports")
    class SomePorts {

        @Test
        @DisplayName("neither counts nor fails the calls of the other ports")
        void onlyChosen() {
            // given
            FaultInjectingStorage<InMemoryStorage> some = FaultInjectingStorage.wrap(memory, Set.of("customers"));

            // when
            some.transactions().runInTransaction(() -> some.customers().insert(customer("Ann")));
            some.healthStandings().find(CustomerId.random());

            // then
            assertThat(some.calls()).isEqualTo(1);
            assertThat(some.healthStandings()).isSameAs(memory.healthStandings());
            assertThatThrownBy(() -> some.failNext("healthStandings.find", 1, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> some.failNext("commit", 1, () -> new StorageException("x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("refuses a name that is no port of the store")
        void refusesUnknownPort() {
            // given / when / then
            assertThatThrownBy(() -> FaultInjectingStorage.wrap(memory, Set.of("clients")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients");
        }

        @Test
        @DisplayName("counts and fails the calls of a port object intercepted beside the store")
        void interceptsExtraPort() {
            // given
            CustomerRepository extra = storage.intercept(CustomerRepository.class, "archive", memory.customers());
            storage.failNext("archive.insert", 1, () -> new StorageException("archive down"));
            EventOutbox outbox = storage.intercept(EventOutbox.class, "outbox", emptyOutbox());

            // when
            Throwable thrown = catchThrowable(() -> extra.insert(customer("Ann")));

            // then
            assertThat(thrown).hasMessage("archive down");
            assertThat(storage.calls()).isEqualTo(1);
            assertThat(storage.failedCall()).isEqualTo("archive.insert");
            assertThat(outbox.pendingCount()).isZero();
            assertThat(storage.calls()).isEqualTo(2);
            assertThatThrownBy(() -> storage.intercept(CustomerRepository.class, "customers", memory.customers()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'customers' is taken");
            assertThatThrownBy(() -> storage.intercept(EventOutbox.class, "outbox", emptyOutbox()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'outbox' is taken");
        }
    }

    /** An outbox that holds nothing, kept beside the store as a host might keep one. */
    private static EventOutbox emptyOutbox() {
        return (EventOutbox) Proxy.newProxyInstance(EventOutbox.class.getClassLoader(),
                new Class<?>[] {EventOutbox.class}, (proxy, method, args) -> 0L);
    }

    private static Throwable catchThrowable(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
