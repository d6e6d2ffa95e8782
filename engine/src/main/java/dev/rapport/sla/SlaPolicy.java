package dev.rapport.sla;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service promises a business makes: ordered rules, each choosing targets by priority, channel and customer
 * segment. For each target, the first rule that matches the case and sets that target wins, so put specific rules
 * (urgent chats of gold customers) before general ones. Immutable and thread-safe.
 */
public final class SlaPolicy {

    /** The share of a target's time at which a warning is raised, unless configured otherwise: 75%. */
    public static final double DEFAULT_WARNING_SHARE = 0.75;

    private final List<SlaRule> rules;
    private final double warningShare;

    private SlaPolicy(List<SlaRule> rules, double warningShare) {
        this.rules = List.copyOf(rules);
        this.warningShare = warningShare;
    }

    /**
     * A builder with no rules and the default warning share.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rules, in the order they are tried.
     *
     * @return the rules in the order added; the first that matches a case and sets a target decides that target
     */
    public List<SlaRule> rules() {
        return rules;
    }

    /**
     * The share of a target's time at which a warning is raised, between 0 and 1, both excluded.
     *
     * @return the share, strictly between 0 and 1, for example 0.75 to warn when three quarters of the time are used
     */
    public double warningShare() {
        return warningShare;
    }

    /**
     * The target that applies to a case with the given priority, channel and segment, if any rule sets it.
     *
     * @param target the promise asked about
     * @param priority the case's priority
     * @param channel the channel the case came in on
     * @param segment the customer's segment; empty if the customer has none
     * @return the spec of the first rule that matches and sets the target; empty if no rule does
     */
    public Optional<SlaTargetSpec> targetFor(SlaTarget target, Priority priority, Channel channel,
            Optional<String> segment) {
        for (SlaRule rule : rules) {
            SlaTargetSpec spec = rule.targets().get(target);
            if (spec != null && rule.matches(priority, channel, segment)) {
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Builds an {@link SlaPolicy}; not thread-safe. */
    public static final class Builder {
        private final List<SlaRule> rules = new ArrayList<>();
        private double warningShare = DEFAULT_WARNING_SHARE;

        private Builder() {
        }

        /**
         * Adds a rule after the ones already added; default no rules (no targets).
         *
         * @param rule the rule; tried after the ones added before it
         * @return this builder
         */
        public Builder rule(SlaRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Sets the share of a target's time at which a warning is raised; default {@value #DEFAULT_WARNING_SHARE}.
         *
         * @param share the share of the allowed time after which a clock warns; strictly between 0 and 1
         * @return this builder
         */
        public Builder warningShare(double share) {
            warningShare = share;
            return this;
        }

        /**
         * The policy.
         *
         * @return the immutable policy
         * @throws ValidationException if the warning share is not strictly between 0 and 1 ({@code warningShare})
         */
        public SlaPolicy build() {
            if (!(warningShare > 0 && warningShare < 1)) {
                throw ValidationException.of("SlaPolicy", "warningShare", "Range",
                        "must be greater than 0 and less than 1, was " + warningShare);
            }
            return new SlaPolicy(rules, warningShare);
        }
    }
}
