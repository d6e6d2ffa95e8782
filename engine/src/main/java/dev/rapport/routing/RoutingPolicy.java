package dev.rapport.routing;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.TeamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a {@link Router} decides: strategy, costs, offers and waiting rules. Immutable and thread-safe. */
public final class RoutingPolicy {

    /** How long an agent has to accept an offer before it goes to the next agent: 30 seconds. */
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(30);
    /** How long optional skills stay required: 2 minutes. */
    public static final Duration DEFAULT_OPTIONAL_SKILLS_WAIT = Duration.ofMinutes(2);
    /** How long waiting work takes to rise one priority level, so the backlog never starves: 15 minutes. */
    public static final Duration DEFAULT_AGING_STEP = Duration.ofMinutes(15);
    /** How many eligible agents after the chosen one an explanation names: 3. */
    public static final int DEFAULT_RUNNERS_UP = 3;
    /** How often storing one assignment is tried when a concurrent change got there first: 5. */
    public static final int DEFAULT_COMMIT_ATTEMPTS = 5;

    /**
     * Work of a team that may go to a secondary team once it has waited long enough.
     *
     * @param secondary the team that takes the overflow
     * @param after how long the work waits before it may overflow
     */
    public record Overflow(TeamId secondary, Duration after) {
    }

    private final RoutingStrategy strategy;
    private final ChannelCosts channelCosts;
    private final boolean requireAcceptance;
    private final Duration offerTimeout;
    private final Duration optionalSkillsWait;
    private final Duration agingStep;
    private final Map<TeamId, Overflow> overflows;
    private final int runnersUp;
    private final int commitAttempts;
    private final boolean routeNewCases;
    private final boolean routeReopenedCases;
    private final boolean releaseOnResolve;
    private final boolean releaseWhenPending;

    private RoutingPolicy(Builder b) {
        strategy = b.strategy;
        channelCosts = b.channelCosts;
        requireAcceptance = b.requireAcceptance;
        offerTimeout = b.offerTimeout;
        optionalSkillsWait = b.optionalSkillsWait;
        agingStep = b.agingStep;
        overflows = Map.copyOf(b.overflows);
        runnersUp = b.runnersUp;
        commitAttempts = b.commitAttempts;
        routeNewCases = b.routeNewCases;
        routeReopenedCases = b.routeReopenedCases;
        releaseOnResolve = b.releaseOnResolve;
        releaseWhenPending = b.releaseWhenPending;
    }

    /**
     * The defaults.
     *
     * @return the configuration with every option at its default
     */
    public static RoutingPolicy defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder whose options start at their defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The strategy.
     *
     * @return the strategy that ranks eligible agents
     */
    public RoutingStrategy strategy() {
        return strategy;
    }

    /**
     * What work costs per channel.
     *
     * @return the capacity units work costs on each channel
     */
    public ChannelCosts channelCosts() {
        return channelCosts;
    }

    /**
     * Whether agents must accept offered work before it is assigned.
     *
     * @return {@code true} if work is offered and assigned only on acceptance; {@code false} if it is assigned at once
     */
    public boolean requireAcceptance() {
        return requireAcceptance;
    }

    /**
     * How long an offer stays open.
     *
     * @return how long an agent has to accept an offer before the work goes to the next agent; positive
     */
    public Duration offerTimeout() {
        return offerTimeout;
    }

    /**
     * How long optional skills stay required.
     *
     * @return how long work waits with its optional skills required before they are dropped; zero or more
     */
    public Duration optionalSkillsWait() {
        return optionalSkillsWait;
    }

    /**
     * How long waiting work takes to rise one priority level; zero means never.
     *
     * @return how long waiting work takes to rise one priority level; zero when work never rises
     */
    public Duration agingStep() {
        return agingStep;
    }

    /**
     * The overflow rules by primary team.
     *
     * @return per primary team, the secondary team and the wait after which its work may go there; empty if none
     */
    public Map<TeamId, Overflow> overflows() {
        return overflows;
    }

