package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.tck.memory.InMemoryStorage;
import java.util.List;
import java.util.Optional;

/**
 * The kit run against an adapter that ignores versions: every update overwrites whatever is stored ("last write
 * wins"), and waiting work is handed out whatever version is deleted. It must fail; run only through
 * {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class VersionIgnoringAdapterContract extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        return new ForwardingStorage(store,
                new ForwardingStorage.Customers(store.customers()) {
                    @Override
                    public Customer update(Customer customer) {
                        return delegate.update(delegate.findById(customer.id())
                                .map(current -> customer.withVersion(current.version())).orElse(customer));
                    }
                },
                new ForwardingStorage.Cases(store.cases()) {
                    @Override
                    public Case update(Case supportCase) {
                        return delegate.update(delegate.findById(supportCase.id())
                                .map(current -> supportCase.withVersion(current.version())).orElse(supportCase));
                    }
                },
                new ForwardingStorage.FollowUps(store.followUps()) {
                    @Override
                    public FollowUp update(FollowUp followUp) {
                        return delegate.update(delegate.findById(followUp.id())
                                .map(current -> followUp.withVersion(current.version())).orElse(followUp));
                    }

                    @Override
                    public List<Optional<FollowUp>> updateEach(List<FollowUp> followUps) {
                        return delegate.updateEach(followUps.stream().map(f -> delegate.findById(f.id())
                                .map(current -> f.withVersion(current.version())).orElse(f)).toList());
                    }
                },
                new ForwardingStorage.Agents(store.agents()) {
                    @Override
                    public Agent update(Agent agent) {
                        return delegate.update(delegate.findById(agent.id())
                                .map(current -> agent.withVersion(current.version())).orElse(agent));
                    }
                },
                new ForwardingStorage.Complaints(store.complaints()) {
                    @Override
                    public Complaint update(Complaint complaint) {
                        return delegate.update(delegate.findById(complaint.id())
                                .map(current -> complaint.withVersion(current.version())).orElse(complaint));
                    }

                    @Override
                    public ImprovementItem updateImprovement(ImprovementItem item) {
                        return delegate.updateImprovement(delegate.findImprovementById(item.id())
                                .map(current -> item.withVersion(current.version())).orElse(item));
                    }
                },
                new ForwardingStorage.Routing(store.routing()) {
                    @Override
                    public RoutingWork updateWork(RoutingWork work) {
                        return delegate.updateWork(delegate.findWork(work.caseId())
                                .map(current -> work.withVersion(current.version())).orElse(work));
                    }

                    @Override
                    public void deleteWork(RoutingWork work) {
                        delegate.deleteWork(delegate.findWork(work.caseId())
                                .map(current -> work.withVersion(current.version())).orElse(work));
                    }
                },
                store.transactions());
    }
}
