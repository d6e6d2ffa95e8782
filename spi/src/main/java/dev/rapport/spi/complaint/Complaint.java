package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A complaint, or a compliment, from receipt to closure: what the customer said, what they asked for, the deadlines
 * it runs against, how it was assessed, escalated and decided, and why it happened. Immutable; moves through its
 * stages with {@link #moveTo(ComplaintStage, Instant)}. Its audit trail is kept beside it, append-only, through
 * {@link ComplaintRepository#appendAudit(ComplaintId, AuditEntry)}.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the complaint's id
 * @param reference the unique human-readable reference the customer quotes
 * @param kind complaint or compliment
 * @param customerId who complained
 * @param channel where it came in
 * @param description what happened, in the customer's words
 * @param product the product concerned, as the host's product code
 * @param orderRef the order concerned
 * @param remedySought what the customer asks for
 * @param severity how serious it is, as judged at receipt or at the latest assessment
 * @param stage where it stands
 * @param regime the code of the complaint regime its deadlines come from
 * @param receivedAt when it was received
 * @param deadlines the deadlines it runs against, in the regime's order
 * @param assessment the initial assessment, once made
 * @param caseId the case it is handled in, if one was opened or linked
 * @param agentIds the agents it concerns: those a compliment credits, or those involved in a complaint
 * @param rootCauses why it happened, as codes of the host's root-cause taxonomy
 * @param escalations every escalation, oldest first
 * @param outcome the decision, once responded
 * @param acknowledgedAt when it was acknowledged
 * @param respondedAt when it was first responded to; a reopen does not clear it
 * @param closedAt when it was last closed; empty while it is not closed
 * @param reopenCount how often it was reopened
 * @param updatedAt when it last changed
 * @param version the optimistic-locking version; 0 before the first insert, 1 after it
 */
public record Complaint(
        @NotNull ComplaintId id,
        @NotNull ComplaintReference reference,
        @NotNull ComplaintKind kind,
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String description,
        @NotNull Optional<@Code String> product,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> remedySought,
        @NotNull Severity severity,
        @NotNull ComplaintStage stage,
        @NotNull @Code String regime,
        @NotNull @SupportedInstant Instant receivedAt,
        @NotNull @Size(max = Complaint.MAX_DEADLINES) List<@NotNull @Valid ComplaintDeadline> deadlines,
        @NotNull Optional<@Valid Assessment> assessment,
        @NotNull Optional<CaseId> caseId,
        @NotNull @Size(max = 50) Set<@NotNull AgentId> agentIds,
        @NotNull @Size(max = 50) Set<@NotNull @Code String> rootCauses,
        @NotNull @Size(max = Complaint.MAX_ESCALATIONS) List<@NotNull @Valid Escalation> escalations,
        @NotNull Optional<@Valid ComplaintOutcome> outcome,
        @NotNull Optional<@SupportedInstant Instant> acknowledgedAt,
        @NotNull Optional<@SupportedInstant Instant> respondedAt,
        @NotNull Optional<@SupportedInstant Instant> closedAt,
        @PositiveOrZero int reopenCount,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version) {

    /** How many deadlines one complaint runs against at most. */
    public static final int MAX_DEADLINES = 20;

    /** How many escalations one complaint keeps at most. */
    public static final int MAX_ESCALATIONS = 20;

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param id the complaint's id
     * @param reference the unique human-readable reference the customer quotes
     * @param kind complaint or compliment
     * @param customerId who complained
     * @param channel where it came in
     * @param description what happened, in the customer's words
     * @param product the product concerned, as the host's product code
     * @param orderRef the order concerned
     * @param remedySought what the customer asks for
     * @param severity how serious it is, as judged at receipt or at the latest assessment
     * @param stage where it stands
     * @param regime the code of the complaint regime its deadlines come from
     * @param receivedAt when it was received
     * @param deadlines the deadlines it runs against, in the regime's order
     * @param assessment the initial assessment, once made
     * @param caseId the case it is handled in, if one was opened or linked
     * @param agentIds the agents it concerns: those a compliment credits, or those involved in a complaint
     * @param rootCauses why it happened, as codes of the host's root-cause taxonomy
     * @param escalations every escalation, oldest first
     * @param outcome the decision, once responded
     * @param acknowledgedAt when it was acknowledged
     * @param respondedAt when it was first responded to; a reopen does not clear it
     * @param closedAt when it was last closed; empty while it is not closed
     * @param reopenCount how often it was reopened
     * @param updatedAt when it last changed
     * @param version the optimistic-locking version; 0 before the first insert, 1 after it
     */
    public Complaint {
        product = Copies.optional(product);
        orderRef = Copies.optional(orderRef);
        remedySought = Copies.optional(remedySought);
        deadlines = Copies.list(deadlines);
        assessment = Copies.optional(assessment);
        caseId = Copies.optional(caseId);
        agentIds = Copies.set(agentIds);
        rootCauses = Copies.set(rootCauses);
        escalations = Copies.list(escalations);
        outcome = Copies.optional(outcome);
        acknowledgedAt = Copies.optional(acknowledgedAt);
        respondedAt = Copies.optional(respondedAt);
        closedAt = Copies.optional(closedAt);
    }

    /**
     * The complaint after a stage move at a given time. Acknowledging sets {@link #acknowledgedAt()} the first time;
     * responding sets {@link #respondedAt()} the first time; responding or closing meets every deadline not met
     * yet; closing sets {@link #closedAt()}; leaving CLOSED clears it; reopening counts. The version is unchanged;
     * storage raises it.
     *
     * @param to the stage to move to
     * @param at when the move happens; becomes {@link #updatedAt()} and, where the move sets one, the acknowledgement,
     *        response, closing or deadline-met time
     * @return a new complaint in stage {@code to} with its times and counters updated as described; the version as
     *        before
     * @throws IllegalTransitionException naming from and to if {@link ComplaintStage#canMoveTo} forbids the move
     */
    public Complaint moveTo(ComplaintStage to, Instant at) {
        if (!stage.canMoveTo(to)) {
            throw new IllegalTransitionException("complaint", id, stage, to);
        }
        Builder next = toBuilder().stage(to).updatedAt(at);
        if (to == ComplaintStage.ACKNOWLEDGED && acknowledgedAt.isEmpty()) {
            next.acknowledgedAt(at);
        }
        if (to == ComplaintStage.RESPONDED || to == ComplaintStage.CLOSED) {
            next.deadlines(deadlines.stream().map(d -> d.meet(at)).toList());
        }
        if (to == ComplaintStage.RESPONDED && respondedAt.isEmpty()) {
            next.respondedAt(at);
        }
        if (to == ComplaintStage.CLOSED) {
            next.closedAt(at);
        } else if (stage == ComplaintStage.CLOSED) {
            next.closedAt(null);
        }
        if (to == ComplaintStage.REOPENED) {
            next.reopenCount(reopenCount + 1);
        }
        return next.build();
    }

    /**
     * Whether this is a compliment rather than a complaint.
     *
     * @return true if {@link #kind()} is {@link ComplaintKind#COMPLIMENT}, false for a complaint
     */
    public boolean isCompliment() {
        return kind == ComplaintKind.COMPLIMENT;
    }

    /**
     * The deadline with the code, if the complaint runs against it.
     *
     * @param code the regime's name of the deadline, for example {@code "final_response"}; compared exactly
     * @return the deadline among {@link #deadlines()} with that code, or empty if the complaint does not run against it
     */
    public Optional<ComplaintDeadline> deadline(String code) {
        return deadlines.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    /**
     * The same complaint with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this complaint that differs only in its version
     */
    public Complaint withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder holding this complaint's values.
     *
     * @return a new builder preset with every component of this complaint, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a new complaint: kind {@link ComplaintKind#COMPLAINT}, severity {@link Severity#MEDIUM}, stage
     * {@link ComplaintStage#RECEIVED}, version 0.
     *
     * @return a new builder with the defaults above and every other component unset or empty
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Complaint} values; not thread-safe. */
    public static final class Builder {
        private ComplaintId id;
        private ComplaintReference reference;
        private ComplaintKind kind = ComplaintKind.COMPLAINT;
        private CustomerId customerId;
        private Channel channel;
        private String description;
        private Optional<String> product = Optional.empty();
        private Optional<String> orderRef = Optional.empty();
        private Optional<String> remedySought = Optional.empty();
        private Severity severity = Severity.MEDIUM;
        private ComplaintStage stage = ComplaintStage.RECEIVED;
        private String regime;
        private Instant receivedAt;
        private List<ComplaintDeadline> deadlines = List.of();
        private Optional<Assessment> assessment = Optional.empty();
        private Optional<CaseId> caseId = Optional.empty();
        private Set<AgentId> agentIds = Set.of();
        private Set<String> rootCauses = Set.of();
        private List<Escalation> escalations = List.of();
        private Optional<ComplaintOutcome> outcome = Optional.empty();
        private Optional<Instant> acknowledgedAt = Optional.empty();
        private Optional<Instant> respondedAt = Optional.empty();
        private Optional<Instant> closedAt = Optional.empty();
        private int reopenCount;
        private Instant updatedAt;
        private long version;

        private Builder() {
        }

        private Builder(Complaint c) {
            id = c.id;
            reference = c.reference;
            kind = c.kind;
            customerId = c.customerId;
            channel = c.channel;
            description = c.description;
            product = c.product;
            orderRef = c.orderRef;
            remedySought = c.remedySought;
            severity = c.severity;
            stage = c.stage;
            regime = c.regime;
            receivedAt = c.receivedAt;
            deadlines = c.deadlines;
            assessment = c.assessment;
            caseId = c.caseId;
            agentIds = c.agentIds;
            rootCauses = c.rootCauses;
            escalations = c.escalations;
            outcome = c.outcome;
            acknowledgedAt = c.acknowledgedAt;
            respondedAt = c.respondedAt;
            closedAt = c.closedAt;
            reopenCount = c.reopenCount;
            updatedAt = c.updatedAt;
            version = c.version;
        }

        /**
         * Sets the id; no default.
         *
         * @param value the complaint's id
         * @return this builder
         */
        public Builder id(ComplaintId value) { id = value; return this; }
        /**
         * Sets the reference; no default.
         *
         * @param value the unique human-readable reference the customer quotes
         * @return this builder
         */
        public Builder reference(ComplaintReference value) { reference = value; return this; }
        /**
         * Sets the kind; default {@link ComplaintKind#COMPLAINT}.
         *
         * @param value complaint or compliment
         * @return this builder
         */
        public Builder kind(ComplaintKind value) { kind = value; return this; }
        /**
         * Sets the customer; no default.
         *
         * @param value who complained
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the channel; no default.
         *
         * @param value where it came in
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets what happened; no default.
         *
         * @param value what happened, in the customer's words
         * @return this builder
         */
        public Builder description(String value) { description = value; return this; }
        /**
         * Sets the product code; default none.
         *
         * @param value the product concerned, as the host's product code; null for none
         * @return this builder
         */
        public Builder product(String value) { product = Optional.ofNullable(value); return this; }
        /**
         * Sets the order reference; default none.
         *
         * @param value the order concerned; null for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = Optional.ofNullable(value); return this; }
        /**
         * Sets the remedy the customer asks for; default none.
         *
         * @param value what the customer asks for; null for none
         * @return this builder
         */
        public Builder remedySought(String value) { remedySought = Optional.ofNullable(value); return this; }
        /**
         * Sets the severity; default {@link Severity#MEDIUM}.
         *
         * @param value how serious it is, as judged at receipt or at the latest assessment
         * @return this builder
         */
        public Builder severity(Severity value) { severity = value; return this; }
        /**
         * Sets the stage; default {@link ComplaintStage#RECEIVED}.
         *
         * @param value where it stands
         * @return this builder
         */
        public Builder stage(ComplaintStage value) { stage = value; return this; }
        /**
         * Sets the regime code; no default.
         *
         * @param value the code of the complaint regime its deadlines come from
         * @return this builder
         */
        public Builder regime(String value) { regime = value; return this; }
        /**
         * Sets the receipt time; no default.
         *
         * @param value when it was received
         * @return this builder
         */
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        /**
         * Sets the deadlines; default none.
         *
         * @param value the deadlines it runs against, in the regime's order
         * @return this builder
         */
        public Builder deadlines(List<ComplaintDeadline> value) { deadlines = value; return this; }
        /**
         * Sets the assessment; default none.
         *
         * @param value the initial assessment, once made; null for none
         * @return this builder
         */
        public Builder assessment(Assessment value) { assessment = Optional.ofNullable(value); return this; }
        /**
         * Sets the case; default none.
         *
         * @param value the case it is handled in, if one was opened or linked; null for none
         * @return this builder
         */
        public Builder caseId(CaseId value) { caseId = Optional.ofNullable(value); return this; }
        /**
         * Sets the agents concerned; default none.
         *
         * @param value the agents it concerns
         * @return this builder
         */
        public Builder agentIds(Set<AgentId> value) { agentIds = value; return this; }
        /**
         * Sets the root causes; default none.
         *
         * @param value why it happened, as codes of the host's root-cause taxonomy
         * @return this builder
         */
        public Builder rootCauses(Set<String> value) { rootCauses = value; return this; }
        /**
         * Sets the escalations; default none.
         *
         * @param value every escalation, oldest first
         * @return this builder
         */
        public Builder escalations(List<Escalation> value) { escalations = value; return this; }
        /**
         * Sets the outcome; default none.
         *
         * @param value the decision, once responded; null for none
         * @return this builder
         */
        public Builder outcome(ComplaintOutcome value) { outcome = Optional.ofNullable(value); return this; }
        /**
         * Sets the acknowledgement time; default none.
         *
         * @param value when it was acknowledged; null for none
         * @return this builder
         */
        public Builder acknowledgedAt(Instant value) { acknowledgedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the first response time; default none.
         *
         * @param value when it was first responded to; null for none
         * @return this builder
         */
        public Builder respondedAt(Instant value) { respondedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the closing time; default none.
         *
         * @param value when it was last closed; null for none
         * @return this builder
         */
        public Builder closedAt(Instant value) { closedAt = Optional.ofNullable(value); return this; }
        /**
         * Sets the reopen count; default 0.
         *
         * @param value how often it was reopened
         * @return this builder
         */
        public Builder reopenCount(int value) { reopenCount = value; return this; }
        /**
         * Sets the last change time; no default.
         *
         * @param value when it last changed
         * @return this builder
         */
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /**
         * Sets the version; default 0.
         *
         * @param value the optimistic-locking version
         * @return this builder
         */
        public Builder version(long value) { version = value; return this; }

        /**
         * The complaint; constraints are checked by the validator, not here.
         *
         * @return a new complaint with the values set so far
         */
        public Complaint build() {
            return new Complaint(id, reference, kind, customerId, channel, description, product, orderRef,
                    remedySought, severity, stage, regime, receivedAt, deadlines, assessment, caseId, agentIds,
                    rootCauses, escalations, outcome, acknowledgedAt, respondedAt, closedAt, reopenCount, updatedAt,
                    version);
        }
    }
}
