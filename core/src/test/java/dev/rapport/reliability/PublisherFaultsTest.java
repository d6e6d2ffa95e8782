package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.test.FaultInjectingStorage.Timing;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The host's event publisher failing or hanging. Events are handed over after commit, so a publisher's trouble
 * never undoes or blocks committed work; the in-memory setup tries each event three times on the calling thread
 * and then drops it with a warning naming its id and type (durable delivery across crashes is the JDBC adapter's
 * transactional outbox, see {@code docs/reliability.md}). Work that rolled back publishes nothing.
 */
@DisplayName("A failing or hanging event publisher")
class PublisherFaultsTest {

    private static final Ledger LEDGER = new Ledger("publisher-faults");
    /** How often the unit of work offers one event; {@code UnitOfWork.PUBLISH_ATTEMPTS}. */
    private static final int ATTEMPTS = 3;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @AfterAll
    static void writeCounts() {
        LEDGER.write();
    }

    private int attempt(DomainEvent event) {
        return attempts.computeIfAbsent(event.eventId(), k -> new AtomicInteger()).incrementAndGet();
    }

    /** A customer with an interaction, a case and feedback: four operations, four events. */
    private static Customer someWork(FaultStack s, String name) {
        Customer customer = s.rapport.customers().register(RegisterCustomer.builder().name(name)
                .identity(ContactIdentity.primary(Channel.EMAIL, name.toLowerCase().replace(' ', '.') + "@example.com"))
                .build());
        s.rapport.interactions().record(RecordInteraction.builder().customerId(customer.id()).channel(Channel.CHAT)
                .summary("hello").build());
        Case supportCase = s.rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Question")
                .originChannel(Channel.CHAT).build());
        s.rapport.feedback().record(RecordFeedback.builder().customerId(customer.id()).caseId(supportCase.id())
                .metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(5).build());
        return customer;
    }

    @Test
    @DisplayName("a publisher that fails twice per event gets every event once, after commit, in order")
    void failsTwice() {
        // given
        FaultStack s = new FaultStack(0, Timing.BEFORE);
        s.beforePublish = event -> {
            if (attempt(event) <= 2) {
                throw new IllegalStateException("broker unavailable");
            }
        };

        // when
        someWork(s, "Ann Lee");

        // then
        assertThat(s.events.events()).extracting(DomainEvent::type)
                .containsExactly("customer.registered", "interaction.recorded", "case.opened", "feedback.received");
        assertThat(attempts.values()).hasSize(4).allSatisfy(n -> assertThat(n.get()).isEqualTo(ATTEMPTS));
        assertThat(s.events.orphans()).isEmpty();
        LEDGER.add("operations", 4);
        LEDGER.add("faults injected", 8);
        LEDGER.add("items lost", 4 - s.events.events().size());
        LEDGER.add("duplicates", s.events.events().size() - s.events.events().stream().map(DomainEvent::eventId)
                .distinct().count());
    }

    @Test
    @DisplayName("a publisher that keeps failing never undoes the work; each event is offered three times, then dropped")
    void keepsFailing() {
        // given
        FaultStack s = new FaultStack(0, Timing.BEFORE);
        s.beforePublish = event -> {
            attempt(event);
            throw new IllegalStateException("broker down");
        };

        // when
        Customer ann = someWork(s, "Ann Lee");

        // then the operations returned normally and their work is committed
        assertThat(s.snapshot().customers()).extracting(Customer::id).containsExactly(ann.id());
        assertThat(s.snapshot().interactions()).hasSize(1);
        assertThat(s.snapshot().cases()).hasSize(1);
        assertThat(s.snapshot().feedback()).hasSize(1);
        assertThat(attempts.values()).hasSize(4).allSatisfy(n -> assertThat(n.get()).isEqualTo(ATTEMPTS));
        assertThat(s.events.events()).isEmpty();
        LEDGER.add("operations", 4);
        LEDGER.add("faults injected", 12);
        LEDGER.add("events dropped after three attempts (in-memory, no outbox)", 4);
    }

    @Test
    @DisplayName("a publisher that hangs holds up only its caller: the work is committed, visible, and others go on")
    void hangs() throws Exception {
        // given a publisher that hangs on the first event only
        FaultStack s = new FaultStack(0, Timing.BEFORE);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger published = new AtomicInteger();
        s.beforePublish = event -> {
            if (published.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Future<Customer> ann = pool.submit(() -> s.rapport.customers().register(RegisterCustomer.builder()
                .name("Ann Lee").identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build()));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // when another thread works while the first publish hangs
        Customer bob = someWork(s, "Bob Stone");

        // then Ann's registration is committed already, and Bob's work went through
        assertThat(ann.isDone()).isFalse();
        assertThat(s.snapshot().customers()).extracting(Customer::name).containsExactlyInAnyOrder("Ann Lee",
                "Bob Stone");
        assertThat(s.events.events()).hasSize(4);
        release.countDown();
        assertThat(ann.get(30, TimeUnit.SECONDS).name()).isEqualTo("Ann Lee");
        assertThat(s.events.events()).hasSize(5);
        assertThat(s.events.orphans()).isEmpty();
        assertThat(bob.name()).isEqualTo("Bob Stone");
        LEDGER.add("operations", 5);
        LEDGER.add("faults injected", 1);
        LEDGER.add("items lost", 5 - s.events.events().size());
    }

    @Test
    @DisplayName("work that rolls back publishes nothing, and its retry publishes once")
    void rolledBack() {
        // given a store whose third call, the commit of the registration, fails
        FaultStack s = new FaultStack(3, Timing.BEFORE);
        s.beforePublish = this::attempt;
        RegisterCustomer ann = RegisterCustomer.builder().name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build();

        // when
        assertThatThrownBy(() -> s.rapport.customers().register(ann)).isInstanceOf(StorageException.class);

        // then
        assertThat(s.storage.failedCall()).isEqualTo("commit");
        assertThat(attempts).isEmpty();
        assertThat(s.snapshot().customers()).isEmpty();
        s.rapport.customers().register(ann);
        assertThat(s.events.events()).singleElement().extracting(DomainEvent::type).isEqualTo("customer.registered");
        LEDGER.add("operations", 2);
        LEDGER.add("faults injected", 1);
        LEDGER.add("events for rolled-back work", attempts.size() - 1);
    }
}
