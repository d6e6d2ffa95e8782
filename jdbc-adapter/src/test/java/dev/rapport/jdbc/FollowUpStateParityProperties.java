package dev.rapport.jdbc;

import static dev.rapport.jdbc.ParityActions.customer;
import static dev.rapport.jdbc.ParityActions.followUp;
import static dev.rapport.jdbc.ParityActions.step;

import dev.rapport.customer.SetConsent;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.followup.FollowUpKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Follow-up states on both adapters: the same random chains of scheduling (with and without expiry, on channels
 * with and without an address, repeated idempotency keys), cancelling, consent changes, dispatch rounds with a
 * messenger that fails chosen sends of chosen follow-ups (retryable, permanent, foreign), and clock moves past
 * backoffs and expiries give the same outcomes, follow-ups and messages on both. The dispatcher runs without jitter
 * (its jitter takes no seed), so retry times are deterministic.
 */
@Label("Follow-up state parity between the in-memory and the JDBC adapter")
class FollowUpStateParityProperties extends ParityChainProperties {

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @Label("random follow-up command chains leave H2 and the in-memory store in the same state after every step")
    void onH2(@ForAll("chainsOnH2") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Property(tries = 3, shrinking = ShrinkingMode.BOUNDED)
    @Label("random follow-up command chains leave PostgreSQL and the in-memory store in the same state after every step")
    void onPostgres(@ForAll("chainsOnPostgres") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Override
    ActionChainArbitrary<ParityWorld> withActions(ActionChainArbitrary<ParityWorld> chain) {
        return chain
                .withAction(2, ParityActions.registerCustomer())
                .withAction(5, schedule())
                .withAction(2, cancel())
                .withAction(1, consent())
                .withAction(4, dispatch())
                .withAction(2, failSends())
                // the Rapports' clock stays behind the database's, so that every follow-up is due for both stores
                .withAction(2, ParityActions.advanceClock(Duration.ofDays(3)));
    }

    static Action.Independent<ParityWorld> schedule() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.of(FollowUpKind.THANK_YOU, FollowUpKind.SURVEY, FollowUpKind.CALL_BACK),
                        Arbitraries.of(Duration.ofHours(-1), Duration.ZERO, Duration.ofHours(2), Duration.ofDays(2)),
                        Arbitraries.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(10)).injectNull(0.4),
                        Arbitraries.of(Channel.EMAIL, Channel.SMS).injectNull(0.3),
                        Arbitraries.of("order-1", "order-2").injectNull(0.5))
                .as((c, kind, due, expiresAfter, channel, key) -> step("schedule " + kind.code() + " for customer "
                        + c + " due " + due + " expiring " + expiresAfter + " after on " + channel + " key " + key,
                        (rapport, ids) -> {
                            var dueAt = rapport.clock().instant().plus(due);
                            return rapport.followUps().schedule(ScheduleFollowUp.builder()
                                    .customerId(customer(ids, c)).kind(kind).dueAt(dueAt).channel(channel)
                                    .expiresAt(expiresAfter == null ? null : dueAt.plus(expiresAfter))
                                    .values(Map.of("voucher", "SAVE-10 'now'")).idempotencyKey(key).build());
                        }));
    }

    static Action.Independent<ParityWorld> cancel() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 5),
                        Arbitraries.of("customer asked", "duplicate; DROP TABLE x", " "))
                .as((n, reason) -> step("cancel follow-up " + n + " because '" + reason + "'",
                        (rapport, ids) -> rapport.followUps().cancel(followUp(ids, n), reason)));
    }

    static Action.Independent<ParityWorld> consent() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(ConsentStatus.class))
                .as((c, consent) -> step("consent of customer " + c + " on email " + consent,
                        (rapport, ids) -> rapport.customers().setConsent(
                                new SetConsent(customer(ids, c), Channel.EMAIL, consent))));
    }

    /**
     * Makes the next one to three sends of one follow-up fail: by follow-up, not by call order, because a dispatch
     * round sends follow-ups due at the same instant (retried in one round, say) in the order of their ids, which
     * differ between the stores.
     */
    static Action.Independent<ParityWorld> failSends() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 5),
                        Arbitraries.of(ScriptedMessenger.Failure.class).list().ofMinSize(1).ofMaxSize(3))
                .as((n, failures) -> Transformer.mutate("fail next sends of follow-up " + n + " " + failures,
                        world -> world.failSendsOfFollowUp(n, new ArrayList<>(failures))));
    }

    static Action.Independent<ParityWorld> dispatch() {
        return () -> Arbitraries.just(step("dispatch due follow-ups",
                (rapport, ids) -> rapport.followUpDispatcher().dispatchDue()));
    }
}
