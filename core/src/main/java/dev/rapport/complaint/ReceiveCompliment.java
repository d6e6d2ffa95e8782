package dev.rapport.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The command to take in a compliment through the complaints door; it is counted and credited to the agents named.
 *
 * @param customerId who paid it; must be registered
 * @param channel where it came in
 * @param description what the customer said
 * @param agentIds the agents it credits; may be empty (praise for the business); each must exist
 * @param product the product praised, if any
 * @param receivedAt when it was received, if earlier than now; never in the future
 * @param actor who took it in
 */
public record ReceiveCompliment(
        @NotNull CustomerId customerId,
        @NotNull Channel channel,
        @NotBlank @PlainText(multiline = true) @Size(max = Limits.TEXT) String description,
        @NotNull @Size(max = 50) Set<@NotNull AgentId> agentIds,
        @NotNull Optional<@Code String> product,
        @NotNull Optional<@SupportedInstant(wholeMicros = false) Instant> receivedAt,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Copies the agents (keeping nulls for the validator) and turns null optionals into empty ones.
     *
     * @param customerId who paid it; must be registered
     * @param channel where it came in
     * @param description what the customer said
     * @param agentIds the agents it credits; may be empty (praise for the business); each must exist
     * @param product the product praised, if any
     * @param receivedAt when it was received, if earlier than now; never in the future
     * @param actor who took it in
     */
    public ReceiveCompliment {
        agentIds = Copies.set(agentIds);
        product = Copies.optional(product);
        receivedAt = Copies.optional(receivedAt);
    }

    /**
     * A compliment received now, taken in by {@link AuditEntry#SYSTEM}, about no particular product.
     *
     * @param customerId who paid it; must be registered
     * @param channel where it came in
     * @param description what the customer said
     * @param agentIds the agents it credits; may be empty
     * @return the command
     */
    public static ReceiveCompliment of(CustomerId customerId, Channel channel, String description,
            Set<AgentId> agentIds) {
        return new ReceiveCompliment(customerId, channel, description, agentIds, Optional.empty(), Optional.empty(),
                AuditEntry.SYSTEM);
    }
}
