package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Call details of interactions (wait time, abandonment) and churn reasons of customers.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Call details and churn reasons"; not
 * meant to be run on its own.
 */
public abstract class CallAndChurnDetailsContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CallAndChurnDetailsContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("a call's wait at every edge of its range, below the microsecond included, and a missed call's"
            + " abandonment come back exactly as stored and as listed")
    void callDetailsRoundTrip() {
        // given calls that waited nothing, one nanosecond, just under and exactly 24 hours, abandoned or not
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        List<Interaction> calls = new ArrayList<>();
        List<Duration> waits = List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofHours(24).minusNanos(1),
                Duration.ofHours(24), Duration.ofSeconds(37, 123_456_789));
        for (int i = 0; i < waits.size(); i++) {
            boolean missed = i % 2 == 0;
            calls.add(Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                    .channel(Channel.PHONE).kind(missed ? InteractionKind.MISSED_CALL : InteractionKind.CALL)
                    .occurredAt(now.plusSeconds(i)).recordedAt(now).waitTime(waits.get(i)).abandoned(missed)
                    .build());
        }

        // when
        calls.forEach(interactions()::insert);

        // then
        for (Interaction call : calls) {
            assertThat(interactions().get(call.id())).isEqualTo(call);
        }
        assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first(10)).items())
                .containsExactlyElementsOf(calls);
    }

    @Test
    @DisplayName("an interaction without call details reads back with no wait and not abandoned")
    void noCallDetails() {
        // given
        Customer customer = storedCustomer();
        Instant now = TestData.now();
        Interaction call = Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                .channel(Channel.PHONE).kind(InteractionKind.CALL).occurredAt(now).recordedAt(now).build();

        // when
        interactions().insert(call);

        // then
        Interaction found = interactions().get(call.id());
        assertThat(found).isEqualTo(call);
        assertThat(found.waitTime()).isEmpty();
        assertThat(found.abandoned()).isFalse();
    }

    @Test
    @DisplayName("a customer's churn reason is stored on insert, changed and removed on update")
    void churnReasonRoundTrips() {
        // given a churned customer with a reason
        Customer churned = customers().insert(TestData.customer().status(CustomerStatus.CHURNED)
                .churnReason("price").build());
        assertThat(customers().get(churned.id()).churnReason()).contains("price");

        // when the reason changes, then the customer comes back to life without one
        Customer changed = customers().update(churned.toBuilder().churnReason("moved.abroad").build());
        Customer changedNow = customers().get(churned.id());
        Customer back = customers().update(changedNow.toBuilder().status(CustomerStatus.ACTIVE)
                .churnReason(null).build());

        // then
        assertThat(changedNow).isEqualTo(changed);
        assertThat(changedNow.churnReason()).contains("moved.abroad");
        assertThat(customers().get(churned.id())).isEqualTo(back);
        assertThat(back.churnReason()).isEmpty();
    }
}
