package dev.rapport.automation;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.sla.SlaStatus;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What automation conditions look at for one case at one time: the case, the time, its occasion, the business
 * calendars, and, read only when a condition asks, its interactions and SLA status. Not thread-safe; one per case
 * and round.
 */
public final class AutomationFacts {

    private final Case supportCase;
    private final Instant now;
    private final BusinessCalendars calendars;
    private final Supplier<List<Interaction>> interactionSource;
    private final Supplier<SlaStatus> slaSource;
    private List<Interaction> interactions;
    private SlaStatus sla;

    private AutomationFacts(Case supportCase, Instant now, BusinessCalendars calendars,
            Supplier<List<Interaction>> interactions, Supplier<SlaStatus> sla) {
        this.supportCase = Objects.requireNonNull(supportCase, "supportCase");
        this.now = Objects.requireNonNull(now, "now");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.interactionSource = Objects.requireNonNull(interactions, "interactions");
        this.slaSource = Objects.requireNonNull(sla, "sla");
    }

    /**
     * The facts of a case.
     *
     * @param supportCase the case
     * @param now the time the rule is judged at
     * @param calendars where business calendars are looked up
     * @param interactions reads the case's interactions, once, when a condition needs them
     * @param sla computes the case's SLA status, once, when a condition needs it
     * @return the facts
     */
    public static AutomationFacts of(Case supportCase, Instant now, BusinessCalendars calendars,
            Supplier<List<Interaction>> interactions, Supplier<SlaStatus> sla) {
        return new AutomationFacts(supportCase, now, calendars, interactions, sla);
    }

    /**
     * The occasion of a case: the time of its last lifecycle move, or its creation time if it never moved. A rule
     * fires at most once per case and occasion.
     *
     * @param supportCase the case
     * @return its occasion
     */
    public static Instant occasionOf(Case supportCase) {
        List<StatusChange> history = supportCase.history();
        return history.isEmpty() ? supportCase.createdAt() : history.get(history.size() - 1).at();
    }

    /**
     * The case.
     *
     * @return the case the rule is judged on, as read for this round
     */
    public Case supportCase() {
        return supportCase;
    }

    /**
     * The time the rule is judged at.
     *
     * @return the time the rule is judged at, by the engine's clock
     */
    public Instant now() {
        return now;
    }

    /**
     * The case's occasion; see {@link #occasionOf(Case)}.
     *
     * @return the time of the case's last lifecycle move, or its creation time if it never moved
     */
    public Instant occasion() {
        return occasionOf(supportCase);
    }

    /**
     * The business calendars ages are counted on.
     *
     * @return the business calendars the Rapport was built with
     */
    public BusinessCalendars calendars() {
        return calendars;
    }

    /**
     * The case's SLA status now, computed on first use.
     *
     * @return the case's SLA clocks under the Rapport's SLA policy at {@link #now()}
     */
    public SlaStatus sla() {
        if (sla == null) {
            sla = slaSource.get();
        }
        return sla;
    }

    /**
     * When the customer last wrote on the case (an inbound interaction), if ever.
     *
     * @return the time of the customer's last inbound interaction on the case, or empty if there is none
     */
    public Optional<Instant> lastCustomerMessage() {
        return interactions().stream().filter(i -> i.direction() == Direction.INBOUND)
                .map(Interaction::occurredAt).max(Instant::compareTo);
    }

    /**
     * When a human agent last wrote to the customer on the case (an outbound interaction), if ever.
     *
     * @return the time of the last outbound interaction by a human on the case, or empty if there is none
     */
    public Optional<Instant> lastAgentMessage() {
        return interactions().stream()
                .filter(i -> i.direction() == Direction.OUTBOUND && i.handledBy() == Handler.HUMAN)
                .map(Interaction::occurredAt).max(Instant::compareTo);
    }

    private List<Interaction> interactions() {
        if (interactions == null) {
            interactions = List.copyOf(interactionSource.get());
        }
        return interactions;
    }
}
