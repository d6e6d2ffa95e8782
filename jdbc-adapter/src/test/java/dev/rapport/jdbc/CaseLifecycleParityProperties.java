package dev.rapport.jdbc;

import static dev.rapport.jdbc.ParityActions.agent;
import static dev.rapport.jdbc.ParityActions.customer;
import static dev.rapport.jdbc.ParityActions.step;
import static dev.rapport.jdbc.ParityActions.supportCase;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.MoveCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

/**
 * The case lifecycle on both adapters: the same random chains of opening, assigning, replying, customer messages,
 * every move (allowed or not), reads of unknown cases and clock moves give the same outcomes and the same stored
 * cases, interactions and customers after every step, on the in-memory reference and on JDBC.
 */
@Label("Case lifecycle parity between the in-memory and the JDBC adapter")
class CaseLifecycleParityProperties extends ParityChainProperties {

    @Property(tries = 30, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @Label("random case command chains leave H2 and the in-memory store in the same state after every step")
    void onH2(@ForAll("chainsOnH2") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Property(tries = 3, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    @Label("random case command chains leave PostgreSQL and the in-memory store in the same state after every step")
    void onPostgres(@ForAll("chainsOnPostgres") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Override
    ActionChainArbitrary<ParityWorld> withActions(ActionChainArbitrary<ParityWorld> chain) {
        return chain
                .withAction(2, ParityActions.registerCustomer())
                .withAction(2, open())
                .withAction(2, assign())
                .withAction(3, reply())
                .withAction(10, lifecycleMove())
                .withAction(1, ParityActions.advanceClock());
    }

    /** The lifecycle moves, by their own methods and by {@code move} to any state (or none). */
    enum Move { START_WORK, WAIT_ON_CUSTOMER, HOLD, RESOLVE, REOPEN, CLOSE, MOVE }

    static Action.Independent<ParityWorld> open() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(Priority.class),
                        Arbitraries.of(Channel.EMAIL, Channel.PHONE, Channel.CHAT, Channel.WHATSAPP),
                        Arbitraries.of(ParityActions.AWKWARD_TEXT), Arbitraries.of("billing", "delivery.late", "x-1"))
                .as((customer, priority, channel, subject, category) -> step(
                        "open case for customer " + customer + " " + priority + " on " + channel,
                        (rapport, ids) -> rapport.cases().open(OpenCase.builder()
                                .customerId(customer(ids, customer)).subject(subject).category(category)
                                .priority(priority).originChannel(channel).language(Locale.GERMAN).build())));
    }

    static Action.Independent<ParityWorld> assign() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 2))
                .as((c, a) -> step("assign case " + c + " to agent " + a,
                        (rapport, ids) -> rapport.cases().assign(new AssignCase(supportCase(ids, c), agent(a)))));
    }

    /** An agent's public reply, a bot's reply, an internal note, or the customer writing in, on a case. */
    static Action.Independent<ParityWorld> reply() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(ParityActions.AWKWARD_TEXT))
                .as((c, kind, text) -> step("interaction " + kind + " on case " + c, (rapport, ids) -> {
                    CaseId caseId = supportCase(ids, c);
                    CustomerId customerId;
                    try {
                        customerId = rapport.cases().get(caseId).customerId();
                    } catch (CaseNotFoundException e) {
                        customerId = customer(ids, 0);
                    }
                    RecordInteraction.Builder b = RecordInteraction.builder().customerId(customerId)
                            .channel(Channel.EMAIL).caseId(caseId).summary(text).kind(InteractionKind.MESSAGE);
                    switch (kind) {
                        case 0 -> b.direction(Direction.OUTBOUND).handledBy(Handler.HUMAN)
                                .visibility(Visibility.PUBLIC).agentId(agent(c % 2));
                        case 1 -> b.direction(Direction.OUTBOUND).handledBy(Handler.BOT).visibility(Visibility.PUBLIC);
                        case 2 -> b.direction(Direction.OUTBOUND).handledBy(Handler.HUMAN)
                                .visibility(Visibility.INTERNAL).agentId(agent(0));
                        default -> b.direction(Direction.INBOUND).handledBy(Handler.HUMAN)
                                .visibility(Visibility.PUBLIC);
                    }
                    return rapport.interactions().record(b.build());
                }));
    }

    static Action.Independent<ParityWorld> lifecycleMove() {
        Arbitrary<CaseStatus> targets = Arbitraries.of(CaseStatus.class).injectNull(0.1);
        return () -> Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(Move.class), targets)
                .as((c, move, to) -> {
                    // index 6 names a case no side has
                    String what = move + (move == Move.MOVE ? " to " + to : "") + " case " + c;
                    return step(what, (rapport, ids) -> {
                        CaseId id = c == 6 ? ParityActions.UNKNOWN_CASE : supportCase(ids, c);
                        return switch (move) {
                            case START_WORK -> rapport.cases().startWork(id);
                            case WAIT_ON_CUSTOMER -> rapport.cases().waitOnCustomer(id);
                            case HOLD -> rapport.cases().hold(id);
                            case RESOLVE -> rapport.cases().resolve(id);
                            case REOPEN -> rapport.cases().reopen(id);
                            case CLOSE -> rapport.cases().close(id);
                            case MOVE -> rapport.cases().move(new MoveCase(id, to));
                        };
                    });
                });
    }
}
