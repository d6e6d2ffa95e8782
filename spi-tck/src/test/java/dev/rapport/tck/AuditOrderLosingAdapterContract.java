package dev.rapport.tck;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.tck.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The kit run against an adapter that orders a trail by time, then by entry id, as a table without an append
 * sequence would: entries written in one transaction, which share a time, then read in a random order. It must fail;
 * run only through {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class AuditOrderLosingAdapterContract extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        AuditTrails byId = new AuditTrails() {
            @Override
            public TrailEntry append(TrailEntry entry) {
                return store.auditTrails().append(entry);
            }

            @Override
            public Page<TrailEntry> find(AuditSubject subject, PageRequest page) {
                List<TrailEntry> all = new ArrayList<>();
                Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
                while (request.isPresent()) {
                    Page<TrailEntry> found = store.auditTrails().find(subject, request.get());
                    all.addAll(found.items());
                    request = found.nextRequest();
                }
                // the broken part: ties broken by id, not by the order of appending
                all.sort(Comparator.comparing(TrailEntry::at).thenComparing(TrailEntry::id));
                return Page.slice(all, page);
            }

            @Override
            public int redact(AuditSubject subject, List<TrailEntry> entries) {
                return store.auditTrails().redact(subject, entries);
            }
        };
        return new ForwardingStorage(store, new ForwardingStorage.Customers(store.customers()),
                new ForwardingStorage.Cases(store.cases()), new ForwardingStorage.FollowUps(store.followUps()),
                new ForwardingStorage.Agents(store.agents()), store.transactions()) {
            @Override
            public AuditTrails auditTrails() {
                return byId;
            }
        };
    }
}
