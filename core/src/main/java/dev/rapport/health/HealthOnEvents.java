package dev.rapport.health;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.ComplaintClosed;
import dev.rapport.spi.event.ComplaintReceived;
import dev.rapport.spi.event.CustomersMerged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.event.SlaBreached;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-scores a customer soon after something that moves their health happens, so a customer who complains or rates a
 * reply badly is seen at risk within seconds, not at the next daily round of {@code Worker.HEALTH}. The worker
 * {@code Worker.HEALTH_RESCORE} runs it; see docs/customers.md.
 *
 * <p>The events that move a factor of {@link HealthPolicy.Factor}, and the customer each one marks:
 * <ul>
 * <li>{@link FeedbackReceived}: the rating's customer (recent satisfaction);</li>
 * <li>{@link ComplaintReceived} and {@link ComplaintClosed}: the complainant (open and recent complaints);</li>
 * <li>{@link SlaBreached}: the customer of the breached case (promises missed);</li>
 * <li>{@link CaseOpened}: the case's customer (repeat contacts, time since the last contact);</li>
 * <li>{@link InteractionRecorded} of an inbound contact or a purchase: its customer (time since the last contact
 * or the last purchase);</li>
 * <li>{@link CustomersMerged}: the survivor, whose records now include the merged customer's.</li>
 * </ul>
 * Every other event, {@code CustomerAtRisk} included, is left alone.
 *
 * <p>Marking is cheap and happens where every event goes after its commit: on the node whose relay delivers the
 * event (with the outbox), or on the node that made the change (without). A customer marked many times between two
 * rounds is re-scored once, so a burst of events (an import, a busy hour) costs one evaluation per customer, not one
 * per event. The marks live in this node's memory, and that is all that does: the scores and bands are stored with
 * the compare-and-set of {@link HealthService#evaluate}, so a customer re-scored on two nodes at once still raises
 * one {@code CustomerAtRisk}. Marks lost with a node that stops are picked up by the daily round. A failed evaluation
 * is logged and left to the daily round: it never holds up an event's delivery. Marks are kept only between
 * {@link #activate()} and {@link #deactivate()} (the worker's lifetime), and at most {@link #MAX_PENDING} at once.
 * Thread-safe.
 */
public final class HealthOnEvents {

    private static final Logger LOG = LoggerFactory.getLogger(HealthOnEvents.class);

    /** The most customers waiting to be re-scored at once; marks beyond it wait for the daily round: {@value}. */
    public static final int MAX_PENDING = 100_000;

    private final HealthService health;
    private final RapportStorage storage;
    private final Set<CustomerId> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean active;

    /**
     * A hook over the health service; Rapport builds one, and its worker {@code Worker.HEALTH_RESCORE} activates it.
     *
     * @param health the service whose {@link HealthService#evaluate} re-scores the customer
     * @param storage the storage, to find the customer of a case for events that name only the case
     */
    public HealthOnEvents(HealthService health, RapportStorage storage) {
        this.health = Objects.requireNonNull(health, "health");
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** Starts keeping marks; the worker calls it when it starts. */
    public void activate() {
        active = true;
    }

    /** Stops keeping marks and forgets those not yet re-scored; the worker calls it when it stops. */
    public void deactivate() {
        active = false;
        pending.clear();
    }

    /**
     * Marks the customer the event concerns for re-scoring, if the event moves a health factor and marks are kept;
     * otherwise does nothing. Never throws for a storage failure (it is logged).
     *
     * @param event an event just committed; not null
     * @return the customer marked, or empty when nothing was marked
     */
    public Optional<CustomerId> onEvent(DomainEvent event) {
        if (!active) {
            return Optional.empty();
        }
        Optional<CustomerId> customer;
        try {
            customer = customerOf(event);
        } catch (RuntimeException e) {
            LOG.warn("Could not find the customer of event {} of type {} to re-score their health", event.eventId(),
                    event.type(), e);
            return Optional.empty();
        }
        if (customer.isEmpty() || (pending.size() >= MAX_PENDING && !pending.contains(customer.get()))) {
            return Optional.empty();
        }
        pending.add(customer.get());
        return customer;
    }

    /**
     * How many customers are marked and not yet re-scored.
     *
     * @return the number of marked customers, 0 to {@link #MAX_PENDING}
     */
    public int pending() {
        return pending.size();
    }

    /**
     * Re-scores every customer marked before this call (as {@link HealthService#evaluate}, one transaction each) and
     * clears their marks; marks made meanwhile wait for the next round. A customer no longer stored is skipped; a
     * failed evaluation is logged and left to the daily round.
     *
     * @return how many customers were re-scored
     */
    public int rescorePending() {
        List<CustomerId> round = new ArrayList<>(pending);
        int rescored = 0;
        for (CustomerId customer : round) {
            pending.remove(customer);
            try {
                health.evaluate(customer);
                rescored++;
            } catch (CustomerNotFoundException e) {
                // erased or merged away since the event: nothing to score
                LOG.debug("Customer {} is gone; no health to re-score", customer);
            } catch (RuntimeException e) {
                LOG.warn("Health of customer {} was not re-scored; the daily round will", customer, e);
            }
        }
        return rescored;
    }

    /**
     * The customer whose health the event moves.
     *
     * @param event the event
     * @return the customer, or empty when the event moves no health factor or names a case no longer stored
     */
    Optional<CustomerId> customerOf(DomainEvent event) {
        if (event instanceof FeedbackReceived e) {
            return Optional.of(e.customerId());
        }
        if (event instanceof ComplaintReceived e) {
            return Optional.of(e.customerId());
        }
        if (event instanceof ComplaintClosed e) {
            return Optional.of(e.customerId());
        }
        if (event instanceof CustomersMerged e) {
            return Optional.of(e.into());
        }
        if (event instanceof CaseOpened e) {
            return Optional.of(e.customerId());
        }
        if (event instanceof InteractionRecorded e) {
            return e.direction() == Direction.INBOUND || e.kind() == InteractionKind.PURCHASE
                    ? Optional.of(e.customerId()) : Optional.empty();
        }
        if (event instanceof SlaBreached e) {
            return customerOfCase(e.caseId());
        }
        return Optional.empty();
    }

    private Optional<CustomerId> customerOfCase(CaseId id) {
        return storage.cases().findById(id).map(Case::customerId);
    }
}
