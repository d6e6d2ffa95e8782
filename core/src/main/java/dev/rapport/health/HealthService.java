package dev.rapport.health;

import static dev.rapport.internal.Arguments.requireArgument;

import dev.rapport.internal.Arguments;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.kpi.CustomerLifetimeValue;
import dev.rapport.sla.SlaService;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.event.CustomerAtRisk;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.CostToServe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer health: scores a customer from their recent records ({@link #score}), stores the band so that every node
 * agrees on it and raises {@link CustomerAtRisk} once per move into {@link HealthBand#AT_RISK} ({@link #evaluate},
 * {@link #evaluateAll}), and lists the customers at risk by lifetime value ({@link #atRisk}). The worker
 * {@code Worker.HEALTH} runs {@link #evaluateAll()} daily by default; see docs/customers.md.
 *
 * <p>Thread-safe: stateless apart from its configuration; every call reads the storage afresh.
 */
public final class HealthService {

    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

    /** How many records one page of a walk reads. */
    private static final int PAGE = 500;
    /** How often a store of the standing is tried when other nodes store theirs at the same moment. */
    private static final int STORE_ATTEMPTS = 3;
    /** The most customers one {@link #atRisk} call returns: {@value}. */
    public static final int MAX_AT_RISK_LIMIT = 1_000;

    private final RapportStorage storage;
    private final UnitOfWork unitOfWork;
    private final java.time.Clock clock;
    private final HealthPolicy policy;
    private final HealthScorer scorer;
    private final SlaService sla;
    private final CostToServe costToServe;

    /**
     * A service over the engine's runtime; Rapport builds one, hosts use {@code rapport.health()}.
     *
     * @param runtime the engine's storage, clock and unit of work
     * @param policy the health policy (look-back window and thresholds the signals are measured with)
     * @param scorer the scorer that turns signals into a score and band
     * @param sla the SLA service, to find breached targets
     * @param costToServe the cost rates of the lifetime value the at-risk list is ordered by
     */
    public HealthService(EngineRuntime runtime, HealthPolicy policy, HealthScorer scorer, SlaService sla,
            CostToServe costToServe) {
        this.storage = runtime.storage();
        this.unitOfWork = runtime.unitOfWork();
        this.clock = runtime.clock();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.costToServe = Objects.requireNonNull(costToServe, "costToServe");
    }

    /**
     * The policy signals are measured with.
     *
     * @return the policy
     */
    public HealthPolicy policy() {
        return policy;
    }

    /**
     * The scorer in use: the host's, or a {@link WeightedHealthScorer} over the policy.
     *
     * @return the scorer
     */
    public HealthScorer scorer() {
        return scorer;
    }

    /**
     * What Rapport measures about a customer for the score, now.
     *
     * @param customerId the customer
     * @return the signals over the look-back window ending now
     * @throws ValidationException if the id is null
     * @throws CustomerNotFoundException if no such customer is stored
     */
    public HealthSignals signals(CustomerId customerId) {
        requireArgument("health", "customerId", customerId);
        return storage.transactions().inTransaction(() -> signalsOf(storage.customers().get(customerId), now()));
    }

    /**
     * Scores a customer now, without storing anything or raising events.
     *
     * @param customerId the customer
     * @return the health with every factor
     * @throws ValidationException if the id is null
     * @throws CustomerNotFoundException if no such customer is stored
     * @throws IllegalStateException if the host's scorer returns no health, or one for another customer
     */
    public CustomerHealth score(CustomerId customerId) {
        return checked(scorer.score(signals(customerId)), customerId);
    }

    /**
     * The stored standing of a customer: the band of the last evaluation.
     *
     * @param customerId the customer
     * @return the standing, or empty if never evaluated
     * @throws ValidationException if the id is null
     */
    public Optional<HealthStanding> standing(CustomerId customerId) {
        requireArgument("health", "customerId", customerId);
        return storage.healthStandings().find(customerId);
    }

    /**
     * Scores a customer now and stores the standing, in one transaction; raises {@link CustomerAtRisk} when the
     * customer moves into {@link HealthBand#AT_RISK} from another band or from no standing. The store is a
     * compare-and-set on the band read, so when several nodes evaluate the same customer at once exactly one raises
     * the event.
     *
     * @param customerId the customer
     * @return the health as scored
     * @throws ValidationException if the id is null
     * @throws CustomerNotFoundException if no such customer is stored
     * @throws IllegalStateException if the host's scorer misbehaves (see {@link #score})
     */
    public CustomerHealth evaluate(CustomerId customerId) {
        requireArgument("health", "customerId", customerId);
        return unitOfWork.run(events -> {
            Instant now = now();
            CustomerHealth health = checked(scorer.score(signalsOf(storage.customers().get(customerId), now)),
                    customerId);
            try {
                Retry.onConflict(STORE_ATTEMPTS, "Health of customer " + customerId, StandingMoved.class::isInstance,
                        () -> store(health, now, events));
            } catch (StandingMoved e) {
                // other nodes stored their evaluations of this customer in the meantime; theirs stand
                LOG.debug("Health of customer {} was stored by another evaluation meanwhile", customerId);
            }
            return health;
        });
    }

    /**
     * Replaces the stored standing with the health if it is still the one read, adding {@link CustomerAtRisk} on a
     * move into {@link HealthBand#AT_RISK}; throws {@link StandingMoved} if another evaluation stored one meanwhile.
     */
    private Void store(CustomerHealth health, Instant now, List<DomainEvent> events) {
        CustomerId customerId = health.customerId();
        Optional<HealthStanding> stored = storage.healthStandings().find(customerId);
        Optional<HealthBand> before = stored.map(HealthStanding::band);
        Instant since = stored.filter(s -> s.band() == health.band()).map(HealthStanding::since)
                .filter(s -> !s.isAfter(now)).orElse(now);
        HealthStanding next = new HealthStanding(customerId, health.band(), health.score(), now, since);
        if (!storage.healthStandings().replace(before, next)) {
            throw new StandingMoved();
        }
        if (health.band() == HealthBand.AT_RISK && before.filter(HealthBand.AT_RISK::equals).isEmpty()) {
            events.add(new CustomerAtRisk(UUID.randomUUID(), now, customerId, before, health.score()));
        }
        return null;
    }

    /** The stored standing moved on between reading it and replacing it: another evaluation stored its own. */
    private static final class StandingMoved extends RapportException {
        private static final long serialVersionUID = 1L;

        StandingMoved() {
            super("the stored health standing changed meanwhile");
        }
    }

    /**
     * Evaluates every customer (as {@link #evaluate}), one transaction each, walking the customers by id a page at
     * a time ({@code CustomerRepository.listAfter}), so a round over many customers never re-reads earlier pages. A
     * failing customer is logged by id and counted, and the round goes on. The worker {@code Worker.HEALTH} runs
     * this.
     *
     * @return what the round did
     */
    public HealthSweepReport evaluateAll() {
        int evaluated = 0;
        int atRisk = 0;
        int became = 0;
        int failed = 0;
        for (Customer customer : everyCustomer()) {
            try {
                Optional<HealthBand> before = storage.healthStandings().find(customer.id()).map(HealthStanding::band);
                CustomerHealth health = evaluate(customer.id());
                evaluated++;
                if (health.band() == HealthBand.AT_RISK) {
                    atRisk++;
                    if (before.filter(HealthBand.AT_RISK::equals).isEmpty()) {
                        became++;
                    }
                }
            } catch (CustomerNotFoundException gone) {
                // merged or removed while the round ran
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Health evaluation of customer {} failed", customer.id(), e);
            }
        }
        return new HealthSweepReport(evaluated, atRisk, became, failed);
    }

    /**
     * The customers whose stored band is {@link HealthBand#AT_RISK}, ordered by historic lifetime value (the KPI's
     * definition, with the KPI settings' cost to serve), highest first; customers without a value in the currency
     * come last; ties by customer id. Reads the stored bands, so run {@link #evaluateAll()} (or the worker) first.
     *
     * @param currency the currency of the lifetime value
     * @param limit how many at most, 1 to {@value #MAX_AT_RISK_LIMIT}
     * @return the customers at risk, most valuable first
     * @throws ValidationException naming {@code currency} if null or {@code limit} if out of range
     */
    public List<AtRiskCustomer> atRisk(Currency currency, int limit) {
        List<ValidationException.Violation> bad = new ArrayList<>();
        if (currency == null) {
            bad.add(new ValidationException.Violation("currency", "NotNull", "must not be null"));
        }
        if (limit < 1 || limit > MAX_AT_RISK_LIMIT) {
            bad.add(new ValidationException.Violation("limit", "Range", "must be 1 to " + MAX_AT_RISK_LIMIT));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException("atRisk", bad);
        }
        Instant now = now();
        List<AtRiskCustomer> all = new ArrayList<>();
        for (HealthStanding standing : afterKey((after, size) -> storage.healthStandings().findByBand(
                HealthBand.AT_RISK, after, size), HealthStanding::customerId)) {
            storage.customers().findById(standing.customerId()).ifPresent(customer -> all.add(
                    new AtRiskCustomer(customer.id(), customer.name(), standing,
                            CustomerLifetimeValue.historic(storage, customer, currency, costToServe, now))));
        }
        all.sort(Comparator.<AtRiskCustomer, BigDecimal>comparing(a -> a.lifetimeValue().orElse(null),
                Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(a -> a.customerId().value().toString()));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    /** Every customer, by id, a page at a time from the last id seen (each page found through the key). */
    private Iterable<Customer> everyCustomer() {
        return afterKey(storage.customers()::listAfter, Customer::id);
    }

    /**
     * Every item of a query by customer id, a page of {@link #PAGE} at a time from the last id seen, so each page is
     * found through the key and no earlier page is read again. A page shorter than {@link #PAGE} is the last.
     */
    private static <T> Iterable<T> afterKey(BiFunction<Optional<CustomerId>, Integer, List<T>> query,
            Function<T, CustomerId> key) {
        return PageWalk.byKey(PAGE, (last, size) -> query.apply(last.map(key), size));
    }

    // ------------------------------------------------------------------------------------------------ signals

    private HealthSignals signalsOf(Customer customer, Instant now) {
        Instant windowStart = now.minus(policy.lookBack());
        CustomerId id = customer.id();
        int ratings = 0;
        int low = 0;
        for (Feedback f : PageWalk.byOffset(PAGE, p -> storage.feedback().findByCustomer(id, p))) {
            if (f.metric() == FeedbackMetric.CSAT && within(f.receivedAt(), windowStart, now)) {
                ratings++;
                if (!satisfied(f.scale(), f.score())) {
                    low++;
                }
            }
        }
        int open = 0;
        int recent = 0;
        for (Complaint c : PageWalk.byOffset(PAGE, p -> storage.complaints().findByCustomer(id, p))) {
            if (c.kind() != ComplaintKind.COMPLAINT || c.receivedAt().isAfter(now)) {
                continue;
            }
            if (c.stage() != ComplaintStage.CLOSED) {
                open++;
            }
            if (within(c.receivedAt(), windowStart, now)) {
                recent++;
            }
        }
        int repeats = 0;
        int breaches = 0;
        Instant previousCase = null;
        Instant lastContact = null;
        boolean slaRules = !sla.policy().rules().isEmpty();
        for (Case c : PageWalk.byOffset(PAGE, p -> storage.cases().findByCustomer(id, p))) {
            if (c.createdAt().isAfter(now)) {
                continue;
            }
            lastContact = later(lastContact, c.createdAt());
            if (within(c.createdAt(), windowStart, now)) {
                if (previousCase != null
                        && !c.createdAt().isAfter(previousCase.plus(policy.repeatWindow()))) {
                    repeats++;
                }
                if (slaRules && sla.status(c, now).anyBreached()) {
                    breaches++;
                }
            }
            previousCase = c.createdAt();
        }
        Instant lastPurchase = null;
        for (Interaction i : PageWalk.byOffset(PAGE,
                p -> storage.interactions().findByCustomer(id, TimeRange.of(Instant.MIN, now), p))) {
            if (i.kind() == InteractionKind.PURCHASE) {
                lastPurchase = later(lastPurchase, i.occurredAt());
            } else if (i.direction() == Direction.INBOUND) {
                lastContact = later(lastContact, i.occurredAt());
            }
        }
        return new HealthSignals(id, now, windowStart, customer.createdAt(), ratings, low, open, recent, repeats,
                breaches, Optional.ofNullable(lastPurchase), Optional.ofNullable(lastContact));
    }

    /** Whether a rating is at or above the CSAT threshold, both mapped to 0..1 on their scales (as the CSAT KPI). */
    private boolean satisfied(Scale scale, int score) {
        long good = scale.direction() == ScaleDirection.HIGHER_IS_BETTER ? score - scale.min() : scale.max() - score;
        return good * 4L >= (long) (policy.csatThreshold() - 1) * (scale.max() - scale.min());
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private Instant now() {
        return Arguments.now(clock);
    }

    private static CustomerHealth checked(CustomerHealth health, CustomerId customerId) {
        if (health == null || !health.customerId().equals(customerId)) {
            throw new IllegalStateException("the health scorer returned " + (health == null ? "no health"
                    : "the health of another customer") + " for customer " + customerId);
        }
        return health;
    }
}
