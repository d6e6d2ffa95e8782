package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.SetConsent;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.Occasion;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.followup.Trigger;
import dev.rapport.outbox.InMemoryEventOutbox;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaRule;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.tck.DelegatingStorage;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Rapport's lifecycle")
class LifecycleTest {

    private static final Duration FAST = Duration.ofMillis(5);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryStorage memory = new InMemoryStorage(clock);
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(clock);
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    private final List<Rapport> opened = new ArrayList<>();

    /** The in-memory store with a transactional outbox beside it, as the JDBC adapter has. */
    private final RapportStorage withOutbox = new DelegatingStorage(memory) {
        @Override
        public Optional<EventOutbox> outbox() {
            return Optional.of(outbox);
        }
    };

    @AfterEach
    void closeAll() {
        opened.forEach(Rapport::close);
    }

    private Rapport.Builder builder(RapportStorage storage) {
        return Rapport.builder().storage(storage).clock(clock).eventPublisher(published::add)
                .messenger(message -> {
                    sent.add(message);
                    return DeliveryReceipt.accepted(clock.instant());
                })
                .sendWindow(SendWindow.anyTime());
    }

    /** A configuration that needs every worker: an outbox, a date rule, SLA targets, routing and an automation. */
    private Rapport.Builder needingEveryWorker(RapportStorage storage) {
        return builder(storage)
                .automations(dev.rapport.automation.AutomationRule.builder("signal resolved cases")
                        .statuses(dev.rapport.spi.cases.CaseStatus.RESOLVED)
                        .then(new dev.rapport.automation.Action.RaiseEvent("resolved")).build())
                .followUpRules(List.of(FollowUpRule.birthdayGreeting(LocalTime.of(9, 0))))
                .slaPolicy(SlaPolicy.builder().rule(SlaRule.builder()
                        .target(SlaTarget.FIRST_REPLY, SlaTargetSpec.calendarTime(Duration.ofHours(1))).build())
                        .build())
                .routing(RoutingPolicy.defaults());
    }

    private Rapport keep(Rapport rapport) {
        opened.add(rapport);
        return rapport;
    }

    private Customer register(Rapport rapport, String name) {
        Customer customer = rapport.customers().register(RegisterCustomer.builder().name(name)
                .identity(ContactIdentity.primary(Channel.EMAIL, name.toLowerCase() + "@example.com")).build());
        rapport.customers().setConsent(new SetConsent(customer.id(), Channel.EMAIL, ConsentStatus.OPTED_IN));
        return customer;
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

    private static Set<Thread> rapportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rapport-")).collect(Collectors.toSet());
    }

