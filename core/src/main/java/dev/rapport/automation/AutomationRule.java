package dev.rapport.automation;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A case automation: when a case is in one of the rule's states and all its conditions hold, the rule fires once
 * for that case and occasion (the case's last lifecycle move) and runs its actions. Built with {@link #builder};
 * immutable and thread-safe. See docs/automation.md.
 *
 * <pre>{@code
 * AutomationRule.builder("close-resolved")
 *         .statuses(CaseStatus.RESOLVED)
 *         .when(new Condition.InStatusFor(Age.businessDays(3, "shop")))
 *         .then(new Action.ChangeStatus(CaseStatus.CLOSED))
 *         .build();
 * }</pre>
 *
 * @param name the rule's name: its identity in firings and in the case history; one line of 1 to
 *        {@link #MAX_NAME} characters
 * @param statuses the states a case must be in; only cases in them are read
 * @param conditions the conditions that must all hold; may be empty
 * @param actions what the rule does, in order; at least one
 */
public record AutomationRule(String name, Set<CaseStatus> statuses, List<Condition> conditions,
        List<Action> actions) {

    /** The longest rule name. */
    public static final int MAX_NAME = Limits.NAME;

    /** The most conditions or actions a rule may have. */
    public static final int MAX_PARTS = 20;

    /**
     * Checks the rule.
     *
     * @param name the rule's name: its identity in firings and in the case history; one line of 1 to {@link #MAX_NAME}
     *        characters
     * @param statuses the states a case must be in; only cases in them are read
     * @param conditions the conditions that must all hold; may be empty
     * @param actions what the rule does, in order; at least one
     * @throws ValidationException naming {@code name} if it is blank, longer than {@link #MAX_NAME} or not one line
     *         of plain text; {@code statuses} if empty or holding null or {@code CLOSED} only; {@code conditions} or
     *         {@code actions} if null, holding null or more than {@link #MAX_PARTS}; {@code actions} if empty
     */
    public AutomationRule {
        if (name == null || name.isBlank()) {
            throw invalid("name", "NotBlank", "must not be blank");
        }
        if (name.length() > MAX_NAME) {
            throw invalid("name", "Size", "must be at most " + MAX_NAME + " characters");
        }
        if (!PlainTextValidator.isPlainText(name, false)) {
            throw invalid("name", "PlainText",
                    "must be one line of text without control characters");
        }
        if (statuses == null || statuses.isEmpty() || statuses.contains(null)) {
            throw invalid("statuses", "NotEmpty", "must hold at least one state and no null");
        }
        statuses = Set.copyOf(EnumSet.copyOf(statuses));
        if (statuses.equals(Set.of(CaseStatus.CLOSED))) {
            throw invalid("statuses", "NotClosed", "must hold a state a case can leave; CLOSED is final");
        }
        conditions = parts(conditions, "conditions");
        actions = parts(actions, "actions");
        if (actions.isEmpty()) {
            throw invalid("actions", "NotEmpty", "must hold at least one action");
        }
    }

    private static <T> List<T> parts(List<T> values, String field) {
        if (values == null || values.contains(null)) {
            throw invalid(field, "NotNull", "must not be null or hold null");
        }
        if (values.size() > MAX_PARTS) {
            throw invalid(field, "Size", "must hold at most " + MAX_PARTS);
        }
        return List.copyOf(values);
    }

    private static ValidationException invalid(String field, String rule, String message) {
        return ValidationException.of("AutomationRule", field, rule, message);
    }

    /**
     * A builder for a rule with the given name.
     *
     * @param name the rule's name; checked by {@link Builder#build()}
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The rule's conditions in words, the reason its status changes carry in the case history.
     *
     * @return the rule's name, the states it reads and its conditions, in words
     */
    public String reason() {
        String states = statuses.stream().map(Enum::name).sorted().collect(Collectors.joining("/"));
        if (conditions.isEmpty()) {
            return "automation rule " + name + ": case " + states;
        }
        return "automation rule " + name + ": case " + states + " and " + conditions.stream().map(Object::toString)
                .collect(Collectors.joining(" and "));
    }

    /** Builds {@link AutomationRule}s; not thread-safe. */
    public static final class Builder {
        private final String name;
        private Set<CaseStatus> statuses = EnumSet.complementOf(EnumSet.of(CaseStatus.CLOSED));
        private final List<Condition> conditions = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the states a case must be in. Default: every state but {@link CaseStatus#CLOSED}.
         *
         * @param values the states
         * @return this builder
         */
        public Builder statuses(CaseStatus... values) {
            statuses = values == null ? null : new java.util.HashSet<>(Arrays.asList(values));
            return this;
        }

        /**
         * Adds conditions that must all hold. Default: none, so the rule fires on every case in its states.
         *
         * @param values the conditions
         * @return this builder
         */
        public Builder when(Condition... values) {
            if (values == null) {
                conditions.add(null);
            } else {
                conditions.addAll(Arrays.asList(values));
            }
            return this;
        }

        /**
         * Adds actions, run in order. Default: none; at least one is required.
         *
         * @param values the actions
         * @return this builder
         */
        public Builder then(Action... values) {
            if (values == null) {
                actions.add(null);
            } else {
                actions.addAll(Arrays.asList(values));
            }
            return this;
        }

        /**
         * The rule.
         *
         * @return the rule
         * @throws ValidationException naming the field at fault; see {@link AutomationRule}
         */
        public AutomationRule build() {
            return new AutomationRule(name, statuses, conditions, actions);
        }
    }
}
