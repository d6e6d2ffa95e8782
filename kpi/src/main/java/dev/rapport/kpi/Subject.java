package dev.rapport.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** What a counted record says about each breakdown dimension; the grouper reads it. */
interface Subject {

    /** The instant that places the record in a period. */
    Instant at();

    /** The customer the record is about. */
    CustomerId customer();

    /** The channel, if the record has one. */
    default Optional<Channel> channel() {
        return Optional.empty();
    }

    /** The category or contact reason, if the record has one. */
    default Optional<String> category() {
        return Optional.empty();
    }

    /** The agent, if the record has one. */
    default Optional<AgentId> agent() {
        return Optional.empty();
    }

    /** The team the record itself names; the grouper falls back to the agent's team. */
    default Optional<TeamId> team() {
        return Optional.empty();
    }

    /** The priority, if the record has one. */
    default Optional<Priority> priority() {
        return Optional.empty();
    }

    /** Why the customer left, if the record is a customer with a churn reason. */
    default Optional<String> churnReason() {
        return Optional.empty();
    }

    /** The case status the record is grouped under, if it has one (the backlog's status at its moment). */
    default Optional<String> caseStatus() {
        return Optional.empty();
    }

    /**
     * The case the record is or belongs to, if any and if stored: whose tags and custom fields place it under
     * {@code TAG} and {@code FIELD}.
     */
    default Optional<Case> linkedCase() {
        return Optional.empty();
    }
}
