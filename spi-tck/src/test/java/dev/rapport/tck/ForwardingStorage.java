package dev.rapport.tck;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A store that forwards every call to another one. The deliberately broken adapters of the kit's self-test extend
 * it and its forwarding repositories, overriding only what they break.
 */
class ForwardingStorage implements RapportStorage {

    private final RapportStorage delegate;
    private final CustomerRepository customers;
    private final CaseRepository cases;
    private final FollowUpRepository followUps;
    private final AgentRepository agents;
    private final ComplaintRepository complaints;
    private final RoutingRepository routing;
    private final Transactions transactions;

    ForwardingStorage(RapportStorage delegate, CustomerRepository customers, CaseRepository cases,
            FollowUpRepository followUps, AgentRepository agents, Transactions transactions) {
        this(delegate, customers, cases, followUps, agents, delegate.complaints(), transactions);
    }

    ForwardingStorage(RapportStorage delegate, CustomerRepository customers, CaseRepository cases,
            FollowUpRepository followUps, AgentRepository agents, ComplaintRepository complaints,
            Transactions transactions) {
        this(delegate, customers, cases, followUps, agents, complaints, delegate.routing(), transactions);
    }

    ForwardingStorage(RapportStorage delegate, CustomerRepository customers, CaseRepository cases,
            FollowUpRepository followUps, AgentRepository agents, ComplaintRepository complaints,
            RoutingRepository routing, Transactions transactions) {
        this.complaints = complaints;
        this.routing = routing;
        this.delegate = delegate;
        this.customers = customers;
        this.cases = cases;
        this.followUps = followUps;
        this.agents = agents;
        this.transactions = transactions;
    }

    @Override
    public CustomerRepository customers() {
        return customers;
    }

    @Override
    public InteractionRepository interactions() {
        return delegate.interactions();
    }

    @Override
    public CaseRepository cases() {
        return cases;
    }

