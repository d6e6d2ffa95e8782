package dev.rapport.jdbc;

import static dev.rapport.jdbc.ParityActions.agent;
import static dev.rapport.jdbc.ParityActions.complaint;
import static dev.rapport.jdbc.ParityActions.customer;
import static dev.rapport.jdbc.ParityActions.step;
import static dev.rapport.jdbc.ParityActions.supportCase;

import dev.rapport.complaint.AddNote;
import dev.rapport.complaint.AssessComplaint;
import dev.rapport.complaint.AssignRootCauses;
import dev.rapport.complaint.ChangeStage;
import dev.rapport.complaint.EscalateComplaint;
import dev.rapport.complaint.LinkCase;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.complaint.ReceiveCompliment;
import dev.rapport.complaint.RecordCustomerReply;
import dev.rapport.complaint.RemedyOffer;
import dev.rapport.complaint.RespondToComplaint;
import dev.rapport.complaint.SendHoldingResponse;
import dev.rapport.spi.Channel;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.EscalationLevel;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.complaint.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

/**
 * The complaint stages on both adapters: the same random chains of receipts (with failing acknowledgements),
 * compliments, assessments, stage changes (allowed or not), holding responses, responses with remedies, customer
 * answers, escalations, root causes (which detect recurring issues), case links, notes, deadline sweeps and clock
 * moves give the same outcomes, complaints, audit trails, improvement items, cases and messages on both.
 */
@Label("Complaint stage parity between the in-memory and the JDBC adapter")
class ComplaintStageParityProperties extends ParityChainProperties {

    private static final String ACTOR = "agent:7";

