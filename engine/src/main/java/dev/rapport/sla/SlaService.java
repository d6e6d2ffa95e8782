package dev.rapport.sla;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.internal.Arguments;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.interaction.Interaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells where a case stands against its SLA targets: loads the case, its interactions and its customer's segment
 * from storage and computes every clock with an {@link SlaCalculator}. Nothing is stored: the answer follows the
 * current policy and calendars. Thread-safe.
 */
public final class SlaService {

    private final RapportStorage storage;
    private final SlaCalculator calculator;
    private final Clock clock;

    /**
     * A service over the given storage.
     *
     * @param storage where cases, interactions and customers are read
     * @param policy the targets
     * @param calendars the business calendars the policy's targets name
     * @param clock the clock that says what time it is now
     */
    public SlaService(RapportStorage storage, SlaPolicy policy, BusinessCalendars calendars, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.calculator = new SlaCalculator(policy, calendars);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The policy.
     *
     * @return the policy whose targets every status is computed against
     */
    public SlaPolicy policy() {
        return calculator.policy();
    }

    /**
     * The clocks of a stored case now.
     *
     * @param caseId the id of the case
     * @return every clock of the case at the clock's current instant
     * @throws dev.rapport.spi.cases.CaseNotFoundException if no case has the id
     * @throws dev.rapport.spi.ValidationException naming {@code caseId} if it is null
     */
    public SlaStatus status(CaseId caseId) {
        requireArgument("status", "caseId", caseId);
        Instant now = now();
        return storage.transactions().inTransaction(() -> status(storage.cases().get(caseId), now));
    }

    /**
     * The clocks of a case at an instant, reading its interactions and its customer's segment from storage.
     *
     * @param supportCase the case, with its status history
     * @param at the instant to compute the clocks for, usually now
     * @return every clock of the case at {@code at}
     * @throws dev.rapport.spi.ValidationException naming the argument that is null
     */
    public SlaStatus status(Case supportCase, Instant at) {
        requireArgument("status", "supportCase", supportCase);
        requireArgument("status", "at", at);
        List<Interaction> interactions = storage.interactions().findByCase(supportCase.id());
        Optional<String> segment = storage.customers().findById(supportCase.customerId()).flatMap(Customer::segment);
        return calculator.compute(supportCase, interactions, segment, at);
    }

    /**
     * The clocks of a case at an instant from the given history; reads nothing.
     *
     * @param supportCase the case, with its status history
     * @param interactions the case's interactions, in any order
     * @param segment the customer's segment; empty if the customer has none
     * @param at the instant to compute the clocks for, usually now
     * @return every clock of the case at {@code at}
     * @throws dev.rapport.spi.ValidationException naming the argument that is null
     */
    public SlaStatus compute(Case supportCase, List<Interaction> interactions, Optional<String> segment, Instant at) {
        requireArgument("compute", "supportCase", supportCase);
        requireArgument("compute", "interactions", interactions);
        requireArgument("compute", "segment", segment);
        requireArgument("compute", "at", at);
        return calculator.compute(supportCase, interactions, segment, at);
    }

    /** Now, at the precision stores keep; the sweeper's notion of now too. */
    Instant now() {
        return Arguments.now(clock);
    }
}
