package dev.rapport.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.test.SettableClock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the kit cannot check because it cannot control a store's clock: the in-memory adapter's injected clock. */
@DisplayName("The in-memory adapter with an injected clock")
class InMemoryStorageTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T09:00:00.000001Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);

    @Test
    @DisplayName("a follow-up becomes due when the injected clock reaches its due time, not the system clock")
    void dueTimesFollowTheInjectedClock() {
        // given
        Customer customer = storage.customers().insert(customer().build());
        FollowUp followUp = storage.followUps().insert(followUp(customer.id())
                .dueAt(clock.instant().plus(Duration.ofHours(1))).build());
        assertThat(storage.followUps().claimDue("node-a", Duration.ofMinutes(5), 10)).isEmpty();

        // when
        clock.advance(Duration.ofHours(1));
        List<FollowUp> claimed = storage.followUps().claimDue("node-a", Duration.ofMinutes(5), 10);

        // then
        assertThat(claimed).extracting(FollowUp::id).containsExactly(followUp.id());
        assertThat(claimed.get(0).leaseUntil()).contains(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(claimed.get(0).updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("a lease lapses only after its end by the injected clock")
    void leasesLapseByTheInjectedClock() {
        // given
        Customer customer = storage.customers().insert(customer().build());
        storage.followUps().insert(followUp(customer.id()).dueAt(clock.instant()).build());
        FollowUp first = storage.followUps().claimDue("node-a", Duration.ofMinutes(5), 10).get(0);

        // when
        clock.advance(Duration.ofMinutes(5));
        List<FollowUp> atTheEnd = storage.followUps().claimDue("node-b", Duration.ofMinutes(5), 10);
        clock.advance(Duration.ofNanos(1_000));
        List<FollowUp> afterTheEnd = storage.followUps().claimDue("node-b", Duration.ofMinutes(5), 10);

        // then
        assertThat(atTheEnd).isEmpty();
        assertThat(afterTheEnd).hasSize(1);
        assertThat(afterTheEnd.get(0).leaseOwner()).contains("node-b");
        assertThat(afterTheEnd.get(0).version()).isEqualTo(first.version() + 1);
        assertThat(afterTheEnd.get(0).status()).isEqualTo(FollowUpStatus.CLAIMED);
    }

    @Test
    @DisplayName("claims are stamped to the microsecond even when the clock is finer")
    void claimsAreStampedToTheMicrosecond() {
        // given
        clock.advance(Duration.ofNanos(789));
        Customer customer = storage.customers().insert(customer().build());
        // the due time itself must be whole microseconds (the value domain); only the clock is finer
        storage.followUps().insert(followUp(customer.id())
                .dueAt(clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MICROS)).build());

        // when
        FollowUp claimed = storage.followUps().claimDue("node-a", Duration.ofSeconds(30), 1).get(0);

        // then
        assertThat(claimed.updatedAt().getNano() % 1_000).isZero();
        assertThat(claimed.leaseUntil().orElseThrow().getNano() % 1_000).isZero();
    }

    /**
     * A new customer with a unique email address, created now by the test's clock. (The kit's TestData is out of
     * reach: the kit depends on this module.)
     */
    private Customer.Builder customer() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Customer.builder()
                .id(CustomerId.random())
                .name("Ada Lovelace")
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL,
                        "ada." + UUID.randomUUID() + "@example.com")))
                .createdAt(now)
                .updatedAt(now);
    }

    /** A thank-you follow-up by email for the customer, due in a day, created now by the test's clock. */
    private FollowUp.Builder followUp(CustomerId customerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return FollowUp.builder()
                .id(FollowUpId.random())
                .customerId(customerId)
                .kind(FollowUpKind.THANK_YOU)
                .channel(Channel.EMAIL)
                .dueAt(now.plus(Duration.ofDays(1)))
                .idempotencyKey("thank-you-" + UUID.randomUUID())
                .values(Map.of("first_name", "Ada"))
                .createdAt(now)
                .updatedAt(now);
    }
}
