package dev.rapport.tck.memory;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerMerges;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.routing.RoutingRepository;
import java.time.Clock;
import java.util.Objects;

/**
 * The reference storage adapter: every port held in memory, passing the whole spi-tck. Use it in your own tests
 * instead of mocking Rapport's ports, and as the model when writing an adapter of your own.
 *
 * <p>Thread-safe: one lock serialises every call, and a transaction holds it from start to end, so transactions
 * are serialisable. A rollback restores exactly the values that were there before. Due times and leases are
 * compared with the clock given at construction; the agents' change feed dates each write with that clock too, at
 * the microsecond and never before an earlier write or {@code storeTime()} answer, even if the clock steps back.
 * Nothing survives the JVM.
 */
public final class InMemoryStorage implements RapportStorage {

    private final MemoryState state;
    private final MemoryCustomers customers;
    private final MemoryInteractions interactions;
    private final MemoryCases cases;
    private final MemoryFeedback feedback;
    private final MemoryFollowUps followUps;
    private final MemoryAgents agents;
    private final MemoryComplaints complaints;
    private final MemoryRouting routing;
    private final MemoryCustomerMerges customerMerges;
    private final MemoryAutomationFirings automationFirings;
    private final MemoryHealthStandings healthStandings;
    private final MemoryAuditTrails auditTrails;

    /** A store whose clock is the system's UTC clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /**
     * A store that compares due times and leases with the given clock, so tests control time.
     *
     * @param clock the store's clock
     */
    public InMemoryStorage(Clock clock) {
        state = new MemoryState(Objects.requireNonNull(clock, "clock"));
        customers = new MemoryCustomers(state);
        interactions = new MemoryInteractions(state);
        cases = new MemoryCases(state);
        feedback = new MemoryFeedback(state);
        followUps = new MemoryFollowUps(state);
        agents = new MemoryAgents(state);
        complaints = new MemoryComplaints(state);
        routing = new MemoryRouting(state);
        customerMerges = new MemoryCustomerMerges(state, customers, interactions, cases, feedback, followUps,
                complaints);
        automationFirings = new MemoryAutomationFirings(state, cases);
        healthStandings = new MemoryHealthStandings(state);
        auditTrails = new MemoryAuditTrails(state);
    }

    @Override
    public dev.rapport.spi.audit.AuditTrails auditTrails() {
        return auditTrails;
    }

    @Override
    public AutomationFirings automationFirings() {
        return automationFirings;
    }

    @Override
    public dev.rapport.spi.customer.HealthStandings healthStandings() {
        return healthStandings;
    }

    @Override
    public CustomerMerges customerMerges() {
        return customerMerges;
    }

    @Override
    public CustomerRepository customers() {
        return customers;
    }

    @Override
    public InteractionRepository interactions() {
        return interactions;
    }

    @Override
    public CaseRepository cases() {
        return cases;
    }

    @Override
    public FeedbackRepository feedback() {
        return feedback;
    }

    @Override
    public FollowUpRepository followUps() {
        return followUps;
    }

    @Override
    public AgentRepository agents() {
        return agents;
    }

    @Override
    public ComplaintRepository complaints() {
        return complaints;
    }

    @Override
    public RoutingRepository routing() {
        return routing;
    }

    @Override
    public Transactions transactions() {
        return state;
    }
}
