package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.followup.DispatchSummary;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.test.FaultInjectingStorage.Timing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The customer messenger failing or hanging under the follow-up dispatcher: every follow-up is either sent once or
 * retried and finally parked with its error; a hanging call is cut short by the lease (the dispatcher's only
 * timeout on a send) or by closing the dispatcher (which interrupts after its shutdown timeout); and no message
 * reaches a customer twice, because every resend carries the same idempotency key.
 */
@DisplayName("A failing or hanging messenger")
class MessengerFaultsTest {

    private static final Ledger LEDGER = new Ledger("messenger-faults");

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    /** Customers with a due follow-up each, on email. */
    private static List<FollowUp> dueFollowUps(FaultStack s, int count) {
        List<FollowUp> due = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer customer = s.rapport.customers().register(RegisterCustomer.builder().name("Customer " + i)
                    .identity(ContactIdentity.primary(Channel.EMAIL, "customer" + i + "@example.com")).build());
            due.add(s.scheduler.schedule(ScheduleFollowUp.builder().customerId(customer.id())
                    .kind(FollowUpKind.THANK_YOU).dueAt(s.clock.instant()).build()).followUp().orElseThrow());
            s.clock.advance(Duration.ofSeconds(1));
        }
        return due;
    }

    /** Runs dispatch rounds ten minutes apart until nothing is pending, at most twenty. */
    private static void dispatchUntilSettled(FaultStack s, FollowUpDispatcher dispatcher) {
        for (int round = 0; round < 20 && s.snapshot().followUps().stream().anyMatch(f -> !f.status().isFinal());
                round++) {
            dispatcher.dispatchDue();
            s.clock.advance(Duration.ofMinutes(10));
        }
    }

    /** Adds the counts of a test: nothing pending or parked without an error, nothing delivered twice. */
    private static void account(FaultStack s, int followUps, long faults) {
        List<FollowUp> all = s.snapshot().followUps();
        long lost = all.stream().filter(f -> !(f.status() == FollowUpStatus.SENT
                || f.status() == FollowUpStatus.FAILED && f.lastError().isPresent())).count();
        LEDGER.add("follow-ups dispatched", followUps);
        LEDGER.add("faults injected", faults);
        LEDGER.add("items lost", lost);
        LEDGER.add("duplicates", s.messenger.duplicates());
        assertThat(lost).as("follow-ups neither sent nor parked with their error").isZero();
        assertThat(s.messenger.duplicates()).as("messages delivered twice").isZero();
        assertThat(s.events.orphans()).isEmpty();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 seconds");
            }
            Thread.sleep(2);
        }
    }

    @Test
    @DisplayName("retryable failures are retried with backoff, keeping the error, and each message is sent once")
    void retryable() {
        // given a gateway that times out on the first two calls of every message
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void beforeDelivery(OutboundMessage message, int call) {
                if (call <= 2) {
                    throw new MessageDeliveryException("gateway timeout");
                }
            }
        });
        List<FollowUp> due = dueFollowUps(s, 20);

        // when
        dispatchUntilSettled(s, s.dispatcher);

        // then
        assertThat(s.snapshot().followUps()).hasSize(20).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.lastError()).contains("gateway timeout");
        });
        assertThat(due).allSatisfy(f -> assertThat(s.messenger.calls(FollowUpDispatcher.messageKey(f.id())))
                .isEqualTo(3));
        assertThat(s.messenger.delivered).hasSize(20);
        assertThat(s.events.events()).filteredOn(FollowUpSent.class::isInstance).hasSize(20);
        account(s, 20, 40);
    }

    @Test
    @DisplayName("a non-retryable failure parks the follow-up as failed at once, with its error and an event")
    void nonRetryable() {
        // given a gateway that knows no address of an odd-numbered customer
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void beforeDelivery(OutboundMessage message, int call) {
                if (message.address().matches("customer\\d*[13579]@.*")) {
                    throw new MessageDeliveryException("address unknown", false, null);
                }
            }
        });
        dueFollowUps(s, 10);

        // when
        dispatchUntilSettled(s, s.dispatcher);

        // then
        List<FollowUp> all = s.snapshot().followUps();
        assertThat(all).filteredOn(f -> f.status() == FollowUpStatus.FAILED).hasSize(5).allSatisfy(f -> {
            assertThat(f.attempts()).isEqualTo(1);
            assertThat(f.lastError()).contains("address unknown");
        });
        assertThat(all).filteredOn(f -> f.status() == FollowUpStatus.SENT).hasSize(5);
        assertThat(s.events.events()).filteredOn(FollowUpFailed.class::isInstance).hasSize(5)
                .allSatisfy(e -> assertThat(((FollowUpFailed) e).error()).isEqualTo("address unknown"));
        account(s, 10, 5);
    }

    @Test
    @DisplayName("any other exception is retried up to the limit and parked, keeping only its class as the error")
    void foreignException() {
        // given a gateway whose client library throws its own exception, naming the address
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void beforeDelivery(OutboundMessage message, int call) {
                throw new IllegalStateException("connection reset while sending to " + message.address());
            }
        });
        dueFollowUps(s, 5);

        // when
        dispatchUntilSettled(s, s.dispatcher);

        // then
        assertThat(s.snapshot().followUps()).hasSize(5).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.FAILED);
            assertThat(f.attempts()).isEqualTo(FollowUpDispatcher.DEFAULT_MAX_ATTEMPTS);
            assertThat(f.lastError()).contains(IllegalStateException.class.getName());
        });
        assertThat(s.messenger.delivered).isEmpty();
        account(s, 5, 5L * FollowUpDispatcher.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    @DisplayName("a send that hangs before delivering is taken over after the lease; the late one is refused")
    void hangsBeforeDelivering() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void beforeDelivery(OutboundMessage message, int call) {
                hangOnce(message, call, entered, release);
            }
        });
        takeOver(s, entered, release, 1);
    }

    @Test
    @DisplayName("a send that hangs after delivering is resent under the same key after the lease, delivered once")
    void hangsAfterDelivering() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void afterDelivery(OutboundMessage message, int call) {
                hangOnce(message, call, entered, release);
            }
        });
        takeOver(s, entered, release, 1);
    }

    /** Holds the first call of the first customer's message until released. */
    private static void hangOnce(OutboundMessage message, int call, CountDownLatch entered, CountDownLatch release) {
        if (call == 1 && message.address().startsWith("customer0@")) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessageDeliveryException("interrupted", true, e);
            }
        }
    }

    /**
     * Node A hangs on the first message; after the lease node B takes over the whole batch and sends it; then A's
     * call returns and A's completion is refused.
     */
    private void takeOver(FaultStack s, CountDownLatch entered, CountDownLatch release, long faults)
            throws Exception {
        // given
        List<FollowUp> due = dueFollowUps(s, 3);
        FollowUpDispatcher nodeA = s.dispatcher;
        FollowUpDispatcher nodeB = FollowUpDispatcher.builder(s.storage, s.messenger).clock(s.clock)
                .eventPublisher(s.events).sendWindow(SendWindow.anyTime()).jitter(0).lease(FaultStack.LEASE)
                .owner("node-2").build();
        Future<DispatchSummary> onA = pool.submit(nodeA::dispatchDue);
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // when the lease has lapsed, B runs; then A's call comes back
        s.clock.advance(FaultStack.LEASE.plusSeconds(1));
        DispatchSummary byB = nodeB.dispatchDue();
        release.countDown();
        DispatchSummary byA = onA.get(30, TimeUnit.SECONDS);

        // then
        assertThat(byB.sent()).isEqualTo(3);
        assertThat(byA.sent()).isZero();
        assertThat(byA.abandoned()).isEqualTo(3);
        assertThat(s.snapshot().followUps()).allSatisfy(f -> {
            assertThat(f.status()).isEqualTo(FollowUpStatus.SENT);
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(s.messenger.calls(FollowUpDispatcher.messageKey(due.get(0).id()))).isEqualTo(2);
        assertThat(s.messenger.delivered).hasSize(3);
        assertThat(s.events.events()).filteredOn(FollowUpSent.class::isInstance).hasSize(3);
        account(s, 3, faults);
    }

    @Test
    @DisplayName("closing a dispatcher whose send hangs interrupts it after the shutdown timeout; nothing is lost")
    void closeInterruptsAHangingSend() throws Exception {
        // given a background dispatcher stuck in a send that only an interrupt ends
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FaultStack s = new FaultStack(0, Timing.BEFORE, clock -> new IdempotentMessenger(clock) {
            @Override
            void beforeDelivery(OutboundMessage message, int call) {
                hangOnce(message, call, entered, never);
            }
        });
        List<FollowUp> due = dueFollowUps(s, 1);
        FollowUpDispatcher background = FollowUpDispatcher.builder(s.storage, s.messenger).clock(s.clock)
                .eventPublisher(s.events).sendWindow(SendWindow.anyTime()).jitter(0).lease(FaultStack.LEASE)
                .owner("background").pollInterval(Duration.ofMillis(10)).shutdownTimeout(Duration.ofMillis(100))
                .build().start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // when
        background.close();
        await(() -> s.snapshot().followUps().get(0).status() != FollowUpStatus.CLAIMED);

        // then the follow-up is back, to be retried with the error kept, and the next round sends it once
        FollowUp afterClose = s.snapshot().followUps().get(0);
        assertThat(afterClose.status()).isEqualTo(FollowUpStatus.SCHEDULED);
        assertThat(afterClose.lastError()).contains("interrupted");
        s.clock.advance(Duration.ofHours(1));
        s.dispatcher.dispatchDue();
        assertThat(s.snapshot().followUps().get(0).status()).isEqualTo(FollowUpStatus.SENT);
        assertThat(s.messenger.delivered).containsOnlyKeys(FollowUpDispatcher.messageKey(due.get(0).id()));
        account(s, 1, 1);
    }
}
