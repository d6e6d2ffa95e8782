package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.testing.StoreSnapshot;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The reliability tests' own tools bite")
class ReliabilityToolsTest {

    private static RegisterCustomer ann() {
        return RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com")).build();
    }

    @Test
    @DisplayName("the failing store counts every repository call and commit, and fails exactly the N-th")
    void countsAndFails() {
        // given a clean run of one registration
        FaultStack clean = new FaultStack(0, Timing.BEFORE);
        clean.rapport.customers().register(ann());
        int calls = clean.storage.calls();

        // when its last call, the commit, fails
        FaultStack faulty = new FaultStack(calls, Timing.AFTER);

        // then the registration fails and is rolled back
        assertThat(calls).isEqualTo(3); // one identity lookup, the insert, the commit
        assertThatThrownBy(() -> faulty.rapport.customers().register(ann())).isInstanceOf(StorageException.class)
                .hasMessageContaining("call 3 (commit, AFTER)");
        assertThat(faulty.storage.failedCall()).isEqualTo("commit");
        assertThat(faulty.snapshot().customers()).isEmpty();
    }

    @Test
    @DisplayName("a fault after a call outside a transaction leaves the call's work done, as a lost reply does")
    void afterOutsideTransaction() {
        // given
        FaultStack s = new FaultStack(1, Timing.AFTER);
        Customer stored = Customer.builder().id(CustomerId.random()).name("Ann Lee").createdAt(FaultStack.T0)
                .updatedAt(FaultStack.T0).build();

        // when
        assertThatThrownBy(() -> s.storage.customers().insert(stored)).isInstanceOf(StorageException.class);

        // then
        assertThat(s.snapshot().customers()).extracting(Customer::id).containsExactly(stored.id());
    }

    @Test
    @DisplayName("the checking publisher reports an event whose change is not in the store")
    void orphanReported() {
        // given
        FaultStack s = new FaultStack(0, Timing.BEFORE);

        // when
        s.events.publish(new CustomerRegistered(UUID.randomUUID(), FaultStack.T0, CustomerId.random()));
        s.rapport.customers().register(ann());

        // then
        assertThat(s.events.orphans()).singleElement().asString().contains("without its change");
        assertThat(s.events.events()).hasSize(2);
    }

    @Test
    @DisplayName("canonical stores are equal when only ids differ, and differ when anything else does")
    void canonical() {
        // given two runs of the same registration, and a third with another name
        FaultStack a = new FaultStack(0, Timing.BEFORE);
        FaultStack b = new FaultStack(0, Timing.BEFORE);
        FaultStack c = new FaultStack(0, Timing.BEFORE);
        a.rapport.customers().register(ann());
        b.rapport.customers().register(ann());
        c.rapport.customers().register(RegisterCustomer.builder().name("Ann Le")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com")).build());

        // when
        StoreSnapshot sa = a.snapshot();
        StoreSnapshot sb = b.snapshot();

        // then
        assertThat(sa).isNotEqualTo(sb);
        assertThat(Canonical.of(sa)).isEqualTo(Canonical.of(sb));
        assertThat(Canonical.of(c.snapshot())).isNotEqualTo(Canonical.of(sa));
        assertThat(Canonical.ofEvents(a.events.events())).isEqualTo(Canonical.ofEvents(b.events.events()))
                .hasSize(1);
    }
}
