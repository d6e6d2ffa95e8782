package dev.rapport.jdbc;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.Transformer;

/**
 * The steps every parity chain shares, and the ids commands use when the side has none of a kind yet: one unknown
 * id per kind, the same on both sides, so that a command on a missing aggregate fails the same way on both.
 */
final class ParityActions {

    static final CustomerId UNKNOWN_CUSTOMER = new CustomerId(UUID.fromString("00000000-0000-4000-8000-0000000000c1"));
    static final CaseId UNKNOWN_CASE = new CaseId(UUID.fromString("00000000-0000-4000-8000-0000000000c2"));
    static final ComplaintId UNKNOWN_COMPLAINT =
            new ComplaintId(UUID.fromString("00000000-0000-4000-8000-0000000000c3"));
    static final FollowUpId UNKNOWN_FOLLOW_UP = new FollowUpId(UUID.fromString("00000000-0000-4000-8000-0000000000c4"));
    static final AgentId UNKNOWN_AGENT = new AgentId(UUID.fromString("00000000-0000-4000-8000-0000000000c5"));

    /** Names and subjects that must come back exactly: quotes, SQL, Unicode, emoji, right-to-left text. */
    static final List<String> AWKWARD_TEXT = List.of("Parcel not delivered", "O'Brien; DROP TABLE cases;--",
            "Zoë 🌷 \"quoted\"", "שלום עולם \u200f", "名前 テスト", "100% _match_ \\ backslash");

    private ParityActions() {
    }

    /** A transformer that runs one step on both sides. */
    static Transformer<ParityWorld> step(String description, ParityWorld.Command command) {
        return Transformer.mutate(description, world -> world.step(description, command));
    }

    /** Moves the shared clock on by minutes to weeks, without a step. */
    static Action.Independent<ParityWorld> advanceClock() {
        return advanceClock(Duration.ofDays(40));
    }

    /** Moves the shared clock on by minutes, hours or days up to {@code longest}, without a step. */
    static Action.Independent<ParityWorld> advanceClock(Duration longest) {
        return () -> Arbitraries.of(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(20),
                        Duration.ofDays(3), Duration.ofDays(40)).filter(d -> d.compareTo(longest) <= 0)
                .map(d -> Transformer.mutate("advance " + d, world -> world.clock().advance(d)));
    }

    /** Registers a customer with an email address, sometimes the address of one registered before. */
    static Action.Independent<ParityWorld> registerCustomer() {
        return () -> Arbitraries.integers().between(0, 7).flatMap(n -> Arbitraries.of(AWKWARD_TEXT).map(name ->
                step("register customer " + n + " '" + name + "'", (rapport, ids) -> rapport.customers()
                        .register(RegisterCustomer.builder().name(name)
                                .identity(ContactIdentity.primary(Channel.EMAIL, "customer" + n + "@example.com"))
                                .build()))));
    }

    /** Makes the next one to three message sends fail on both sides. */
    static Action.Independent<ParityWorld> failNextSends() {
        return () -> Arbitraries.of(ScriptedMessenger.Failure.class).list().ofMinSize(1).ofMaxSize(3)
                .map(failures -> Transformer.mutate("fail next sends " + failures,
                        world -> world.failNextSends(new ArrayList<>(failures))));
    }

    static CustomerId customer(ParityWorld.Entities ids, int index) {
        return ids.<CustomerId>pick("customers", index).orElse(UNKNOWN_CUSTOMER);
    }

    static CaseId supportCase(ParityWorld.Entities ids, int index) {
        return ids.<CaseId>pick("cases", index).orElse(UNKNOWN_CASE);
    }

    static ComplaintId complaint(ParityWorld.Entities ids, int index) {
        return ids.<ComplaintId>pick("complaints", index).orElse(UNKNOWN_COMPLAINT);
    }

    static FollowUpId followUp(ParityWorld.Entities ids, int index) {
        return ids.<FollowUpId>pick("followUps", index).orElse(UNKNOWN_FOLLOW_UP);
    }

    /** One of the agents both stores hold, or an agent neither has. */
    static AgentId agent(int index) {
        return index < ParityWorld.AGENTS.size() ? ParityWorld.AGENTS.get(index) : UNKNOWN_AGENT;
    }
}
