package dev.rapport.followup;

import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What makes a {@link FollowUpRule} fire: an event, a date, or only the host calling
 * {@link FollowUpScheduler#trigger(String, Occasion)}. Create triggers with the factory methods here.
 */
public sealed interface Trigger permits Trigger.OnEvent, Trigger.OnDate, Trigger.Manual {

    /**
     * Fires for events of a type, Rapport's own {@link dev.rapport.spi.event.DomainEvent}s or any type the host or
     * a later package publishes, when the matcher finds an occasion in the event.
     *
     * @param eventType the events it looks at, subtypes included
     * @param matcher the occasion in an event, or empty when the event does not concern the rule; must be
     *        thread-safe and free of side effects
     * @param <E> the event type
     */
    record OnEvent<E>(Class<E> eventType, Function<? super E, Optional<Occasion>> matcher) implements Trigger {

        /**
         * Checks the parts are present.
         *
         * @param eventType the events it looks at, subtypes included
         * @param matcher the occasion in an event, or empty when the event does not concern the rule; must be
         *         thread-safe and free of side effects
         */
        public OnEvent {
            Objects.requireNonNull(eventType, "eventType");
            Objects.requireNonNull(matcher, "matcher");
        }

        /**
         * The occasion in an event, or empty if the event is of another type or does not match.
         *
         * @param event any published event
         * @return the occasion the matcher finds; empty if the event is of another type or does not concern the rule
         */
        public Optional<Occasion> match(Object event) {
            if (!eventType.isInstance(event)) {
                return Optional.empty();
            }
            return Objects.requireNonNull(matcher.apply(eventType.cast(event)), "matcher result");
        }
    }

    /**
     * Fires on dates taken from the customer: the scheduler looks ahead for each customer when
     * {@link FollowUpScheduler#scheduleUpcoming(java.time.Duration)} runs and when a customer is registered or
     * updated. The occasion's time is the start of the date in the customer's time zone.
     *
     * @param dates where the dates come from
     */
    record OnDate(DateSource dates) implements Trigger {

        /**
         * Checks the source is present.
         *
         * @param dates where the dates come from
         */
        public OnDate {
            Objects.requireNonNull(dates, "dates");
        }
    }

    /** Fires only when the host calls {@link FollowUpScheduler#trigger(String, Occasion)}. */
    record Manual() implements Trigger {
    }

    /**
     * A purchase was recorded: {@link InteractionRecorded} of kind {@link InteractionKind#PURCHASE}. Subject
     * {@code "interaction:<id>"}, so each purchase gets one follow-up per rule.
     *
     * @return a trigger on recorded purchases
     */
    static Trigger purchaseRecorded() {
        return interaction(InteractionKind.PURCHASE, false);
    }

    /**
     * A call from the customer was missed: inbound {@link InteractionRecorded} of kind
     * {@link InteractionKind#MISSED_CALL}. Subject {@code "interaction:<id>"}.
     *
     * @return a trigger on inbound missed calls
     */
    static Trigger missedCall() {
        return interaction(InteractionKind.MISSED_CALL, true);
    }

    /**
     * A case was resolved: {@link CaseStatusChanged} to {@link CaseStatus#RESOLVED}. Subject {@code "case:<id>"},
     * so a case gets at most one follow-up per rule (one survey per case); the occasion is dropped if the case is
     * no longer resolved when it is handled.
     *
     * @return a trigger on cases moving to resolved
     */
    static Trigger caseResolved() {
        return caseStatus(CaseStatus.RESOLVED);
    }

    /**
     * A case moved to a status. Subject {@code "case:<id>"}; the occasion is dropped if the case has left the
     * status by the time it is handled.
     *
     * @param to the status the case moved to
     * @return a trigger on cases moving to the status
     */
    static Trigger caseStatus(CaseStatus to) {
        Objects.requireNonNull(to, "to");
        return new OnEvent<>(CaseStatusChanged.class, e -> e.to() == to
                ? Optional.of(Occasion.forCase(e.caseId(), e.occurredAt()).requiringCaseStatus(to))
                : Optional.empty());
    }

    /**
     * Events of any type, including types the host or a later package adds (a complaint closed, a subscription
     * renewed), with a matcher that finds the occasion in them.
     *
     * @param <E> the event type
     * @param eventType the events it looks at, subtypes included
     * @param matcher finds the occasion in an event, or empty when the event does not concern the rule; thread-safe and
     *         free of side effects
     * @return the trigger
     */
    static <E> Trigger on(Class<E> eventType, Function<? super E, Optional<Occasion>> matcher) {
        return new OnEvent<>(eventType, matcher);
    }

    /**
     * A complaint was closed: {@link ComplaintClosed}. Subject {@code "complaint:<id>"}, so each complaint gets one
     * follow-up per rule: the check that the customer is satisfied with how it was handled.
     *
     * @return a trigger on closed complaints
     */
    static Trigger complaintClosed() {
        return new OnEvent<>(ComplaintClosed.class, e -> Optional.of(
                Occasion.forCustomer(e.customerId(), "complaint:" + e.complaintId(), e.occurredAt())));
    }

    /**
     * Every year on the customer's birthday; see {@link DateSource#birthday()}.
     *
     * @return a date trigger on the customer's birthday
     */
    static Trigger birthday() {
        return new OnDate(DateSource.birthday());
    }

    /**
     * On dates from a source, for example a renewal date in a customer attribute.
     *
     * @param dates where the dates come from
     * @return a date trigger
     */
    static Trigger onDate(DateSource dates) {
        return new OnDate(dates);
    }

    /**
     * Only when the host says so.
     *
     * @return a trigger that never fires on events or dates
     */
    static Trigger manual() {
        return new Manual();
    }

    private static Trigger interaction(InteractionKind kind, boolean inboundOnly) {
        return new OnEvent<>(InteractionRecorded.class, e -> {
            if (e.kind() != kind || (inboundOnly && e.direction() != Direction.INBOUND)) {
                return Optional.empty();
            }
            Occasion occasion = Occasion.forCustomer(e.customerId(), "interaction:" + e.interactionId(), e.occurredAt());
            return Optional.of(e.caseId().map(occasion::withCase).orElse(occasion));
        });
    }
}
