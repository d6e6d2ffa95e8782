package dev.rapport.sla;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.cases.SlaTarget;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One rule of an {@link SlaPolicy}: which cases it applies to (by priority, channel and customer segment; an empty
 * criterion matches any value) and the targets it sets for them. Immutable and thread-safe.
 */
public final class SlaRule {

    private final Set<Priority> priorities;
    private final Set<Channel> channels;
    private final Set<String> segments;
    private final Map<SlaTarget, SlaTargetSpec> targets;

    private SlaRule(Builder b) {
        priorities = Collections.unmodifiableSet(new LinkedHashSet<>(b.priorities));
        channels = Collections.unmodifiableSet(new LinkedHashSet<>(b.channels));
        segments = Collections.unmodifiableSet(new LinkedHashSet<>(b.segments));
        targets = Collections.unmodifiableMap(new EnumMap<>(b.targets));
    }

    /**
     * A builder matching every case and setting no target.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The priorities it applies to; empty for any.
     *
     * @return the priorities the rule is limited to; empty if it applies to any priority
     */
    public Set<Priority> priorities() {
        return priorities;
    }

    /**
     * The channels it applies to; empty for any.
     *
     * @return the channels of origin the rule is limited to; empty if it applies to any channel
     */
    public Set<Channel> channels() {
        return channels;
    }

    /**
     * The customer segments it applies to; empty for any, including customers without a segment.
     *
     * @return the customer segments the rule is limited to; empty if it applies to every customer
     */
    public Set<String> segments() {
        return segments;
    }

    /**
     * The targets it sets.
     *
     * @return each target the rule sets with how long it allows and how time is counted; never empty
     */
    public Map<SlaTarget, SlaTargetSpec> targets() {
        return targets;
    }

    /**
     * Whether it applies to a case with the given priority, channel and customer segment.
     *
     * @param priority the case's priority
     * @param channel the channel the case came in on
     * @param segment the customer's segment; empty if the customer has none
     * @return {@code true} if every criterion the rule limits is met; a rule limited to segments never matches an empty
     *         segment
     */
    public boolean matches(Priority priority, Channel channel, Optional<String> segment) {
        return (priorities.isEmpty() || priorities.contains(priority))
                && (channels.isEmpty() || channels.contains(channel))
                && (segments.isEmpty() || segment.filter(segments::contains).isPresent());
    }

    @Override
    public String toString() {
        return "SlaRule[priorities=" + priorities + ", channels=" + channels + ", segments=" + segments
                + ", targets=" + targets.keySet() + "]";
    }

    /** Builds an {@link SlaRule}; not thread-safe. */
    public static final class Builder {
        private final Set<Priority> priorities = new LinkedHashSet<>();
        private final Set<Channel> channels = new LinkedHashSet<>();
        private final Set<String> segments = new LinkedHashSet<>();
        private final Map<SlaTarget, SlaTargetSpec> targets = new EnumMap<>(SlaTarget.class);

        private Builder() {
        }

        /**
         * Limits the rule to these priorities; default any priority.
         *
         * @param values priorities to match, added to any given before
         * @return this builder
         */
        public Builder priorities(Priority... values) {
            priorities.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Limits the rule to these channels of origin; default any channel.
         *
         * @param values channels of origin to match, added to any given before
         * @return this builder
         */
        public Builder channels(Channel... values) {
            channels.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Limits the rule to customers in these segments; default any customer.
         *
         * @param values customer segments to match, added to any given before
         * @return this builder
         */
        public Builder segments(String... values) {
            segments.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Sets a target; default none.
         *
         * @param target the promise the rule sets
         * @param spec how long it allows and how time is counted; replaces a spec already set for the target
         * @return this builder
         */
        public Builder target(SlaTarget target, SlaTargetSpec spec) {
            targets.put(Objects.requireNonNull(target, "target"), Objects.requireNonNull(spec, "spec"));
            return this;
        }

        /**
         * The rule.
         *
         * @return the immutable rule
         * @throws ValidationException if it sets no target ({@code targets}, {@code NotEmpty}) or a criterion holds
         *         null
         */
        public SlaRule build() {
            if (targets.isEmpty()) {
                throw ValidationException.of("SlaRule", "targets", "NotEmpty", "must set at least one target");
            }
            if (priorities.stream().anyMatch(java.util.Objects::isNull) || channels.stream().anyMatch(java.util.Objects::isNull)
                    || segments.stream().anyMatch(java.util.Objects::isNull)) {
                throw ValidationException.of("SlaRule", "criteria", "NotNull", "must not contain null");
            }
            return new SlaRule(this);
        }
    }
}
