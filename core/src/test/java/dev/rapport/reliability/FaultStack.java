package dev.rapport.reliability;

import dev.rapport.privacy.LegalHold;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.Rapport;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.SendWindow;
import dev.rapport.privacy.PrivacyService;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.FaultInjectingStorage;
import dev.rapport.test.FaultInjectingStorage.Timing;
import dev.rapport.test.SettableClock;
import dev.rapport.testing.StoreSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything a reliability scenario runs on: the in-memory adapter behind a {@link FaultInjectingStorage} that fails
 * one numbered call ({@link #failing}), a hand-moved clock, a {@link CheckingPublisher} (behind a hook that can make
 * publishing fail or hang), an {@link IdempotentMessenger}, and the facade, the follow-up scheduler and
 * dispatcher and the privacy service wired to them; plus the results of the steps run so far, by step name.
 * Not thread-safe; one per run.
 */
final class FaultStack {

    /** Where the clock starts. */
    static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    /** The dispatcher's lease, which is also how long a host waits before retrying a failed dispatch. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** The ports whose calls, with the commits, the scenarios number. */
    private static final Set<String> COUNTED = Set.of("customers", "interactions", "cases", "feedback", "followUps",
            "agents", "complaints", "routing", FaultInjectingStorage.COMMIT);

    final SettableClock clock = new SettableClock(T0);
    final FaultInjectingStorage<InMemoryStorage> storage;
    final CheckingPublisher events;
    final IdempotentMessenger messenger;
    final Rapport rapport;
    final FollowUpScheduler scheduler;
    final FollowUpDispatcher dispatcher;
    final PrivacyService privacy;
    final Agent agent;
    final Map<String, Object> results = new HashMap<>();
    /** Runs before each event reaches {@link #events}; a test makes the publisher fail or hang here. */
    volatile Consumer<DomainEvent> beforePublish = event -> { };

    /**
     * A stack whose store fails at one call.
     *
     * @param failAt the call that fails, from 1; 0 for none
     * @param mode whether the fault strikes before or after the call reached the store
     */
    FaultStack(int failAt, Timing mode) {
        this(failAt, mode, IdempotentMessenger::new);
    }

    /** A stack with the messenger the factory makes over the stack's clock. */
    FaultStack(int failAt, Timing mode, Function<Clock, IdempotentMessenger> messengers) {
        InMemoryStorage memory = new InMemoryStorage(clock);
        storage = failing(memory, failAt, mode);
        events = new CheckingPublisher(memory, storage::inTransaction);
        messenger = messengers.apply(clock);
        EventPublisher publisher = event -> {
            beforePublish.accept(event);
            events.publish(event);
        };
        rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(publisher).messenger(messenger)
                .build();
        scheduler = FollowUpScheduler.builder(storage).clock(clock).eventPublisher(publisher)
                .sendWindow(SendWindow.anyTime()).validator(rapport.validator()).build();
        dispatcher = FollowUpDispatcher.builder(storage, messenger).clock(clock).eventPublisher(publisher)
                .sendWindow(SendWindow.anyTime()).jitter(0).lease(LEASE).owner("node-1").build();
        privacy = new PrivacyService(EngineRuntime.direct(rapport.storage(), rapport.clock(), rapport.validator(),
                rapport.eventPublisher()), LegalHold.NONE);
        agent = memory.agents().insert(Agent.builder().id(AgentId.random()).name("Dana Agent")
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 10)).createdAt(T0).updatedAt(T0)
                .build());
    }

    /**
     * The in-memory adapter with one fault planted: the N-th call to the store fails with a {@code StorageException}
     * whose message starts {@code "injected fault at call N"}. Calls are counted over the eight repositories the
     * scenarios were numbered over (customers, interactions, cases, feedback, follow-ups, agents, complaints,
     * routing) and the commit of each outermost transaction; the other ports pass straight through, uncounted. A
     * fault {@link Timing#BEFORE before} the call means the store never saw it (a connection refused); a fault
     * {@link Timing#AFTER after} it means the store did the work and then the answer was lost, so inside a
     * transaction the work is rolled back with it and outside one it stays done. A commit fault rolls the whole
     * transaction back, as a failed commit does.
     *
     * @param memory the real adapter
     * @param failAt the number of the call that fails, from 1; 0 for none
     * @param timing when the fault strikes
     */
    static FaultInjectingStorage<InMemoryStorage> failing(InMemoryStorage memory, int failAt, Timing timing) {
        FaultInjectingStorage<InMemoryStorage> storage = FaultInjectingStorage.wrap(memory, COUNTED);
        if (failAt > 0) {
            storage.failCall(failAt, timing);
        }
        return storage;
    }

    /** Everything the store holds, read past the fault injection. */
    StoreSnapshot snapshot() {
        return StoreSnapshot.of(storage.delegate());
    }

    /** The result of an earlier step. */
    @SuppressWarnings("unchecked")
    <T> T result(String step) {
        Object result = results.get(step);
        if (result == null) {
            throw new IllegalStateException("step " + step + " has no result");
        }
        return (T) result;
    }
}