    /** A case repository whose walks by status (the SLA sweep's reads) run {@code before} first. */
    private RapportStorage watchingSweeps(RapportStorage storage, Runnable before) {
        CaseRepository inner = storage.cases();
        CaseRepository watched = (CaseRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CaseRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listByStatusAfter")) {
                        before.run();
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DelegatingStorage(storage) {
            @Override
            public CaseRepository cases() {
                return watched;
            }
        };
    }

    @Nested
    @DisplayName("start()")
    class Start {

        @Test
        @DisplayName("build() starts no worker: events wait in the outbox until start()")
        void buildStartsNothing() throws Exception {
            // given a Rapport that was built
            Rapport rapport = keep(builder(withOutbox).build());

            // when
            register(rapport, "Ann");

            // then nothing ran on its own
            assertThat(rapport.runningWorkers()).isEmpty();
            assertThat(outbox.pendingCount()).isEqualTo(2);
            assertThat(published).isEmpty();

            // and when it is started, the relay publishes what waited
            assertThat(rapport.start()).isSameAs(rapport);
            await(() -> published.size() == 2 && outbox.pendingCount() == 0); // marked delivered after publishing
        }

        @Test
        @DisplayName("starts the workers the configuration needs: by default the relay, dispatcher and complaint sweep")
        void startsWhatTheConfigurationNeeds() {
            // given
            Rapport plain = keep(builder(withOutbox).build());
            Rapport full = keep(needingEveryWorker(withOutbox).build());
            Rapport noOutbox = keep(builder(memory).build());

            // when
            plain.start();
            full.start();
            noOutbox.start();

            // then
            assertThat(plain.runningWorkers()).containsExactlyInAnyOrder(Worker.OUTBOX_RELAY,
                    Worker.FOLLOW_UP_DISPATCHER, Worker.COMPLAINT_SWEEP, Worker.HEALTH, Worker.HEALTH_RESCORE);
            assertThat(full.runningWorkers()).containsExactlyInAnyOrder(Worker.values());
            assertThat(noOutbox.runningWorkers()).containsExactlyInAnyOrder(Worker.FOLLOW_UP_DISPATCHER,
                    Worker.COMPLAINT_SWEEP, Worker.HEALTH, Worker.HEALTH_RESCORE);
        }

        @ParameterizedTest
        @EnumSource(Worker.class)
        @DisplayName("each worker can be switched off, and the others still start")
        void offSwitch(Worker worker) {
            // given
            Rapport rapport = keep(needingEveryWorker(withOutbox).disable(worker).build());

            // when
            rapport.start();

            // then
            Set<Worker> expected = EnumSet.allOf(Worker.class);
            expected.remove(worker);
            assertThat(rapport.runningWorkers()).isEqualTo(expected);
        }

        @Test
        @DisplayName("with the relay switched off, events stay in the outbox for the host's own relay")
        void relaySwitchedOff() {
            // given
            Rapport rapport = keep(builder(withOutbox).disable(Worker.OUTBOX_RELAY).build().start());

            // when
            register(rapport, "Ann");

            // then
            assertThat(outbox.pendingCount()).isEqualTo(2);
            while (rapport.outboxRelay().orElseThrow().relayOnce().delivered() > 0) {
                // the host's own relay rounds
            }
            assertThat(published).hasSize(2);
        }

        @Test
        @DisplayName("with the dispatcher running, a due follow-up goes out without the host calling anything")
        void dispatcherRunsOnItsOwn() throws Exception {
            // given
            Rapport rapport = keep(builder(memory).interval(Worker.FOLLOW_UP_DISPATCHER, FAST).build().start());
            Customer ann = register(rapport, "Ann");

            // when
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(clock.instant()).channel(Channel.EMAIL).build());

            // then
            await(() -> sent.size() == 1);
        }

        @Test
        @DisplayName("a second start() does nothing, and a closed Rapport cannot be started")
        void startTwiceAndAfterClose() {
            // given
            Rapport rapport = keep(builder(withOutbox).build());

            // when
            rapport.start();
            Set<Worker> first = rapport.runningWorkers();
            rapport.start();

            // then
            assertThat(rapport.runningWorkers()).isEqualTo(first);
            rapport.close();
            assertThat(rapport.runningWorkers()).isEmpty();
            assertThatThrownBy(rapport::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    @DisplayName("supervision")
    class Supervision {

        @Test
        @DisplayName("a worker whose round throws is tried again after a backoff and keeps running")
        void failingWorkerIsRestarted() throws Exception {
            // given an SLA sweep whose first three reads fail
            AtomicInteger reads = new AtomicInteger();
            RapportStorage failing = watchingSweeps(memory, () -> {
                if (reads.incrementAndGet() <= 3) {
                    throw new dev.rapport.spi.StorageException("the database is restarting", null);
                }
            });
            Rapport rapport = keep(needingEveryWorker(failing).interval(Worker.SLA_SWEEP, FAST)
                    .restartBackoff(Duration.ofMillis(1)).maxRestartBackoff(Duration.ofMillis(4)).build());

            // when
            rapport.start();

            // then it went on sweeping after the failures
            await(() -> reads.get() >= 8);
            assertThat(rapport.runningWorkers()).contains(Worker.SLA_SWEEP);
        }

        @Test
        @DisplayName("an interrupt of the workers' threads that close() did not cause stops none of them")
        void strayInterrupts() throws Exception {
            // given every worker running, the SLA sweep counting its rounds
            AtomicInteger sweeps = new AtomicInteger();
            RapportStorage counting = watchingSweeps(withOutbox, sweeps::incrementAndGet);
            Set<Thread> before = rapportThreads();
            Rapport rapport = keep(needingEveryWorker(counting).interval(Worker.SLA_SWEEP, FAST)
                    .interval(Worker.FOLLOW_UP_DISPATCHER, FAST).interval(Worker.OUTBOX_RELAY, FAST)
                    .interval(Worker.ROUTING, FAST).build().start());
            await(() -> sweeps.get() > 0);
            Set<Thread> ours = rapportThreads();
            ours.removeAll(before);

            // when each of its threads is interrupted, again and again
            for (int i = 0; i < 10; i++) {
                ours.forEach(Thread::interrupt);
                Thread.sleep(2);
            }

            // then events are still published, follow-ups still sent and sweeps still run
            published.clear();
            Customer ann = register(rapport, "Ann");
            await(() -> published.stream().anyMatch(CustomerRegistered.class::isInstance));
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(clock.instant()).channel(Channel.EMAIL).build());
            await(() -> sent.size() == 1);
            int swept = sweeps.get();
            await(() -> sweeps.get() > swept + 3);
            assertThat(rapport.runningWorkers()).containsExactlyInAnyOrder(Worker.values());
        }
    }

    @Nested
    @DisplayName("close()")
    class Close {

        @Test
        @DisplayName("publishes the events still queued in a final round")
        void flushesTheOutbox() throws Exception {
            // given a started Rapport whose relay waits an hour after its first round, which found nothing
            AtomicInteger claims = new AtomicInteger();
            EventOutbox counting = (EventOutbox) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {EventOutbox.class}, (proxy, method, args) -> {
                        if (method.getName().equals("claim")) {
                            claims.incrementAndGet();
                        }
                        try {
                            return method.invoke(outbox, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            RapportStorage countingClaims = new DelegatingStorage(memory) {
                @Override
                public Optional<EventOutbox> outbox() {
                    return Optional.of(counting);
                }
            };
            Rapport rapport = keep(builder(countingClaims).interval(Worker.OUTBOX_RELAY, Duration.ofHours(1))
                    .build().start());
            await(() -> claims.get() == 1);
            // and events queued without waking it, by a second Rapport on the same store that was never started
            Rapport quiet = keep(builder(withOutbox).build());
            register(quiet, "Bob");
            register(quiet, "Cleo");
            assertThat(outbox.pendingCount()).isEqualTo(4);

            // when
            rapport.close();

            // then
            assertThat(outbox.pendingCount()).isZero();
            assertThat(published).hasSize(4);
        }

        @Test
        @DisplayName("leaves in the outbox, durable, what it cannot publish")
        void keepsWhatItCannotPublish() throws Exception {
            // given a started Rapport, and events queued while the host's broker is down
            List<DomainEvent> taken = new CopyOnWriteArrayList<>();
            CountDownLatch down = new CountDownLatch(1);
            Rapport rapport = keep(Rapport.builder().storage(withOutbox).clock(clock)
                    .interval(Worker.OUTBOX_RELAY, Duration.ofHours(1))
                    .eventPublisher(event -> {
                        if (down.getCount() == 0) {
                            throw new IllegalStateException("the broker is down");
                        }
                        taken.add(event);
                    }).build().start());
            register(rapport, "Ann");
            await(() -> taken.size() == 2);
            down.countDown();
            register(keep(builder(withOutbox).build()), "Bob");

            // when
            rapport.close();

            // then
            assertThat(outbox.pendingCount()).isEqualTo(2);
            assertThat(taken).hasSize(2);
        }

        @Test
        @DisplayName("returns within its timeout when a round hangs, leaving the round to end on its own")
        void isBounded() throws Exception {
            // given an SLA sweep that hangs in its read
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RapportStorage hanging = watchingSweeps(memory, () -> {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Rapport rapport = needingEveryWorker(hanging).shutdownTimeout(Duration.ofMillis(50)).build().start();
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            // when
            rapport.close();

            // then close() came back while the round still hung (it was interrupted, not waited for)
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
        }

        @Test
        @DisplayName("is safe without start() and when called twice")
        void idempotent() {
            // given
            Rapport rapport = builder(withOutbox).build();
            register(rapport, "Ann");

            // when
            rapport.close();
            rapport.close();

            // then nothing was published: without start() there was no relay to flush
            assertThat(outbox.pendingCount()).isEqualTo(2);
            assertThat(rapport.runningWorkers()).isEmpty();
        }
    }

    @Nested
    @DisplayName("one path for events")
    class EventPath {

        /** A check-in once a thank-you went out: a rule on the dispatcher's own event. */
        private FollowUpRule checkInAfterThankYou() {
            return FollowUpRule.builder("check-in-after-thank-you", FollowUpKind.CHECK_IN,
                    Trigger.on(FollowUpSent.class, e -> memory.followUps().findById(e.followUpId())
                            .filter(f -> FollowUpKind.THANK_YOU.equals(f.kind()))
                            .map(f -> Occasion.forCustomer(f.customerId(), "after:" + f.id(), e.occurredAt()))))
                    .build();
        }

        private List<FollowUp> followUpsOfKind(FollowUpKind kind) {
            return memory.followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class),
                    dev.rapport.spi.PageRequest.first(100)).items().stream().filter(f -> kind.equals(f.kind())).toList();
        }

        @Test
        @DisplayName("the dispatcher's events reach the follow-up rules on the in-memory store, as through an outbox")
        void dispatcherEventsReachTheRules() {
            // given a rule on FollowUpSent, and a thank-you due
            Rapport rapport = keep(builder(memory).followUpRules(List.of(checkInAfterThankYou())).build());
            Customer ann = register(rapport, "Ann");
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(clock.instant()).channel(Channel.EMAIL).build());

            // when
            rapport.followUpDispatcher().dispatchDue();

            // then the host got the event and the rule fired on it
            assertThat(published).anyMatch(FollowUpSent.class::isInstance);
            assertThat(followUpsOfKind(FollowUpKind.CHECK_IN)).hasSize(1);
        }

        @Test
        @DisplayName("the same happens through the outbox once the relay has published")
        void throughTheOutbox() {
            // given
            Rapport rapport = keep(builder(withOutbox).followUpRules(List.of(checkInAfterThankYou())).build());
            Customer ann = register(rapport, "Ann");
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(clock.instant()).channel(Channel.EMAIL).build());

            // when
            rapport.followUpDispatcher().dispatchDue();
            assertThat(followUpsOfKind(FollowUpKind.CHECK_IN)).isEmpty();
            while (rapport.outboxRelay().orElseThrow().relayOnce().claimed() > 0) {
                // drain
            }

            // then
            assertThat(published).anyMatch(FollowUpSent.class::isInstance);
            assertThat(followUpsOfKind(FollowUpKind.CHECK_IN)).hasSize(1);
        }

        @Test
        @DisplayName("with useOutbox(false) every service publishes directly and the outbox stays empty")
        void useOutboxOff() {
            // given
            Rapport rapport = keep(builder(withOutbox).useOutbox(false).followUpRules(List.of(checkInAfterThankYou()))
                    .build());
            Customer ann = register(rapport, "Ann");
            rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel")
                    .originChannel(Channel.EMAIL).build());
            rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                    .dueAt(clock.instant()).channel(Channel.EMAIL).build());

            // when
            rapport.followUpDispatcher().dispatchDue();

            // then
            assertThat(outbox.pendingCount()).isZero();
            assertThat(rapport.outboxRelay()).isEmpty();
            assertThat(published).extracting(DomainEvent::type).contains("customer.registered", "case.opened",
                    "followup.scheduled", "followup.sent");
            assertThat(followUpsOfKind(FollowUpKind.CHECK_IN)).hasSize(1);
        }
    }
}