    /** Mostly the stages {@code changeStage} moves to, sometimes one with its own command, one never a target, none. */
    private static final List<ComplaintStage> STAGE_TARGETS = java.util.Arrays.asList(ComplaintStage.INVESTIGATING,
            ComplaintStage.CLOSED, ComplaintStage.REOPENED, ComplaintStage.ACKNOWLEDGED, ComplaintStage.INVESTIGATING,
            ComplaintStage.RESPONDED, ComplaintStage.RECEIVED, null);

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    @Label("random complaint command chains leave H2 and the in-memory store in the same state after every step")
    void onH2(@ForAll("chainsOnH2") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Property(tries = 3, shrinking = ShrinkingMode.BOUNDED)
    @Label("random complaint command chains leave PostgreSQL and the in-memory store in the same state after every step")
    void onPostgres(@ForAll("chainsOnPostgres") ActionChain<ParityWorld> chain) {
        chain.run();
    }

    @Override
    ActionChainArbitrary<ParityWorld> withActions(ActionChainArbitrary<ParityWorld> chain) {
        return chain
                .withAction(2, ParityActions.registerCustomer())
                .withAction(1, CaseLifecycleParityProperties.open())
                .withAction(4, receive())
                .withAction(1, compliment())
                .withAction(10, process())
                .withAction(1, ParityActions.failNextSends())
                .withAction(1, ParityActions.advanceClock());
    }

    static Action.Independent<ParityWorld> receive() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(Severity.class),
                        Arbitraries.of("router", "phone.case").injectNull(0.3),
                        Arbitraries.of("uk", "eu-psd2", "nowhere").injectNull(0.4),
                        Arbitraries.of(Duration.ofDays(-9), Duration.ofHours(-30), Duration.ofDays(-1), Duration.ofHours(1))
                                .injectNull(0.5),
                        Arbitraries.integers().between(0, 3), Arbitraries.of(ParityActions.AWKWARD_TEXT))
                .as((c, severity, product, regime, received, agents, text) -> step("receive complaint of customer "
                        + c + " " + severity + " product " + product + " regime " + regime + " received " + received
                        + " agents " + agents, (rapport, ids) -> {
                            ReceiveComplaint.Builder b = ReceiveComplaint.builder().customerId(customer(ids, c))
                                    .channel(Channel.EMAIL).description(text).severity(severity).product(product)
                                    .regime(regime).remedySought("refund of 'the' fee").actor(ACTOR)
                                    .orderRef("ORD-" + c);
                            if (received != null) {
                                b.receivedAt(rapport.clock().instant().plus(received));
                            }
                            if (agents > 0) {
                                b.agent(agent(agents - 1));
                            }
                            return rapport.complaints().receive(b.build());
                        }));
    }

    static Action.Independent<ParityWorld> compliment() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 3))
                .as((c, agents) -> step("compliment from customer " + c + " for agents " + agents,
                        (rapport, ids) -> rapport.complaints().receiveCompliment(new ReceiveCompliment(customer(ids, c),
                                Channel.CHAT, "Thank you, Zoë 🌷", agents == 0 ? Set.of() : Set.of(agent(agents - 1)),
                                Optional.of("router"), Optional.empty(), ACTOR))));
    }

    /** The commands of the process after receipt, on the {@code n}-th complaint. */
    enum Op { ACKNOWLEDGE, ASSESS, CHANGE_STAGE, HOLDING, RESPOND, ACCEPT, REJECT, ESCALATE, ROOT_CAUSES, LINK_CASE,
        NOTE, SWEEP }

    static Action.Independent<ParityWorld> process() {
        return () -> Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.of(Op.class),
                        Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3))
                .as((n, op, variant, other) -> step(op + " complaint " + n + " (" + variant + "/" + other + ")",
                        (rapport, ids) -> {
                            var complaints = rapport.complaints();
                            var id = complaint(ids, n);
                            return switch (op) {
                                case ACKNOWLEDGE -> complaints.acknowledge(id);
                                case ASSESS -> complaints.assess(new AssessComplaint(id,
                                        Severity.values()[variant % Severity.values().length],
                                        Complexity.values()[other % Complexity.values().length],
                                        Optional.of("Customers in \"north\" region"), ACTOR));
                                case CHANGE_STAGE -> complaints.changeStage(new ChangeStage(id,
                                        STAGE_TARGETS.get(variant),
                                        Optional.of("moved; note ' with quote"), ACTOR));
                                case HOLDING -> complaints.sendHoldingResponse(new SendHoldingResponse(id,
                                        List.of("summary_resolution", "final_response", "reply", "unknown").get(other),
                                        rapport.clock().instant().plus(Duration.ofDays(List.of(1, 40, 70, 400)
                                                .get(variant % 4))), "Waiting for the courier's report", ACTOR));
                                case RESPOND -> complaints.respond(new RespondToComplaint(id,
                                        OutcomeDecision.values()[variant % OutcomeDecision.values().length],
                                        "We checked the delivery record.", remedies(other), ACTOR));
                                case ACCEPT -> complaints.recordCustomerReply(
                                        new RecordCustomerReply(id, true, Optional.empty(), ACTOR));
                                case REJECT -> complaints.recordCustomerReply(
                                        new RecordCustomerReply(id, false, Optional.of("Not enough"), ACTOR));
                                case ESCALATE -> complaints.escalate(new EscalateComplaint(id,
                                        EscalationLevel.values()[variant % 2], "Ombudsman", Optional.empty(), ACTOR));
                                case ROOT_CAUSES -> complaints.assignRootCauses(new AssignRootCauses(id,
                                        List.of(Set.of("courier.late"), Set.of("packaging"),
                                                Set.of("courier.late", "packaging"), Set.of("bad code!")).get(other),
                                        ACTOR));
                                case LINK_CASE -> complaints.linkCase(new LinkCase(id, supportCase(ids, variant),
                                        ACTOR));
                                case NOTE -> {
                                    complaints.addNote(new AddNote(id, "Called the courier;\nno answer", ACTOR));
                                    yield null;
                                }
                                case SWEEP -> complaints.sweep();
                            };
                        }));
    }

    private static List<RemedyOffer> remedies(int variant) {
        return switch (variant) {
            case 0 -> List.of();
            case 1 -> List.of(new RemedyOffer(RemedyType.REFUND, new BigDecimal("12.50"), "EUR", Optional.empty()));
            case 2 -> List.of(new RemedyOffer(RemedyType.APOLOGY, null, null, Optional.of("Sorry")),
                    new RemedyOffer(RemedyType.VOUCHER_OR_CREDIT, new BigDecimal("5"), "GBP", Optional.empty()));
            default -> List.of(new RemedyOffer(RemedyType.REFUND, new BigDecimal("-1"), "EUR", Optional.empty()));
        };
    }
}