    @Override
    public FeedbackRepository feedback() {
        return delegate.feedback();
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
        return routing;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    /** Forwards every customer call. */
    static class Customers implements CustomerRepository {
        final CustomerRepository delegate;

        Customers(CustomerRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Customer insert(Customer customer) {
            return delegate.insert(customer);
        }

        @Override
        public Customer update(Customer customer) {
            return delegate.update(customer);
        }

        @Override
        public Optional<Customer> findById(CustomerId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<Customer> findByIdentity(Channel channel, String value) {
            return delegate.findByIdentity(channel, value);
        }

        @Override
        public Page<Customer> list(PageRequest page) {
            return delegate.list(page);
        }

        @Override
        public long count() {
            return delegate.count();
        }

        @Override
        public Page<Customer> findByTag(String tag, PageRequest page) {
            return delegate.findByTag(tag, page);
        }
    }

    /** Forwards every case call. */
    static class Cases implements CaseRepository {
        final CaseRepository delegate;

        Cases(CaseRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Case insert(Case supportCase) {
            return delegate.insert(supportCase);
        }

        @Override
        public Case update(Case supportCase) {
            return delegate.update(supportCase);
        }

        @Override
        public Optional<Case> findById(CaseId id) {
            return delegate.findById(id);
        }

        @Override
        public Page<Case> findByCustomer(CustomerId customerId, PageRequest page) {
            return delegate.findByCustomer(customerId, page);
        }

        @Override
        public Page<Case> findByStatus(Set<CaseStatus> statuses, PageRequest page) {
            return delegate.findByStatus(statuses, page);
        }

        @Override
        public Page<Case> findCreatedBetween(TimeRange created, PageRequest page) {
            return delegate.findCreatedBetween(created, page);
        }

        @Override
        public Page<Case> findByTag(String tag, PageRequest page) {
            return delegate.findByTag(tag, page);
        }

        @Override
        public Page<Case> findByField(String field, dev.rapport.spi.field.FieldValue value, PageRequest page) {
            return delegate.findByField(field, value, page);
        }
    }

    /** Forwards every follow-up call. */
    static class FollowUps implements FollowUpRepository {
        final FollowUpRepository delegate;

        FollowUps(FollowUpRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public FollowUp insert(FollowUp followUp) {
            return delegate.insert(followUp);
        }

        @Override
        public FollowUp update(FollowUp followUp) {
            return delegate.update(followUp);
        }

        @Override
        public List<Optional<FollowUp>> updateEach(List<FollowUp> followUps) {
            return delegate.updateEach(followUps);
        }

        @Override
        public Optional<FollowUp> findById(FollowUpId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<FollowUp> findByIdempotencyKey(String idempotencyKey) {
            return delegate.findByIdempotencyKey(idempotencyKey);
        }

        @Override
        public Page<FollowUp> findByCustomer(CustomerId customerId, PageRequest page) {
            return delegate.findByCustomer(customerId, page);
        }

        @Override
        public Page<FollowUp> findByStatus(Set<FollowUpStatus> statuses, PageRequest page) {
            return delegate.findByStatus(statuses, page);
        }

        @Override
        public List<FollowUp> claimDue(String owner, Duration lease, int limit) {
            return delegate.claimDue(owner, lease, limit);
        }
    }

    /** Forwards every agent call. */
    static class Agents implements AgentRepository {
        final AgentRepository delegate;

        Agents(AgentRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Agent insert(Agent agent) {
            return delegate.insert(agent);
        }

        @Override
        public Agent update(Agent agent) {
            return delegate.update(agent);
        }

        @Override
        public Optional<Agent> findById(AgentId id) {
            return delegate.findById(id);
        }

        @Override
        public Page<Agent> list(PageRequest page) {
            return delegate.list(page);
        }

        @Override
        public Page<Agent> findByTeam(TeamId team, PageRequest page) {
            return delegate.findByTeam(team, page);
        }

        @Override
        public List<AgentChange> changedSince(Instant since, Optional<AgentId> after, int limit) {
            return delegate.changedSince(since, after, limit);
        }

        @Override
        public Instant storeTime() {
            return delegate.storeTime();
        }
    }

    /** Forwards every routing call. */
    static class Routing implements RoutingRepository {
        final RoutingRepository delegate;

        Routing(RoutingRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public RoutingWork insertWork(RoutingWork work) {
            return delegate.insertWork(work);
        }

        @Override
        public RoutingWork updateWork(RoutingWork work) {
            return delegate.updateWork(work);
        }

        @Override
        public void deleteWork(RoutingWork work) {
            delegate.deleteWork(work);
        }

        @Override
        public Optional<RoutingWork> removeWork(CaseId caseId) {
            return delegate.removeWork(caseId);
        }

        @Override
        public Optional<RoutingWork> findWork(CaseId caseId) {
            return delegate.findWork(caseId);
        }

        @Override
        public Optional<RoutingWork> findWorkByOffer(java.util.UUID offerId) {
            return delegate.findWorkByOffer(offerId);
        }

        @Override
        public List<RoutingWork> listWork(Optional<CaseId> after, int limit) {
            return delegate.listWork(after, limit);
        }

        @Override
        public long countWork() {
            return delegate.countWork();
        }

        @Override
        public void putHolding(RoutingHolding holding) {
            delegate.putHolding(holding);
        }

        @Override
        public Optional<RoutingHolding> findHolding(CaseId caseId) {
            return delegate.findHolding(caseId);
        }

        @Override
        public Optional<RoutingHolding> removeHolding(CaseId caseId) {
            return delegate.removeHolding(caseId);
        }
    }

    /** Forwards every complaint call. */
    static class Complaints implements ComplaintRepository {
        final ComplaintRepository delegate;

        Complaints(ComplaintRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public int redactAuditDetails(ComplaintId complaintId, Map<Integer, Optional<String>> details) {
            return delegate.redactAuditDetails(complaintId, details);
        }

        @Override
        public Complaint insert(Complaint complaint) {
            return delegate.insert(complaint);
        }

        @Override
        public Complaint update(Complaint complaint) {
            return delegate.update(complaint);
        }

        @Override
        public Optional<Complaint> findById(ComplaintId id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<Complaint> findByReference(ComplaintReference reference) {
            return delegate.findByReference(reference);
        }

        @Override
        public Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
            return delegate.findByCustomer(customerId, page);
        }

        @Override
        public Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
            return delegate.findByStage(stages, page);
        }

        @Override
        public Page<Complaint> findReceivedBetween(TimeRange received, PageRequest page) {
            return delegate.findReceivedBetween(received, page);
        }

        @Override
        public Page<Complaint> findByRootCause(String rootCause, TimeRange received, PageRequest page) {
            return delegate.findByRootCause(rootCause, received, page);
        }

        @Override
        public Page<Complaint> findByProduct(String product, TimeRange received, PageRequest page) {
            return delegate.findByProduct(product, received, page);
        }

        @Override
        public long nextReferenceNumber(int year) {
            return delegate.nextReferenceNumber(year);
        }

        @Override
        public void appendAudit(ComplaintId complaintId, AuditEntry entry) {
            delegate.appendAudit(complaintId, entry);
        }

        @Override
        public List<AuditEntry> auditTrail(ComplaintId complaintId) {
            return delegate.auditTrail(complaintId);
        }

        @Override
        public ImprovementItem insertImprovement(ImprovementItem item) {
            return delegate.insertImprovement(item);
        }

        @Override
        public ImprovementItem updateImprovement(ImprovementItem item) {
            return delegate.updateImprovement(item);
        }

        @Override
        public Optional<ImprovementItem> findImprovementById(ImprovementId id) {
            return delegate.findImprovementById(id);
        }

        @Override
        public Optional<ImprovementItem> findImprovementByIssue(IssueKey issue) {
            return delegate.findImprovementByIssue(issue);
        }

        @Override
        public Page<ImprovementItem> findImprovementsByStatus(Set<ImprovementStatus> statuses, PageRequest page) {
            return delegate.findImprovementsByStatus(statuses, page);
        }
    }
}
