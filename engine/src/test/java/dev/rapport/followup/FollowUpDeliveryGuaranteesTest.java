package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.DelegatingStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Follow-up delivery, once in effect")
class FollowUpDeliveryGuaranteesTest {

    private final FollowUpFixtures fx = new FollowUpFixtures("2024-05-14T10:00:00Z");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Stands for a node dying: an Error the dispatcher does not catch. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private List<FollowUp> dueFollowUps(int count) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            customers.add(fx.customer());
        }
        List<FollowUp> due = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            due.add(fx.dueFollowUp(customers.get(i % customers.size())));
        }
        return due;
    }

    private List<FollowUp> all() {
        List<FollowUp> result = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (request.isPresent()) {
            var page = fx.storage.followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), request.get());
            result.addAll(page.items());
            request = page.nextRequest();
        }
        return result;
    }

    private Map<FollowUpStatus, Long> statusCounts() {
        return all().stream().collect(Collectors.groupingBy(FollowUp::status, Collectors.counting()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 seconds");
            }
            Thread.sleep(5);
        }
    }

    @Test
    @DisplayName("two dispatchers on two threads deliver each of 10,000 due follow-ups once, losing none")
    void twoDispatchersTenThousand() throws Exception {
        // given
        List<FollowUp> due = dueFollowUps(10_000);
        IdempotentSink sink = new IdempotentSink(fx.clock);
        FollowUpDispatcher a = fx.dispatcher(sink).owner("node-a").build();
        FollowUpDispatcher b = fx.dispatcher(sink).owner("node-b").build();
        CyclicBarrier start = new CyclicBarrier(2);

        // when
        Future<DispatchSummary> onA = pool.submit(() -> {
            start.await();
            return a.dispatchDue();
        });
        Future<DispatchSummary> onB = pool.submit(() -> {
            start.await();
            return b.dispatchDue();
        });
        DispatchSummary total = onA.get(60, TimeUnit.SECONDS).plus(onB.get(60, TimeUnit.SECONDS));

        // then
        assertThat(total.claimed()).isEqualTo(10_000);
        assertThat(total.sent()).isEqualTo(10_000);
        assertThat(sink.delivered).hasSize(10_000);
        assertThat(sink.calls).hasSize(10_000);
        assertThat(due).allSatisfy(f -> assertThat(sink.deliveries(f.id().toString())).isEqualTo(1));
        assertThat(statusCounts()).containsExactly(Map.entry(FollowUpStatus.SENT, 10_000L));
        assertThat(fx.events.ofType(FollowUpSent.class)).hasSize(10_000);
    }

    @Test
    @DisplayName("a dispatcher that dies mid-batch has its claims sent by another once the lease ends, once per key")
    void diesMidBatch() {
        // given 200 due follow-ups and a node that dies right after the 50th message went out
        List<FollowUp> due = dueFollowUps(200);
        AtomicInteger sent = new AtomicInteger();
        IdempotentSink sink = new IdempotentSink(fx.clock) {
            @Override
            public DeliveryReceipt send(OutboundMessage message) {
                DeliveryReceipt receipt = super.send(message);
                if (sent.incrementAndGet() == 50) {
                    throw new SimulatedCrash();
                }
                return receipt;
            }
        };
        Duration lease = Duration.ofMinutes(5);
        FollowUpDispatcher dying = fx.dispatcher(sink).owner("dying").batchSize(100).lease(lease).build();
        FollowUpDispatcher survivor = fx.dispatcher(sink).owner("survivor").batchSize(100).lease(lease).build();
        assertThatThrownBy(dying::dispatchDue).isInstanceOf(SimulatedCrash.class);
        String inFlight = sink.calls.get(49).idempotencyKey();

        // when the survivor runs before the lease ends
        DispatchSummary beforeLeaseEnds = survivor.dispatchDue();

        // then it takes only what was never claimed; the dead node's batch, whose outcomes it never stored, waits
        // for its lease
        assertThat(beforeLeaseEnds.sent()).isEqualTo(100);
        assertThat(statusCounts()).containsEntry(FollowUpStatus.CLAIMED, 100L);

        // when the lease has ended
        fx.clock.advance(lease.plusSeconds(1));
        DispatchSummary afterLeaseEnds = survivor.dispatchDue();

        // then the rest is sent: the 50 messages the dead node sent go out again under the same keys, the message
        // in flight among them, and each follow-up is delivered once
        assertThat(afterLeaseEnds.sent()).isEqualTo(100);
        assertThat(statusCounts()).containsExactly(Map.entry(FollowUpStatus.SENT, 200L));
        assertThat(sink.calls(inFlight)).isEqualTo(2);
        assertThat(sink.calls).hasSize(250);
        assertThat(sink.delivered).hasSize(200);
        assertThat(due).allSatisfy(f -> {
            assertThat(sink.deliveries(f.id().toString())).isEqualTo(1);
            assertThat(fx.stored(f.id()).attempts()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("with a messenger failing 30% of calls at random, every follow-up ends sent or failed, attempts counted")
    void flakyMessenger() {
        // given
        List<FollowUp> due = dueFollowUps(1_000);
        Random random = new Random(20240514L);
        IdempotentSink flaky = new IdempotentSink(fx.clock) {
            @Override
            void beforeDelivery(OutboundMessage message) {
                boolean fail;
                synchronized (random) {
                    fail = random.nextDouble() < 0.3;
                }
                if (fail) {
                    throw new MessageDeliveryException("flaky gateway");
                }
            }
        };
        FollowUpDispatcher dispatcher = fx.dispatcher(flaky).maxAttempts(3).backoffBase(Duration.ofMinutes(1))
                .backoffMax(Duration.ofMinutes(10)).jitter(0.2).build();

        // when the host's scheduler calls the dispatcher every ten minutes
        int rounds = 0;
        while (statusCounts().keySet().stream().anyMatch(s -> !s.isFinal()) && rounds++ < 20) {
            dispatcher.dispatchDue();
            fx.clock.advance(Duration.ofMinutes(10));
        }

        // then
        Map<FollowUpStatus, Long> counts = statusCounts();
        assertThat(counts.keySet()).containsExactlyInAnyOrder(FollowUpStatus.SENT, FollowUpStatus.FAILED);
        Map<String, FollowUp> byId = all().stream().collect(Collectors.toMap(f -> f.id().toString(),
                Function.identity()));
        assertThat(due).allSatisfy(f -> {
            FollowUp stored = byId.get(f.id().toString());
            int calls = flaky.callsByFollowUp.get(f.id().toString()).get();
            assertThat(stored.attempts()).isEqualTo(calls);
            assertThat(stored.leaseOwner()).isEmpty();
            if (stored.status() == FollowUpStatus.SENT) {
                assertThat(flaky.deliveries(f.id().toString())).isEqualTo(1);
            } else {
                assertThat(stored.attempts()).isEqualTo(3);
                assertThat(stored.lastError()).contains("flaky gateway");
                assertThat(flaky.deliveries(f.id().toString())).isZero();
            }
        });
        assertThat(fx.events.ofType(FollowUpSent.class)).hasSize(counts.get(FollowUpStatus.SENT).intValue());
        assertThat(fx.events.ofType(FollowUpFailed.class)).hasSize(counts.get(FollowUpStatus.FAILED).intValue());
    }

    @Test
    @DisplayName("the background dispatcher on two threads sends everything due and stops on close")
    void background() throws Exception {
        // given
        List<FollowUp> due = dueFollowUps(500);
        IdempotentSink sink = new IdempotentSink(fx.clock);
        FollowUpDispatcher dispatcher = fx.dispatcher(sink).threads(2).batchSize(50)
                .pollInterval(Duration.ofMillis(10)).build();

        // when
        dispatcher.start();
        await(() -> sink.delivered.size() == 500 && statusCounts().equals(Map.of(FollowUpStatus.SENT, 500L)));
        dispatcher.close();

        // then
        assertThat(dispatcher.isRunning()).isFalse();
        assertThat(due).allSatisfy(f -> assertThat(sink.deliveries(f.id().toString())).isEqualTo(1));
        assertThat(sink.calls).hasSize(500);
    }

    @Test
    @DisplayName("a background thread claims its next round while a companion thread stores the last one")
    void backgroundStoresWhileItClaimsTheNextRound() throws Exception {
        // given 250 due follow-ups, rounds of 100, and a store whose first write waits for the second claim
        List<FollowUp> due = dueFollowUps(250);
        CountDownLatch secondClaim = new CountDownLatch(1);
        AtomicInteger claims = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        Set<String> writers = ConcurrentHashMap.newKeySet();
        AtomicBoolean overlapped = new AtomicBoolean();
        FollowUpRepository inner = fx.storage.followUps();
        FollowUpRepository watched = (FollowUpRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("claimDue") && claims.incrementAndGet() == 2) {
                        secondClaim.countDown();
                    }
                    if (method.getName().equals("updateEach")) {
                        writers.add(Thread.currentThread().getName());
                        if (writes.incrementAndGet() == 1) {
                            overlapped.set(secondClaim.await(10, TimeUnit.SECONDS));
                        }
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RapportStorage storage = new DelegatingStorage(fx.storage) {
            @Override
            public FollowUpRepository followUps() {
                return watched;
            }
        };
        IdempotentSink sink = new IdempotentSink(fx.clock);
        FollowUpDispatcher dispatcher = FollowUpDispatcher.builder(storage, sink).clock(fx.clock)
                .eventPublisher(fx.events).sendWindow(SendWindow.anyTime()).jitter(0).owner("piped").batchSize(100)
                .pollInterval(Duration.ofMillis(10)).build();

        // when
        dispatcher.start();
        await(() -> statusCounts().equals(Map.of(FollowUpStatus.SENT, 250L)));
        dispatcher.close();

        // then the second round was claimed while the first was being stored, on the companion thread, and every
        // follow-up went out once
        assertThat(overlapped).isTrue();
        assertThat(writers).containsExactly("rapport-followup-piped-store-1");
        assertThat(due).allSatisfy(f -> assertThat(sink.deliveries(f.id().toString())).isEqualTo(1));
        assertThat(sink.calls).hasSize(250);
        assertThat(fx.events.ofType(FollowUpSent.class)).hasSize(250);
    }

    @Test
    @DisplayName("a background thread sends nothing of a round before the last round's outcomes are stored, so a crash"
            + " can repeat at most one batch per thread")
    void crashBoundIsOneBatchPerThread() throws Exception {
        // given 300 due follow-ups, two threads with rounds of 25, and a store that writes slowly, so that sends
        // racing ahead of it would show
        List<FollowUp> due = dueFollowUps(300);
        int batchSize = 25;
        int threads = 2;
        FollowUpRepository inner = fx.storage.followUps();
        FollowUpRepository slow = (FollowUpRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateEach")) {
                        Thread.sleep(20);
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RapportStorage storage = new DelegatingStorage(fx.storage) {
            @Override
            public FollowUpRepository followUps() {
                return slow;
            }
        };
        // a follow-up counts as stored once its FollowUpSent event is published, which is after its round committed
        AtomicInteger storedSent = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger mostUnstored = new AtomicInteger();
        IdempotentSink counting = new IdempotentSink(fx.clock) {
            @Override
            void beforeDelivery(OutboundMessage message) {
                int unstored = sends.incrementAndGet() - storedSent.get();
                mostUnstored.accumulateAndGet(unstored, Math::max);
            }
        };
        FollowUpDispatcher dispatcher = FollowUpDispatcher.builder(storage, counting).clock(fx.clock)
                .eventPublisher(event -> {
                    if (event instanceof FollowUpSent) {
                        storedSent.incrementAndGet();
                    }
                }).sendWindow(SendWindow.anyTime()).jitter(0).owner("bounded").batchSize(batchSize)
                .threads(threads).pollInterval(Duration.ofMillis(10)).build();

        // when
        dispatcher.start();
        await(() -> storedSent.get() == 300);
        dispatcher.close();

        // then at no moment were more follow-ups sent and not stored than one batch per thread: what a kill -9
        // could leave to be sent again under the same keys
        assertThat(mostUnstored.get()).isLessThanOrEqualTo(batchSize * threads);
        assertThat(statusCounts()).containsExactly(Map.entry(FollowUpStatus.SENT, 300L));
        assertThat(due).allSatisfy(f -> assertThat(counting.deliveries(f.id().toString())).isEqualTo(1));
    }

    @Test
    @DisplayName("one background thread never holds more than one batch sent and not stored")
    void crashBoundOnOneThread() throws Exception {
        // given 200 due follow-ups, one thread with rounds of 20, and a slow store
        dueFollowUps(200);
        FollowUpRepository inner = fx.storage.followUps();
        FollowUpRepository slow = (FollowUpRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {FollowUpRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateEach")) {
                        Thread.sleep(20);
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RapportStorage storage = new DelegatingStorage(fx.storage) {
            @Override
            public FollowUpRepository followUps() {
                return slow;
            }
        };
        AtomicInteger storedSent = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        AtomicInteger mostUnstored = new AtomicInteger();
        IdempotentSink counting = new IdempotentSink(fx.clock) {
            @Override
            void beforeDelivery(OutboundMessage message) {
                mostUnstored.accumulateAndGet(sends.incrementAndGet() - storedSent.get(), Math::max);
            }
        };
        FollowUpDispatcher dispatcher = FollowUpDispatcher.builder(storage, counting).clock(fx.clock)
                .eventPublisher(event -> {
                    if (event instanceof FollowUpSent) {
                        storedSent.incrementAndGet();
                    }
                }).sendWindow(SendWindow.anyTime()).jitter(0).owner("single").batchSize(20)
                .pollInterval(Duration.ofMillis(10)).build();

        // when
        dispatcher.start();
        await(() -> storedSent.get() == 200);
        dispatcher.close();

        // then
        assertThat(mostUnstored.get()).isEqualTo(20);
        assertThat(statusCounts()).containsExactly(Map.entry(FollowUpStatus.SENT, 200L));
    }

    @Test
    @DisplayName("closing the background dispatcher mid-batch finishes the message in flight and hands the rest back")
    void gracefulClose() throws Exception {
        // given a batch of 20 and a messenger that blocks on the third message until released
        List<FollowUp> due = dueFollowUps(20);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger callCount = new AtomicInteger();
        IdempotentSink blocking = new IdempotentSink(fx.clock) {
            @Override
            void beforeDelivery(OutboundMessage message) {
                if (callCount.incrementAndGet() == 3) {
                    inFlight.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        FollowUpDispatcher dispatcher = fx.dispatcher(blocking).batchSize(20).pollInterval(Duration.ofMillis(10))
                .build().start();
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();

        // when close begins while the third message is being sent, and the messenger then returns
        Future<?> closing = pool.submit(dispatcher::close);
        await(() -> !dispatcher.isRunning());
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        // then three were sent, the other seventeen are scheduled again, unclaimed and unattempted
        Map<FollowUpStatus, Long> counts = statusCounts();
        assertThat(counts).containsOnly(Map.entry(FollowUpStatus.SENT, 3L), Map.entry(FollowUpStatus.SCHEDULED, 17L));
        assertThat(all()).filteredOn(f -> f.status() == FollowUpStatus.SCHEDULED).allSatisfy(f -> {
            assertThat(f.leaseOwner()).isEmpty();
            assertThat(f.leaseUntil()).isEmpty();
            assertThat(f.attempts()).isZero();
        });

        // and another dispatcher can send them at once, without waiting for a lease
        IdempotentSink next = new IdempotentSink(fx.clock);
        DispatchSummary summary = fx.dispatcher(next).owner("next").build().dispatchDue();
        assertThat(summary.sent()).isEqualTo(17);
        assertThat(due).allSatisfy(f -> assertThat(blocking.deliveries(f.id().toString())
                + next.deliveries(f.id().toString())).isEqualTo(1));
    }
}
