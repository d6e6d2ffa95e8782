package dev.rapport.spi.cases;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import dev.rapport.spi.validation.PlainTextValidator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * Who made a change to a case: an agent, the customer, one of the host's users, an automation rule, or Rapport
 * itself. Kept on every {@link StatusChange} so that a case's history answers "who closed this?".
 *
 * <p>The name is one line of plain text of at most {@link Limits#NAME} characters: an agent's or customer's id, the
 * host's name for its user (for example {@code "user:ann"}), a rule's name, or {@code "rapport"} for the system.
 * Anything else is refused when the actor is made, with a {@link ValidationException} naming {@code name}.
 *
 * @param kind what kind of actor it is
 * @param name who it is, within its kind
 */
public record Actor(@NotNull Kind kind, @NotBlank @PlainText @Size(max = Limits.NAME) String name) {

    /** The name of the {@linkplain #system() system actor}. */
    public static final String SYSTEM_NAME = "rapport";

    private static final Actor SYSTEM = new Actor(Kind.SYSTEM, SYSTEM_NAME);

    /** What kind of actor made a change. */
    public enum Kind {
        /** A human agent, named by its agent id. */
        AGENT,
        /** The customer, named by its customer id. */
        CUSTOMER,
        /** One of the host's users or processes, named as the host names them. */
        HOST_USER,
        /** An automation rule, named by the rule's name. */
        RULE,
        /** Rapport itself, or a caller that did not say who it acts for. */
        SYSTEM
    }

    /**
     * Checks the actor.
     *
     * @param kind what kind of actor it is
     * @param name who it is, within its kind
     * @throws ValidationException naming {@code kind} if it is null, or {@code name} if it is blank, not one line
     *         of plain text, or longer than {@link Limits#NAME}
     */
    public Actor {
        if (kind == null) {
            throw ValidationException.of("Actor", "kind", "NotNull", "must not be null");
        }
        if (name == null || name.isBlank()) {
            throw ValidationException.of("Actor", "name", "NotBlank", "must not be blank");
        }
        if (name.length() > Limits.NAME) {
            throw ValidationException.of("Actor", "name", "Size", "must be at most " + Limits.NAME + " characters");
        }
        if (!PlainTextValidator.isPlainText(name, false)) {
            throw ValidationException.of("Actor", "name", "PlainText",
                    "must be one line of text without control characters");
        }
    }

    /**
     * An agent.
     *
     * @param agentId the agent; not null
     * @return the actor
     */
    public static Actor agent(AgentId agentId) {
        return new Actor(Kind.AGENT, Objects.requireNonNull(agentId, "agentId").toString());
    }

    /**
     * The customer.
     *
     * @param customerId the customer; not null
     * @return the actor
     */
    public static Actor customer(CustomerId customerId) {
        return new Actor(Kind.CUSTOMER, Objects.requireNonNull(customerId, "customerId").toString());
    }

    /**
     * One of the host's users or processes.
     *
     * @param name as the host names it, for example {@code "user:ann"}
     * @return the actor
     * @throws ValidationException naming {@code name} if it is not valid
     */
    public static Actor hostUser(String name) {
        return new Actor(Kind.HOST_USER, name);
    }

    /**
     * An automation rule.
     *
     * @param ruleName the rule's name
     * @return the actor
     * @throws ValidationException naming {@code name} if it is not valid
     */
    public static Actor rule(String ruleName) {
        return new Actor(Kind.RULE, ruleName);
    }

    /**
     * Rapport itself: the actor of changes whose caller did not say who it acts for, and of every change stored
     * before actors were kept.
     *
     * @return the system actor
     */
    public static Actor system() {
        return SYSTEM;
    }

    /** The actor as {@code kind:name}, for example {@code RULE:close-resolved}. */
    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
