package dev.rapport.automation;

import dev.rapport.followup.MessageTemplate;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@link AutomationRule} does to a case when it fires. The actions of one firing run in one transaction
 * with the firing's record, in the rule's order. Immutable and thread-safe.
 */
public sealed interface Action permits Action.ChangeStatus, Action.ChangePriority, Action.Route, Action.SendMessage,
        Action.RaiseEvent {

    /**
     * What the action does, in words, for the firing's outcome.
     *
     * @return a short description of what the action does, for example {@code "status RESOLVED"}
     */
    String describe();

    /**
     * Moves the case to a state, recorded in its history with the rule as actor and the rule's conditions as
     * reason. A move to {@link CaseStatus#CLOSED} from an unresolved state resolves the case first (two moves, both
     * by the rule), so "close a case pending on the customer" is one action.
     *
     * @param to the state
     */
    record ChangeStatus(CaseStatus to) implements Action {
        /**
         * Checks the state is given and is not NEW.
         *
         * @param to the state to move the case to; not {@code NEW}
         */
        public ChangeStatus {
            if (to == null || to == CaseStatus.NEW) {
                throw ValidationException.of("AutomationRule", "actions", "Status",
                        "a status change must name a state other than NEW");
            }
        }

        @Override
        public String describe() {
            return "status " + to;
        }
    }

    /**
     * Sets the case's priority.
     *
     * @param priority the priority
     */
    record ChangePriority(Priority priority) implements Action {
        /**
         * Checks the priority is given.
         *
         * @param priority the priority to give the case; not null
         */
        public ChangePriority {
            if (priority == null) {
                throw ValidationException.of("AutomationRule", "actions", "NotNull", "a priority must be given");
            }
        }

        @Override
        public String describe() {
            return "priority " + priority;
        }
    }

    /**
     * Routes the case again: to another team when one is given (the case's team changes in the firing's
     * transaction), and, when the Rapport has routing configured, submits it to the router after commit (an
     * assigned case is reassigned away from its agent). Without routing configured only the team changes.
     *
     * @param team the team to route to; empty to route again within the case's team
     */
    record Route(Optional<TeamId> team) implements Action {
        /**
         * Turns a null team into none.
         *
         * @param team the team to route to; empty to route again within the case's team
         */
        public Route {
            team = team == null ? Optional.empty() : team;
        }

        @Override
        public String describe() {
            return team.map(t -> "route to team " + t.code()).orElse("route again");
        }
    }

    /**
     * Sends the customer a message: schedules a follow-up of the kind, due now (the follow-up scheduler's send
     * window applies), tied to the case, whose values carry the rendered template as {@code text} plus the rule's
     * values. The template's placeholders may name {@code caseId}, {@code caseSubject}, {@code status},
     * {@code priority}, {@code ruleName} and the rule's own values; any other placeholder is refused when the rule is
     * built. The follow-up's idempotency key is derived from the firing's key, so it is scheduled once.
     *
     * @param kind the follow-up kind, for example {@code FollowUpKind.of("pending_reminder")}
     * @param template the message text with {@code {placeholders}}, parsed by {@link MessageTemplate}
     * @param values further values handed to the messenger; keys are codes, values plain text
     */
    record SendMessage(FollowUpKind kind, String template, Map<String, String> values) implements Action {

        /** The values every message can use in its template. */
        public static final Set<String> CASE_VALUES = Set.of("caseId", "caseSubject", "status", "priority",
                "ruleName");

        private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

        /**
         * Checks the kind, parses the template and checks its placeholders and the values.
         *
         * @param kind the follow-up kind, for example {@code FollowUpKind.of("pending_reminder")}
         * @param template the message text with {@code {placeholders}}, parsed by {@link MessageTemplate}
         * @param values further values handed to the messenger; keys are codes, values plain text
         */
        public SendMessage {
            if (kind == null) {
                throw ValidationException.of("AutomationRule", "kind", "NotNull", "a message needs a follow-up kind");
            }
            if (template == null || template.isBlank() || template.length() > Limits.ATTRIBUTE_VALUE
                    || !PlainTextValidator.isPlainText(template, true)) {
                throw ValidationException.of("AutomationRule", "template", "PlainText",
                        "must be 1 to " + Limits.ATTRIBUTE_VALUE + " characters of text without control characters");
            }
            values = values == null ? Map.of() : Map.copyOf(values);
            if (values.size() > 50) {
                throw ValidationException.of("AutomationRule", "values", "Size", "must hold at most 50 values");
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                if (!KEY.matcher(e.getKey()).matches() || e.getValue().length() > Limits.ATTRIBUTE_VALUE
                        || !PlainTextValidator.isPlainText(e.getValue(), true)) {
                    throw ValidationException.of("AutomationRule", "values", "Value",
                            "must map names (a letter, then letters, digits, '_', '.' or '-') to plain text of at most "
                                    + Limits.ATTRIBUTE_VALUE + " characters");
                }
            }
            MessageTemplate parsed = MessageTemplate.parse(template);
            for (String placeholder : parsed.placeholders()) {
                if (!CASE_VALUES.contains(placeholder) && !values.containsKey(placeholder)) {
                    throw ValidationException.of("AutomationRule", "template", "Placeholder",
                            "names {" + placeholder + "}, which is neither a case value " + CASE_VALUES.stream()
                                    .sorted().toList() + " nor one of the rule's values");
                }
            }
        }

        @Override
        public String describe() {
            return "message " + kind.code();
        }
    }

    /**
     * Raises nothing beyond the {@code AutomationFired} event every firing raises, but names a signal on it, so a
     * host's event publisher can act (page a manager, post to a chat).
     *
     * @param signal the signal's name; a letter, then letters, digits, '_', '.' or '-', at most 64 characters
     */
    record RaiseEvent(String signal) implements Action {
        private static final Pattern SIGNAL = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

        /**
         * Checks the signal's name.
         *
         * @param signal the signal's name; a letter, then letters, digits, '_', '.' or '-', at most 64 characters
         */
        public RaiseEvent {
            if (signal == null || !SIGNAL.matcher(signal).matches()) {
                throw ValidationException.of("AutomationRule", "signal", "Pattern",
                        "must be a letter, then letters, digits, '_', '.' or '-', at most 64 characters");
            }
        }

        @Override
        public String describe() {
            return "event " + signal;
        }
    }
}
