package dev.rapport.tck;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.audit.TrailEntry;
import java.util.List;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * The kit run against an adapter that accepts every redaction and redacts nothing: the redaction methods of the
 * interaction and feedback repositories report nothing changed, and audit details stay as they were, so erasure would
 * leave personal text behind while believing it done. It must fail; run only through
 * {@link StorageContractSelfTest}, never on its own (its name keeps Surefire from picking it up).
 */
class RedactionIgnoringAdapterContract extends RapportStorageContract {

    @Override
    protected RapportStorage createStorage() {
        InMemoryStorage store = new InMemoryStorage();
        InteractionRepository interactions = ignoringRedaction(InteractionRepository.class, store.interactions());
        FeedbackRepository feedback = ignoringRedaction(FeedbackRepository.class, store.feedback());
        ComplaintRepository complaints = new ForwardingStorage.Complaints(store.complaints()) {
            @Override
            public int redactAuditDetails(ComplaintId complaintId, Map<Integer, Optional<String>> details) {
                return 0; // the broken part: nothing is redacted
            }
        };
        AuditTrails auditTrails = new AuditTrails() {
            @Override
            public TrailEntry append(TrailEntry entry) {
                return store.auditTrails().append(entry);
            }

            @Override
            public Page<TrailEntry> find(AuditSubject subject, PageRequest page) {
                return store.auditTrails().find(subject, page);
            }

            @Override
            public int redact(AuditSubject subject, List<TrailEntry> entries) {
                return 0; // the broken part: nothing is redacted
            }
        };
        return new ForwardingStorage(store, new ForwardingStorage.Customers(store.customers()),
                new ForwardingStorage.Cases(store.cases()), new ForwardingStorage.FollowUps(store.followUps()),
                new ForwardingStorage.Agents(store.agents()), complaints, store.transactions()) {
            @Override
            public InteractionRepository interactions() {
                return interactions;
            }

            @Override
            public FeedbackRepository feedback() {
                return feedback;
            }

            @Override
            public AuditTrails auditTrails() {
                return auditTrails;
            }
        };
    }

    /** A repository that forwards every call but answers the redaction methods with "nothing changed". */
    private static <R> R ignoringRedaction(Class<R> type, R target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("redactForCustomer")) {
                return 0;
            }
            if (method.getName().equals("redact")) {
                return false;
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
