package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.testing.StoreSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Follow-up dispatch alone, at a larger scale than the dispatch step of {@link StorageFaultsTest}: seven follow-ups
 * of three customers due at once, dispatched in batches of two, run once cleanly and then once for every call the
 * dispatch rounds make to the store with that call failing, before or after it reached the store (the follow-ups
 * are scheduled beforehand, past the fault injection). After a failed round the next round runs once the lease has
 * lapsed, as the dispatcher's next round (on this node or another) would.
 *
 * <p>Checked for every run: after the failed round everything but the follow-ups is unchanged and each follow-up is
 * untouched or in a complete state (claimed under a lease, sent, retried or parked with its error); at the end every
 * follow-up is sent, each message reached its customer exactly once (a resend after a lost completion goes under
 * the same idempotency key), and no event was published for rolled-back work. Crashes of a dispatching process are
 * covered by {@code jdbc-adapter/src/test/java/dev/rapport/jdbc/nodes/FollowUpDispatchCrashTest}.
 */
@DisplayName("Follow-up dispatch with the store failing at any call")
class FollowUpDispatchFaultsTest {

    private static final Ledger LEDGER = new Ledger("dispatch-faults");
    private static final int FOLLOW_UPS = 7;
    private static final int MAX_ROUNDS = 30;

    /** The fault stack with the follow-ups scheduled straight on its store, and a dispatcher of batches of two. */
    private static final class Run {
        final FaultStack stack;
        final FollowUpDispatcher dispatcher;
        int faults;

        Run(int failAt, Timing mode) {
            stack = new FaultStack(failAt, mode);
            Rapport direct = Rapport.builder().storage(stack.storage.delegate()).clock(stack.clock).build();
            FollowUpScheduler scheduler = FollowUpScheduler.builder(stack.storage.delegate()).clock(stack.clock)
                    .sendWindow(SendWindow.anyTime()).validator(direct.validator()).build();
            List<Customer> customers = List.of("ann", "bob", "cy").stream().map(name -> direct.customers().register(
                    RegisterCustomer.builder().name(name).identity(ContactIdentity.primary(Channel.EMAIL,
                            name + "@example.com")).build())).toList();
            List<FollowUpKind> kinds = List.of(FollowUpKind.THANK_YOU, FollowUpKind.CHECK_IN, FollowUpKind.WOW);
            for (int i = 0; i < FOLLOW_UPS; i++) {
                scheduler.schedule(ScheduleFollowUp.builder().customerId(customers.get(i % 3).id())
                        .kind(kinds.get(i % 3)).dueAt(stack.clock.instant()).values(Map.of("order", "order-" + i))
                        .idempotencyKey("follow-up-" + i).build());
            }
            dispatcher = FollowUpDispatcher.builder(stack.storage, stack.messenger).clock(stack.clock)
                    .eventPublisher(stack.events).sendWindow(SendWindow.anyTime()).jitter(0).lease(FaultStack.LEASE)
                    .owner("node-1").batchSize(2).build();
        }

        /** Rounds until every follow-up is sent; a failed round is followed by one after the lease. */
        void drain(String where) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                StoreSnapshot before = stack.snapshot();
                try {
                    dispatcher.dispatchDue();
                } catch (StorageException e) {
                    assertThat(e.getMessage()).as(where).startsWith("injected fault at call");
                    faults++;
                    StorageFaultsTest.assertDispatchStates(where, before, stack.snapshot());
                    stack.clock.advance(FaultStack.LEASE.plusSeconds(1));
                    continue;
                }
                if (stack.snapshot().followUps().stream().allMatch(f -> f.status() == FollowUpStatus.SENT)) {
                    return;
                }
                stack.clock.advance(FaultStack.LEASE.plusSeconds(1));
            }
            throw new AssertionError(where + ": not every follow-up was sent in " + MAX_ROUNDS + " rounds");
        }
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    @Test
    @DisplayName("with any one call of the dispatch failing, every follow-up is sent once and nothing is half done")
    void everyCallFails() {
        // given the clean run
        Run clean = new Run(0, Timing.BEFORE);
        int setUpCalls = clean.stack.storage.calls();
        clean.drain("clean");
        int cleanCalls = clean.stack.storage.calls();
        assertThat(setUpCalls).isZero();
        assertThat(clean.stack.messenger.delivered).hasSize(FOLLOW_UPS);
        assertThat(cleanCalls).isGreaterThan(10);

        // when each call fails in turn / then
        for (Timing mode : Timing.values()) {
            for (int failAt = 1; failAt <= cleanCalls; failAt++) {
                String where = "fault " + mode + " call " + failAt;
                Run run = new Run(failAt, mode);
                run.drain(where);
                LEDGER.add("runs", 1);
                LEDGER.add("faults injected", run.stack.storage.faultInjected() ? 1 : 0);
                LEDGER.add("rounds failed by the fault", run.faults);
                LEDGER.add("follow-ups lost", FOLLOW_UPS - run.stack.messenger.delivered.size());
                LEDGER.add("messages delivered twice", run.stack.messenger.duplicates());
                LEDGER.add("messages resent under the same key", run.stack.messenger.extraCalls());
                LEDGER.add("events for rolled-back work", run.stack.events.orphans().size());
                assertThat(run.stack.storage.faultInjected()).as(where).isTrue();
                assertThat(run.stack.snapshot().followUps()).as(where).extracting(FollowUp::status)
                        .containsOnly(FollowUpStatus.SENT).hasSize(FOLLOW_UPS);
                assertThat(run.stack.messenger.delivered).as("%s: messages delivered", where).hasSize(FOLLOW_UPS);
                assertThat(run.stack.messenger.duplicates()).as("%s: messages delivered twice", where).isZero();
                assertThat(run.stack.events.orphans()).as("%s: events for work not committed", where).isEmpty();
            }
        }
        assertThat(LEDGER.get("faults injected")).isEqualTo(2L * cleanCalls);
        assertThat(LEDGER.get("follow-ups lost")).isZero();
        assertThat(LEDGER.get("messages delivered twice")).isZero();
    }
}
