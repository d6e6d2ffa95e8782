package dev.rapport.spi;

import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.customer.HealthStandings;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.routing.RoutingRepository;
import java.util.Optional;

/**
 * A storage adapter: every repository port plus the transactions they share. This is what an integrator
 * implements and hands to {@code Rapport.builder().storage(...)}; the spi-tck proves an implementation right.
 *
 * <p>Contract: each method returns the same instance every time; all repositories take part in the
 * transactions of {@link #transactions()}; implementations are thread-safe. Instants are kept to the microsecond
 * at least (Rapport stamps its own times to the microsecond); money amounts to four decimal places; strings
 * exactly, up to the lengths in {@link dev.rapport.spi.validation.Limits}; durations to the microsecond.
 * Where a query is ordered by a time, then id, ids compare as unsigned 128-bit numbers, which is the order of
 * their text form and the order in which PostgreSQL and H2 sort UUID columns. A call rejected with a typed
 * exception inside a transaction leaves that transaction usable. The store's clock (used for due times and
 * leases) should agree with the hosts' clocks to well within a minute.
 */
public interface RapportStorage {

    /**
     * The customers.
     *
     * @return the customer repository of this store; the same instance on every call
     */
    CustomerRepository customers();

    /**
     * The interactions.
     *
     * @return the interaction repository of this store; the same instance on every call
     */
    InteractionRepository interactions();

    /**
     * The cases.
     *
     * @return the case repository of this store; the same instance on every call
     */
    CaseRepository cases();

    /**
     * The feedback responses.
     *
     * @return the feedback repository of this store; the same instance on every call
     */
    FeedbackRepository feedback();

    /**
     * The follow-ups.
     *
     * @return the follow-up repository of this store; the same instance on every call
     */
    FollowUpRepository followUps();

    /**
     * The agents.
     *
     * @return the agent repository of this store; the same instance on every call
     */
    AgentRepository agents();

    /**
     * The complaints and compliments, their audit trails and the improvement items.
     *
     * @return the complaint repository of this store; the same instance on every call
     */
    ComplaintRepository complaints();

    /**
     * Routing's shared state: waiting work, open offers and the capacity agents hold for assigned cases, so that
     * every node routes from the same queue.
     *
     * @return the routing repository of this store; the same instance on every call
     */
    RoutingRepository routing();

    /**
     * The records of merged customers, and the move of one customer's records to another.
     *
     * @return the customer-merge port of this store; the same instance on every call
     */
    CustomerMerges customerMerges();

    /**
     * The unit of work shared by all repositories.
     *
     * @return the transaction port every repository of this store takes part in
     */
    Transactions transactions();

    /**
     * The transactional outbox, if this adapter keeps one: events appended to it take part in
     * {@link #transactions()}. Default: none, and events are published straight after commit instead.
     *
     * @return the outbox sharing this store's transactions, or empty if the adapter keeps none
     */
    default Optional<EventOutbox> outbox() {
        return Optional.empty();
    }

    /**
     * The KPI questions answered by the store itself (for example in SQL), if this adapter can: the KPI engine then
     * uses them instead of streaming over the repositories. An implementation must give the reference answers, as
     * the spi-tck's {@code KpiParityContract} checks. Default: none, and the engine streams.
     *
     * @return the store's own KPI queries, or empty if the adapter offers none
     */
    default Optional<KpiQueries> kpiQueries() {
        return Optional.empty();
    }

    /**
     * Whether this adapter's bulk operations ({@code insertAll} of customers, cases, interactions and feedback,
     * {@code findAllByIdentity}) are much cheaper than one call per item, so that bulk writers (the ticket import)
     * should gather their writes and store them in chunks. Default: false, and they write item by item.
     *
     * @return whether to prefer bulk writes
     */
    default boolean prefersBulkWrites() {
        return false;
    }

    /**
     * The firings of case automation rules, keyed so that a rule fires at most once per case and occasion across
     * all nodes, and the scan for the cases the rules look at.
     *
     * @return the automation firings
     */
    AutomationFirings automationFirings();

    /**
     * The last known health band of each customer, so that {@code CustomerAtRisk} is raised once per transition
     * across nodes and KPIs can be broken down by health band.
     *
     * @return the health-standing port of this store; the same instance on every call
     */
    HealthStandings healthStandings();

    /**
     * The audit trails of customers and cases: who changed what, and when, beyond a case's status moves.
     *
     * @return the audit trails
     */
    AuditTrails auditTrails();
}
