package dev.rapport.automation;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Priority;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One condition of an {@link AutomationRule} on a case; a rule acts when all of its conditions hold. The case's
 * status is not a condition but the rule's {@link AutomationRule#statuses()}, so that only cases in those states
 * are read. Immutable and thread-safe.
 */
public sealed interface Condition permits Condition.InStatusFor, Condition.OpenFor, Condition.PriorityIn,
        Condition.ChannelIn, Condition.CategoryIn, Condition.Sla, Condition.NoCustomerMessageFor,
        Condition.NoAgentMessageFor {

    /**
     * Whether the condition holds for a case at a time.
     *
     * @param facts the case and what is known about it
     * @return whether it holds
     */
    boolean holds(AutomationFacts facts);

    /**
     * The case has been in its current state for at least the age: counted from its last lifecycle move (its
     * occasion), or from its creation if it never moved.
     *
     * @param age how long
     */
    record InStatusFor(Age age) implements Condition {
        /**
         * Checks the age is given.
         *
         * @param age how long the case must have been in its current state at least; not null
         */
        public InStatusFor {
            requireArgument("AutomationRule", "age", age);
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return !facts.now().isBefore(age.reachedAt(facts.occasion(), facts.calendars()));
        }
    }

    /**
     * The case was opened at least the age ago.
     *
     * @param age how long
     */
    record OpenFor(Age age) implements Condition {
        /**
         * Checks the age is given.
         *
         * @param age how long ago the case must have been opened at least; not null
         */
        public OpenFor {
            requireArgument("AutomationRule", "age", age);
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return !facts.now().isBefore(age.reachedAt(facts.supportCase().createdAt(), facts.calendars()));
        }
    }

    /**
     * The case's priority is one of these.
     *
     * @param priorities the priorities; not empty
     */
    record PriorityIn(Set<Priority> priorities) implements Condition {
        /**
         * Copies the set and checks it.
         *
         * @param priorities the priorities the case's one must be among; not empty
         */
        public PriorityIn {
            priorities = nonEmpty(priorities, "priorities");
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return priorities.contains(facts.supportCase().priority());
        }
    }

    /**
     * The case came in on one of these channels.
     *
     * @param channels the channels; not empty
     */
    record ChannelIn(Set<Channel> channels) implements Condition {
        /**
         * Copies the set and checks it.
         *
         * @param channels the channels the case's origin channel must be among; not empty
         */
        public ChannelIn {
            channels = nonEmpty(channels, "channels");
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return channels.contains(facts.supportCase().originChannel());
        }
    }

    /**
     * The case's category is one of these codes.
     *
     * @param categories the category codes; not empty, each a category code
     */
    record CategoryIn(Set<String> categories) implements Condition {
        private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]*");

        /**
         * Copies the set and checks every code.
         *
         * @param categories the category codes the case's category must be among; not empty, each a category code
         */
        public CategoryIn {
            categories = nonEmpty(categories, "categories");
            for (String category : categories) {
                if (category.length() > 64 || !CODE.matcher(category).matches()) {
                    throw ValidationException.of("AutomationRule", "categories", "Code",
                            "must hold category codes (1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
                                    + " digit)");
                }
            }
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return facts.supportCase().category().filter(categories::contains).isPresent();
        }
    }

    /**
     * The case's SLA clocks, computed by the Rapport's SLA policy now, are in a state.
     *
     * @param state the state
     */
    record Sla(SlaState state) implements Condition {
        /**
         * Checks the state is given.
         *
         * @param state the SLA state the case's clocks must be in; not null
         */
        public Sla {
            requireArgument("AutomationRule", "slaState", state);
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            return state.holds(facts.sla(), facts.now());
        }
    }

    /**
     * No message from the customer on the case for at least the age: counted from the customer's last inbound
     * interaction on the case, or from the case's creation if there is none.
     *
     * @param age how long
     */
    record NoCustomerMessageFor(Age age) implements Condition {
        /**
         * Checks the age is given.
         *
         * @param age how long the customer must have been silent on the case at least; not null
         */
        public NoCustomerMessageFor {
            requireArgument("AutomationRule", "age", age);
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            Instant since = facts.lastCustomerMessage().orElse(facts.supportCase().createdAt());
            return !facts.now().isBefore(age.reachedAt(since, facts.calendars()));
        }
    }

    /**
     * No message from an agent on the case for at least the age: counted from the last outbound interaction by a
     * human on the case, or from the case's creation if there is none.
     *
     * @param age how long
     */
    record NoAgentMessageFor(Age age) implements Condition {
        /**
         * Checks the age is given.
         *
         * @param age how long agents must have been silent on the case at least; not null
         */
        public NoAgentMessageFor {
            requireArgument("AutomationRule", "age", age);
        }

        @Override
        public boolean holds(AutomationFacts facts) {
            Instant since = facts.lastAgentMessage().orElse(facts.supportCase().createdAt());
            return !facts.now().isBefore(age.reachedAt(since, facts.calendars()));
        }
    }

    private static <T> Set<T> nonEmpty(Set<T> values, String field) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null)) {
            throw ValidationException.of("AutomationRule", field, "NotEmpty",
                    "must hold at least one value and no null");
        }
        return Set.copyOf(values);
    }
}
