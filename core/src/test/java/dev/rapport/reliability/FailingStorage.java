package dev.rapport.reliability;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The in-memory reference adapter with one fault planted: the N-th call to the store fails with a
 * {@link StorageException}. Calls are counted over all repositories together, and the commit of each outermost
 * transaction counts as a call too. A fault {@link Mode#BEFORE before} the call means the store never saw it (a
 * connection refused); a fault {@link Mode#AFTER after} it means the store did the work and then the answer was
 * lost (a connection dropped before the reply), so inside a transaction the work is rolled back with it and
 * outside one it stays done. A commit fault rolls the whole transaction back, as a failed commit does. Only one
 * fault is planted per run. Thread-safe as the adapter is; the counting is meant for one thread.
 */
final class FailingStorage implements RapportStorage {

    /** When a planted fault strikes relative to the call it hits. */
    enum Mode {
        /** The call fails before reaching the store. */
        BEFORE,
        /** The call reaches the store, then fails. */
        AFTER
    }

    private final InMemoryStorage delegate;
    private final int failAt;
    private final Mode mode;
    private int calls;
    private int depth;
    private String failedCall;
    private final CustomerRepository customers;
    private final InteractionRepository interactions;
    private final CaseRepository cases;
    private final FeedbackRepository feedback;
    private final FollowUpRepository followUps;
    private final AgentRepository agents;
    private final ComplaintRepository complaints;
    private final RoutingRepository routing;
    private final Transactions transactions;

    /**
     * Wraps an adapter.
     *
     * @param delegate the real adapter
     * @param failAt the number of the call that fails, from 1; 0 for none
     * @param mode when the fault strikes
     */
    FailingStorage(InMemoryStorage delegate, int failAt, Mode mode) {
        this.delegate = delegate;
        this.failAt = failAt;
        this.mode = mode;
        customers = wrap(CustomerRepository.class, "customers", delegate.customers());
        interactions = wrap(InteractionRepository.class, "interactions", delegate.interactions());
        cases = wrap(CaseRepository.class, "cases", delegate.cases());
        feedback = wrap(FeedbackRepository.class, "feedback", delegate.feedback());
        followUps = wrap(FollowUpRepository.class, "followUps", delegate.followUps());
        agents = wrap(AgentRepository.class, "agents", delegate.agents());
        complaints = wrap(ComplaintRepository.class, "complaints", delegate.complaints());
        routing = wrap(RoutingRepository.class, "routing", delegate.routing());
        transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                boolean outermost = depth == 0;
                depth++;
                try {
                    return delegate.transactions().inTransaction(() -> {
                        T result = work.get();
                        if (outermost && tick("commit")) {
                            throw fault("commit");
                        }
                        return result;
                    });
                } finally {
                    depth--;
                }
            }
        };
    }

    /**
     * An outbox whose calls are counted, and failed, with this store's: for the relay, which calls the outbox outside
     * any transaction of this store.
     */
    EventOutbox counting(EventOutbox outbox) {
        return wrap(EventOutbox.class, "outbox", outbox);
    }

    /** How many calls, commits included, the store has seen so far. */
    int calls() {
        return calls;
    }

    /** Whether the planted fault has struck. */
    boolean faultInjected() {
        return failedCall != null;
    }

    /** The call the fault struck, such as {@code "cases.update"} or {@code "commit"}; null if none yet. */
    String failedCall() {
        return failedCall;
    }

    /** Whether a transaction is running on this thread. */
    boolean inTransaction() {
        return depth > 0;
    }

    /** The real adapter, for reads that must not count. */
    InMemoryStorage delegate() {
        return delegate;
    }

    private boolean tick(String call) {
        calls++;
        if (calls == failAt) {
            failedCall = call;
            return true;
        }
        return false;
    }

    private StorageException fault(String call) {
        return new StorageException("injected fault at call " + failAt + " (" + call + ", " + mode + ")");
    }

    private <R> R wrap(Class<R> type, String name, R target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call(name + "." + method.getName(), target, method, args)));
    }

    private Object call(String call, Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        boolean fail = tick(call);
        if (fail && mode == Mode.BEFORE) {
            throw fault(call);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (fail) {
            throw fault(call);
        }
        return result;
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
}
