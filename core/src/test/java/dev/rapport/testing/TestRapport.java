package dev.rapport.testing;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.test.FaultInjectingStorage;
import dev.rapport.test.SettableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Rapport over an empty store with a hand-moved clock and a recording event publisher, plus test-data builders for
 * the aggregates tests need as given state. The store is the in-memory adapter unless the system property
 * {@value TestStores#PROPERTY} names another ({@link TestStores}: jdbc-adapter runs the command properties on H2 and
 * PostgreSQL that way; such a store shows no outbox, so events are published directly after each commit, as on the
 * in-memory store, and {@link #events()} holds them as soon as a command returns). Not thread-safe; one per test.
 */
public final class TestRapport {

    /** Where the clock starts: nanoseconds included, so that truncation to microseconds shows. */
    public static final Instant START = Instant.parse("2025-03-10T09:15:30.123456789Z");

    /** {@link #START} as Rapport stamps it. */
    public static final Instant START_MICROS = START.truncatedTo(ChronoUnit.MICROS);

    private final SettableClock clock = new SettableClock(START);
    private final FaultInjectingStorage<RapportStorage> storage = FaultInjectingStorage.wrap(TestStores.fresh(clock));
    private final RecordingEventPublisher events = new RecordingEventPublisher(storage::inTransaction);
    private final Rapport rapport;
    private final AtomicInteger sequence = new AtomicInteger();

    /** A Rapport over an empty store of the chosen kind, with the default configuration. */
    public TestRapport() {
        this(builder -> builder);
    }

    /**
     * A Rapport over an empty store of the chosen kind, configured further by the given function (storage, clock and
     * publisher are set).
     */
    public TestRapport(java.util.function.UnaryOperator<Rapport.Builder> configure) {
        rapport = configure.apply(Rapport.builder().storage(storage).eventPublisher(events).clock(clock)).build();
    }

    /** The Rapport under test. */
    public Rapport rapport() {
        return rapport;
    }

    /** The clock; tests move it. */
    public SettableClock clock() {
        return clock;
    }

    /** The store, with fault injection: the chosen adapter behind rapport-test's fault-injecting wrapper. */
    public FaultInjectingStorage<RapportStorage> storage() {
        return storage;
    }

    /** What was published. */
    public RecordingEventPublisher events() {
        return events;
    }

    /** Everything the store holds now. */
    public StoreSnapshot snapshot() {
        return StoreSnapshot.of(storage.delegate());
    }

    /** Registers a customer with the given identities; the event is forgotten. */
    public Customer customer(String name, ContactIdentity... identities) {
        Customer customer = rapport.customers().register(RegisterCustomer.builder()
                .name(name).identities(Arrays.asList(identities)).build());
        events.clear();
        return customer;
    }

    /** Registers a customer with a unique email address; the event is forgotten. */
    public Customer customer() {
        int n = sequence.incrementAndGet();
        return customer("Customer " + n, ContactIdentity.primary(Channel.EMAIL, "customer" + n + "@example.com"));
    }

    /** Stores an available agent in the given team (null for none), straight through the port. */
    public Agent agent(TeamId team) {
        int n = sequence.incrementAndGet();
        return storage.agents().insert(Agent.builder()
                .id(AgentId.random())
                .name("Agent " + n)
                .team(team)
                .presence(Presence.AVAILABLE)
                .capacity(Map.of(Channel.EMAIL, 10))
                // stored instants are whole microseconds (the value domain), as Rapport stamps them
                .createdAt(clock.instant().truncatedTo(ChronoUnit.MICROS))
                .updatedAt(clock.instant().truncatedTo(ChronoUnit.MICROS))
                .build());
    }

    /** Opens an email case for the customer; the event is forgotten. */
    public Case openCase(CustomerId customerId) {
        Case opened = rapport.cases().open(OpenCase.builder()
                .customerId(customerId).subject("Parcel not delivered").originChannel(Channel.EMAIL).build());
        events.clear();
        return opened;
    }
}
