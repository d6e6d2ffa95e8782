package dev.rapport.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.tck.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the kit cannot check because it cannot control a store's clock: the in-memory adapter's injected clock. */
@DisplayName("The in-memory adapter with an injected clock")
class InMemoryStorageTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T09:00:00.000001Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);

    @Test
    @DisplayName("a follow-up becomes due when the injected clock reaches its due time, not the system clock")
    void dueTimesFollowTheInjectedClock() {
        // given
        Customer customer = storage.customers().insert(TestData.customer().build());
        FollowUp followUp = storage.followUps().insert(TestData.followUp(customer.id())
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
        Customer customer = storage.customers().insert(TestData.customer().build());
        storage.followUps().insert(TestData.followUp(customer.id()).dueAt(clock.instant()).build());
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
        Customer customer = storage.customers().insert(TestData.customer().build());
        // the due time itself must be whole microseconds (the value domain); only the clock is finer
        storage.followUps().insert(TestData.followUp(customer.id())
                .dueAt(clock.instant().minusSeconds(1).truncatedTo(ChronoUnit.MICROS)).build());

        // when
        FollowUp claimed = storage.followUps().claimDue("node-a", Duration.ofSeconds(30), 1).get(0);

        // then
        assertThat(claimed.updatedAt().getNano() % 1_000).isZero();
        assertThat(claimed.leaseUntil().orElseThrow().getNano() % 1_000).isZero();
    }
}