    /**
     * How many runners-up an explanation names.
     *
     * @return how many eligible agents after the chosen one an explanation names, 0 to 50
     */
    public int runnersUp() {
        return runnersUp;
    }

    /**
     * How often one assignment is tried against concurrent changes.
     *
     * @return how many times storing one assignment is tried when a concurrent change got there first, 1 to 100
     */
    public int commitAttempts() {
        return commitAttempts;
    }

    /**
     * Whether opening a case queues it for routing in the same transaction and routes it at once.
     *
     * @return {@code true} if new cases are queued and routed by the case lifecycle
     */
    public boolean routeNewCases() {
        return routeNewCases;
    }

    /**
     * Whether a case that needs an agent again (reopened after resolution, or answered by the customer after its
     * agent was released while it waited on them) is queued again, its previous agent tried first.
     *
     * @return {@code true} if such cases are routed again
     */
    public boolean routeReopenedCases() {
        return routeReopenedCases;
    }

    /**
     * Whether resolving or closing a case gives its agent's capacity back in the same transaction.
     *
     * @return {@code true} if resolving or closing a case releases its agent's capacity
     */
    public boolean releaseOnResolve() {
        return releaseOnResolve;
    }

    /**
     * Whether a case going to pending-on-customer gives its agent's capacity back in the same transaction.
     *
     * @return {@code true} if a case waiting on the customer releases its agent's capacity
     */
    public boolean releaseWhenPending() {
        return releaseWhenPending;
    }

    /** Builds a {@link RoutingPolicy}; not thread-safe. */
    public static final class Builder {
        private RoutingStrategy strategy = RoutingStrategies.leastActive();
        private ChannelCosts channelCosts = ChannelCosts.defaults();
        private boolean requireAcceptance;
        private Duration offerTimeout = DEFAULT_OFFER_TIMEOUT;
        private Duration optionalSkillsWait = DEFAULT_OPTIONAL_SKILLS_WAIT;
        private Duration agingStep = DEFAULT_AGING_STEP;
        private final Map<TeamId, Overflow> overflows = new LinkedHashMap<>();
        private int runnersUp = DEFAULT_RUNNERS_UP;
        private int commitAttempts = DEFAULT_COMMIT_ATTEMPTS;
        private boolean routeNewCases = true;
        private boolean routeReopenedCases = true;
        private boolean releaseOnResolve = true;
        private boolean releaseWhenPending;

        private Builder() {
        }

