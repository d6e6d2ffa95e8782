package dev.rapport.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The command to take in a complaint, on any channel. Checked as a whole before anything is stored; a rejected
 * command names every bad field.
 *
 * @param customerId who complains; must be registered
 * @param channel where it came in
 * @param description what happened, in the customer's words
 * @param product the product concerned, as the host's product code
 * @param orderRef the order concerned
 * @param remedySought what the customer asks for
 * @param severity how serious it looks at receipt
 * @param regime the code of the regime to handle it under; empty for the policy's default
 * @param agentIds the agents involved, if known
 * @param receivedAt when it was received, if earlier than now (a letter opened today that came yesterday); never
 *        in the future
 * @param actor who took it in; {@link AuditEntry#SYSTEM} for an automatic intake
 */
public record ReceiveComplaint(
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String description,
        @NotNull Optional<@Code String> product,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.KEY) String> orderRef,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> remedySought,
        @NotNull Severity severity,
        @NotNull Optional<@Code String> regime,
        @NotNull @Size(max = 50) Set<@NotNull AgentId> agentIds,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> receivedAt,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Copies the agents (keeping nulls for the validator) and turns null optionals into empty ones.
     *
     * @param customerId who complains; must be registered
     * @param channel where it came in
     * @param description what happened, in the customer's words
     * @param product the product concerned, as the host's product code
     * @param orderRef the order concerned
     * @param remedySought what the customer asks for
     * @param severity how serious it looks at receipt
     * @param regime the code of the regime to handle it under; empty for the policy's default
     * @param agentIds the agents involved, if known
     * @param receivedAt when it was received, if earlier than now (a letter opened today that came yesterday); never in
     *         the future
     * @param actor who took it in; {@link AuditEntry#SYSTEM} for an automatic intake
     */
    public ReceiveComplaint {
        product = Copies.optional(product);
        orderRef = Copies.optional(orderRef);
        remedySought = Copies.optional(remedySought);
        regime = Copies.optional(regime);
        agentIds = Copies.set(agentIds);
        receivedAt = Copies.optional(receivedAt);
    }

    /**
     * A builder with the defaults: severity {@link Severity#MEDIUM}, the policy's regime, received now, taken in by
     * {@link AuditEntry#SYSTEM}, no product, order, remedy sought or agents.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ReceiveComplaint} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private CustomerId customerId;
        private Channel channel;
        private String description;
        private String product;
        private String orderRef;
        private String remedySought;
        private Severity severity = Severity.MEDIUM;
        private String regime;
        private final Set<AgentId> agentIds = new LinkedHashSet<>();
        private Instant receivedAt;
        private String actor = AuditEntry.SYSTEM;

        private Builder() {
        }

        /**
         * Sets the customer; required, no default.
         *
         * @param value who complains; must be registered
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the channel; required, no default.
         *
         * @param value where the complaint came in
         * @return this builder
         */
        public Builder channel(Channel value) { channel = value; return this; }
        /**
         * Sets what happened; required, no default.
         *
         * @param value what happened, in the customer's words
         * @return this builder
         */
        public Builder description(String value) { description = value; return this; }
        /**
         * Sets the product code; default none.
         *
         * @param value the host's product code; {@code null} for none
         * @return this builder
         */
        public Builder product(String value) { product = value; return this; }
        /**
         * Sets the order reference; default none.
         *
         * @param value the order concerned; {@code null} for none
         * @return this builder
         */
        public Builder orderRef(String value) { orderRef = value; return this; }
        /**
         * Sets the remedy the customer asks for; default none.
         *
         * @param value what the customer asks for; {@code null} for none
         * @return this builder
         */
        public Builder remedySought(String value) { remedySought = value; return this; }
        /**
         * Sets the severity; default {@link Severity#MEDIUM}.
         *
         * @param value how serious it looks at receipt
         * @return this builder
         */
        public Builder severity(Severity value) { severity = value; return this; }
        /**
         * Sets the regime code; default the policy's default regime.
         *
         * @param value the code of a configured regime; {@code null} for the default
         * @return this builder
         */
        public Builder regime(String value) { regime = value; return this; }
        /**
         * Adds an agent involved; default none.
         *
         * @param value an agent involved; must be registered
         * @return this builder
         */
        public Builder agent(AgentId value) { agentIds.add(value); return this; }
        /**
         * Sets the receipt time; default now.
         *
         * @param value when it was received; not in the future, {@code null} for now
         * @return this builder
         */
        public Builder receivedAt(Instant value) { receivedAt = value; return this; }
        /**
         * Sets who took it in; default {@link AuditEntry#SYSTEM}.
         *
         * @param value who took it in
         * @return this builder
         */
        public Builder actor(String value) { actor = value; return this; }

        /**
         * The command.
         *
         * @return the command as set, not yet validated
         */
        public ReceiveComplaint build() {
            return new ReceiveComplaint(customerId, channel, description, Optional.ofNullable(product),
                    Optional.ofNullable(orderRef), Optional.ofNullable(remedySought), severity,
                    Optional.ofNullable(regime), agentIds, Optional.ofNullable(receivedAt), actor);
        }
    }
}
