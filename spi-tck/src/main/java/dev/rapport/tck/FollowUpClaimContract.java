package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Claims of follow-ups: what is due, in which order, what a claim stores, and how leases protect and lapse.
 *
 * <p>Run by {@link FollowUpContract} as its nested group "Claims" (within the group "Follow-ups" of
 * {@link RapportStorageContract}); not meant to be run on its own.
 */
public abstract class FollowUpClaimContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the capabilities its adapter declares.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param capabilities what the adapter declares; a test needing anything else is skipped
     */
    protected FollowUpClaimContract(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        super(storage, capabilities);
    }


    @Test
    @DisplayName("only scheduled follow-ups whose due time has passed are claimed")
    void claimsOnlyDueScheduledFollowUps() {
        // given
        Customer customer = storedCustomer();
        FollowUp due = storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
        storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(1));
        for (FollowUpStatus done : EnumSet.of(FollowUpStatus.SENT, FollowUpStatus.FAILED,
                FollowUpStatus.CANCELLED, FollowUpStatus.EXPIRED)) {
            storedFollowUp(customer.id(), done, hoursFromNow(-2));
        }
        followUps().insert(TestData.followUp(customer.id()).status(FollowUpStatus.CLAIMED)
                .dueAt(hoursFromNow(-3)).leaseOwner("node-a").leaseUntil(hoursFromNow(1)).build());

        // when
        List<FollowUp> claimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 100);

        // then
        assertThat(claimed).extracting(FollowUp::id).containsExactly(due.id());
    }

    @Test
    @DisplayName("the oldest due are claimed first, and never more than the limit")
    void claimsOldestDueFirstWithinTheLimit() {
        // given
        Customer customer = storedCustomer();
        List<FollowUp> byAge = new ArrayList<>();
        for (int hoursAgo = 5; hoursAgo >= 1; hoursAgo--) {
            byAge.add(TestData.followUp(customer.id()).dueAt(hoursFromNow(-hoursAgo)).build());
        }
        List<FollowUp> shuffled = new ArrayList<>(byAge);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.forEach(followUps()::insert);

        // when
        List<FollowUp> first = followUps().claimDue("node-a", Duration.ofMinutes(5), 2);
        List<FollowUp> second = followUps().claimDue("node-b", Duration.ofMinutes(5), 2);
        List<FollowUp> rest = followUps().claimDue("node-c", Duration.ofMinutes(5), 10);

        // then
        assertThat(first).extracting(FollowUp::id).containsExactly(byAge.get(0).id(), byAge.get(1).id());
        assertThat(second).extracting(FollowUp::id).containsExactly(byAge.get(2).id(), byAge.get(3).id());
        assertThat(rest).extracting(FollowUp::id).containsExactly(byAge.get(4).id());
    }

    @Test
    @DisplayName("a claim stores status CLAIMED, the owner, a lease from the store's now and the next version, and changes nothing else")
    void claimMarksTheFollowUpAsClaimed() {
        // given
        Customer customer = storedCustomer();
        FollowUp due = followUps().insert(TestData.followUp(customer.id()).dueAt(hoursFromNow(-1))
                .attempts(1).lastError("Mailbox full").build());
        Duration lease = Duration.ofMinutes(10);
        Instant before = Instant.now();

        // when
        List<FollowUp> claimed = followUps().claimDue("dispatcher-1", lease, 10);
        Instant after = Instant.now();

        // then
        assertThat(claimed).hasSize(1);
        FollowUp claim = claimed.get(0);
        assertThat(claim.status()).isEqualTo(FollowUpStatus.CLAIMED);
        assertThat(claim.leaseOwner()).contains("dispatcher-1");
        assertThat(claim.leaseUntil()).isPresent();
        assertThat(claim.leaseUntil().get()).isBetween(before.plus(lease).minus(CLOCK_TOLERANCE),
                after.plus(lease).plus(CLOCK_TOLERANCE));
        assertThat(claim.version()).isEqualTo(2);
        assertThat(claim.toBuilder().status(due.status()).leaseOwner(null).leaseUntil(null)
                .updatedAt(due.updatedAt()).version(1).build()).isEqualTo(due);
        assertThat(followUps().get(due.id())).isEqualTo(claim);
    }

    @Test
    @DisplayName("nothing is claimed when nothing is due")
    void nothingDueClaimsNothing() {
        // given
        Customer customer = storedCustomer();
        assertThat(followUps().claimDue("node-a", Duration.ofMinutes(5), 10)).isEmpty();
        storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(1));

        // when
        List<FollowUp> claimed = followUps().claimDue("node-a", Duration.ofMinutes(5), 10);

        // then
        assertThat(claimed).isEmpty();
    }

    @Test
    @DisplayName("a follow-up under a running lease is never claimed again, not even by its owner")
    void runningLeaseIsNeverClaimedTwice() {
        // given
        Customer customer = storedCustomer();
        FollowUp due = storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
        List<FollowUp> firstClaim = followUps().claimDue("node-a", Duration.ofMinutes(10), 10);

        // when
        List<FollowUp> byOther = followUps().claimDue("node-b", Duration.ofMinutes(10), 10);
        List<FollowUp> byOwner = followUps().claimDue("node-a", Duration.ofMinutes(10), 10);

        // then
        assertThat(firstClaim).extracting(FollowUp::id).containsExactly(due.id());
        assertThat(byOther).isEmpty();
        assertThat(byOwner).isEmpty();
        assertThat(followUps().get(due.id())).isEqualTo(firstClaim.get(0));
    }

    @Test
    @DisplayName("a claimed follow-up whose lease ended is claimed again by another dispatcher")
    void lapsedLeaseIsClaimedAgain() {
        // given
        Customer customer = storedCustomer();
        FollowUp abandoned = followUps().insert(TestData.followUp(customer.id())
                .status(FollowUpStatus.CLAIMED).dueAt(hoursFromNow(-2)).leaseOwner("dead-node")
                .leaseUntil(hoursFromNow(-1)).build());

        // when
        List<FollowUp> claimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);

        // then
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).id()).isEqualTo(abandoned.id());
        assertThat(claimed.get(0).leaseOwner()).contains("node-b");
        assertThat(claimed.get(0).leaseUntil().orElseThrow()).isAfter(Instant.now().minus(CLOCK_TOLERANCE));
        assertThat(claimed.get(0).version()).isEqualTo(2);
    }

    @Test
    @DisplayName("a late completion by the dispatcher whose lease was re-claimed is refused as stale")
    void staleCompletionAfterReclaimIsRefused() {
        // given
        Customer customer = storedCustomer();
        FollowUp deadNodesCopy = followUps().insert(TestData.followUp(customer.id())
                .status(FollowUpStatus.CLAIMED).dueAt(hoursFromNow(-2)).leaseOwner("dead-node")
                .leaseUntil(hoursFromNow(-1)).build());
        FollowUp reclaimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 10).get(0);

        // when
        Throwable thrown = catchThrowableOfType(StaleVersionException.class,
                () -> followUps().update(deadNodesCopy.toBuilder().status(FollowUpStatus.SENT)
                        .leaseOwner(null).leaseUntil(null).attempts(1).build()));

        // then
        assertThat(thrown).isNotNull();
        assertThat(followUps().get(deadNodesCopy.id())).isEqualTo(reclaimed);
    }

    @Test
    @DisplayName("the owner completes its claim with the claimed version, and a sent follow-up is not claimed again")
    void ownerCompletesItsClaim() {
        // given
        Customer customer = storedCustomer();
        storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
        FollowUp claim = followUps().claimDue("node-a", Duration.ofMinutes(5), 10).get(0);

        // when
        FollowUp sent = followUps().update(claim.toBuilder().status(FollowUpStatus.SENT).leaseOwner(null)
                .leaseUntil(null).attempts(claim.attempts() + 1).build());

        // then
        assertThat(sent.version()).isEqualTo(3);
        assertThat(followUps().get(claim.id())).isEqualTo(sent);
        assertThat(followUps().claimDue("node-b", Duration.ofMinutes(5), 10)).isEmpty();
    }

    @Test
    @DisplayName("a claim released back to SCHEDULED for a retry is claimed again once due")
    void releasedClaimIsClaimedAgain() {
        // given
        Customer customer = storedCustomer();
        storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
        FollowUp claim = followUps().claimDue("node-a", Duration.ofMinutes(5), 10).get(0);
        followUps().update(claim.toBuilder().status(FollowUpStatus.SCHEDULED).leaseOwner(null)
                .leaseUntil(null).attempts(1).lastError("SMTP 421").build());

        // when
        List<FollowUp> again = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);

        // then
        assertThat(again).hasSize(1);
        assertThat(again.get(0).leaseOwner()).contains("node-b");
        assertThat(again.get(0).attempts()).isEqualTo(1);
        assertThat(again.get(0).lastError()).contains("SMTP 421");
        assertThat(again.get(0).version()).isEqualTo(4);
    }

    @Test
    @DisplayName("a short lease really lapses: after it ends another claims it, and the first owner's completion is refused")
    void shortLeaseLapsesAndIsClaimedAgain() throws InterruptedException {
        requires(StorageCapability.LEASE_EXPIRY);
        // given
        Customer customer = storedCustomer();
        storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
        FollowUp firstClaim = followUps().claimDue("node-a", Duration.ofMillis(300), 10).get(0);

        // when
        List<FollowUp> secondClaim = List.of();
        Instant deadline = Instant.now().plusSeconds(5);
        while (secondClaim.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            secondClaim = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);
        }

        // then
        assertThat(secondClaim).as("claimed again within 5 s of a 300 ms lease").hasSize(1);
        assertThat(secondClaim.get(0).leaseOwner()).contains("node-b");
        assertThat(secondClaim.get(0).version()).isEqualTo(firstClaim.version() + 1);
        assertThatThrownBy(() -> followUps().update(firstClaim.toBuilder().status(FollowUpStatus.SENT)
                .leaseOwner(null).leaseUntil(null).build())).isInstanceOf(StaleVersionException.class);
        assertThat(followUps().get(firstClaim.id())).isEqualTo(secondClaim.get(0));
    }
}