        /**
         * Sets the strategy; default {@link RoutingStrategies#leastActive()}.
         *
         * @param value the strategy that ranks eligible agents
         * @return this builder
         */
        public Builder strategy(RoutingStrategy value) { strategy = value; return this; }
        /**
         * Sets the channel costs; default {@link ChannelCosts#defaults()}.
         *
         * @param value the capacity units work costs on each channel
         * @return this builder
         */
        public Builder channelCosts(ChannelCosts value) { channelCosts = value; return this; }
        /**
         * Sets whether agents must accept offers; default false: work is assigned at once.
         *
         * @param value {@code true} to offer work and assign it only when the agent accepts
         * @return this builder
         */
        public Builder requireAcceptance(boolean value) { requireAcceptance = value; return this; }
        /**
         * Sets how long an offer stays open; default {@link #DEFAULT_OFFER_TIMEOUT}.
         *
         * @param value how long an agent has to accept; positive
         * @return this builder
         */
        public Builder offerTimeout(Duration value) { offerTimeout = value; return this; }
        /**
         * Sets how long optional skills stay required; default {@link #DEFAULT_OPTIONAL_SKILLS_WAIT}.
         *
         * @param value how long optional skills stay required; zero or more, zero to drop them at once
         * @return this builder
         */
        public Builder optionalSkillsWait(Duration value) { optionalSkillsWait = value; return this; }
        /**
         * Sets how long waiting work takes to rise one priority level, zero for never; default {@link #DEFAULT_AGING_STEP}.
         *
         * @param value the wait per priority level; zero or more
         * @return this builder
         */
        public Builder agingStep(Duration value) { agingStep = value; return this; }
        /**
         * Lets work of {@code primary} go to {@code secondary} too once it has waited {@code after}; default none.
         *
         * @param primary the team whose waiting work may overflow; replaces an overflow already set for it
         * @param secondary the other team that may take it
         * @param after how long the work waits before it may overflow; zero or more
         * @return this builder
         */
        public Builder overflow(TeamId primary, TeamId secondary, Duration after) {
            overflows.put(Objects.requireNonNull(primary, "primary"), new Overflow(secondary, after));
            return this;
        }
        /**
         * Sets how many runners-up an explanation names; default {@value #DEFAULT_RUNNERS_UP}.
         *
         * @param value the number of runners-up, 0 to 50
         * @return this builder
         */
        public Builder runnersUp(int value) { runnersUp = value; return this; }
        /**
         * Sets how often one assignment is tried against concurrent changes; default {@value #DEFAULT_COMMIT_ATTEMPTS}.
         *
         * @param value the number of attempts, 1 to 100
         * @return this builder
         */
        public Builder commitAttempts(int value) { commitAttempts = value; return this; }
        /**
         * Sets whether the case lifecycle queues and routes every new case, when the Rapport is built with routing;
         * default {@code true}.
         *
         * @param value {@code false} to leave new cases for the host to route
         * @return this builder
         */
        public Builder routeNewCases(boolean value) { routeNewCases = value; return this; }
        /**
         * Sets whether a case that needs an agent again (reopened, or back from pending after its agent was released)
         * is routed again, its previous agent first; default {@code true}.
         *
         * @param value {@code false} to leave such cases for the host to route
         * @return this builder
         */
        public Builder routeReopenedCases(boolean value) { routeReopenedCases = value; return this; }
        /**
         * Sets whether resolving or closing a case gives its agent's capacity back; default {@code true}.
         *
         * @param value {@code false} to keep the capacity held until the host releases it
         * @return this builder
         */
        public Builder releaseOnResolve(boolean value) { releaseOnResolve = value; return this; }
        /**
         * Sets whether a case waiting on the customer gives its agent's capacity back; default {@code false}.
         *
         * @param value {@code true} to release the capacity while the case waits on the customer
         * @return this builder
         */
        public Builder releaseWhenPending(boolean value) { releaseWhenPending = value; return this; }

        /**
         * The configuration.
         *
         * @return the immutable configuration
         * @throws ValidationException naming each missing or out-of-range option
         */
        public RoutingPolicy build() {
            List<Violation> violations = new ArrayList<>();
            if (strategy == null) {
                violations.add(new Violation("strategy", "NotNull", "must not be null"));
            }
            if (channelCosts == null) {
                violations.add(new Violation("channelCosts", "NotNull", "must not be null"));
            }
            if (offerTimeout == null || offerTimeout.isNegative() || offerTimeout.isZero()) {
                violations.add(new Violation("offerTimeout", "Positive", "must be a positive duration"));
            }
            if (optionalSkillsWait == null || optionalSkillsWait.isNegative()) {
                violations.add(new Violation("optionalSkillsWait", "PositiveOrZero", "must not be negative"));
            }
            if (agingStep == null || agingStep.isNegative()) {
                violations.add(new Violation("agingStep", "PositiveOrZero", "must not be negative"));
            }
            overflows.forEach((primary, overflow) -> {
                if (overflow.secondary() == null || overflow.secondary().equals(primary)) {
                    violations.add(new Violation("overflows[" + primary + "].secondary", "OtherTeam",
                            "must be another team"));
                }
                if (overflow.after() == null || overflow.after().isNegative()) {
                    violations.add(new Violation("overflows[" + primary + "].after", "PositiveOrZero",
                            "must not be negative"));
                }
            });
            if (runnersUp < 0 || runnersUp > 50) {
                violations.add(new Violation("runnersUp", "Range", "must be between 0 and 50"));
            }
            if (commitAttempts < 1 || commitAttempts > 100) {
                violations.add(new Violation("commitAttempts", "Range", "must be between 1 and 100"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("RoutingPolicy", violations);
            }
            return new RoutingPolicy(this);
        }
    }
}
