package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.routing.RoutingRepository;
import java.util.Objects;
import java.util.Optional;

/**
 * A storage adapter that passes every call to another one: extend it and override only what a decorator changes
 * (one repository kept elsewhere, transactions that also count commits, a KPI answer of your own). Every method,
 * including the optional {@link #outbox()}, {@link #kpiQueries()} and {@link #prefersBulkWrites()}, delegates until
 * overridden.
 *
 * <p>Thread-safe if the delegate is and the overrides are.
 */
public abstract class DelegatingStorage implements RapportStorage {

    private final RapportStorage delegate;

    /**
     * A storage passing every call to the given one.
     *
     * @param delegate where calls go unless a method is overridden
     */
    protected DelegatingStorage(RapportStorage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * The storage calls go to.
     *
     * @return the wrapped storage every call goes to
     */
    protected final RapportStorage delegate() {
        return delegate;
    }

    @Override
    public CustomerRepository customers() {
        return delegate.customers();
    }

    @Override
    public InteractionRepository interactions() {
        return delegate.interactions();
    }

    @Override
    public CaseRepository cases() {
        return delegate.cases();
    }

    @Override
    public FeedbackRepository feedback() {
        return delegate.feedback();
    }

    @Override
    public FollowUpRepository followUps() {
        return delegate.followUps();
    }

    @Override
    public AgentRepository agents() {
        return delegate.agents();
    }

    @Override
    public ComplaintRepository complaints() {
        return delegate.complaints();
    }

    @Override
    public dev.rapport.spi.customer.CustomerMerges customerMerges() {
        return delegate.customerMerges();
    }

    @Override
    public dev.rapport.spi.automation.AutomationFirings automationFirings() {
        return delegate.automationFirings();
    }

    @Override
    public dev.rapport.spi.audit.AuditTrails auditTrails() {
        return delegate.auditTrails();
    }

    @Override
    public dev.rapport.spi.customer.HealthStandings healthStandings() {
        return delegate.healthStandings();
    }

    @Override
    public RoutingRepository routing() {
        return delegate.routing();
    }

    @Override
    public Transactions transactions() {
        return delegate.transactions();
    }

    @Override
    public Optional<EventOutbox> outbox() {
        return delegate.outbox();
    }

    @Override
    public Optional<KpiQueries> kpiQueries() {
        return delegate.kpiQueries();
    }

    @Override
    public boolean prefersBulkWrites() {
        return delegate.prefersBulkWrites();
    }
}
