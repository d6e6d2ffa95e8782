package dev.rapport.testing;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.tck.memory.InMemoryStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The in-memory reference adapter with two additions for tests: it tells whether a transaction is running on the
 * current thread, and it lets a test make the next calls of a repository method fail or answer differently, to
 * drive rollbacks, stale versions and races. Calls are named {@code "repository.method"}, for example
 * {@code "cases.update"}. Everything else is the real adapter.
 */
public final class FaultyStorage implements RapportStorage {

    private final InMemoryStorage delegate;
    private final Map<String, Deque<Function<Object[], Object>>> overrides = new ConcurrentHashMap<>();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final CustomerRepository customers;
    private final InteractionRepository interactions;
    private final CaseRepository cases;
    private final FeedbackRepository feedback;
    private final FollowUpRepository followUps;
    private final AgentRepository agents;
    private final ComplaintRepository complaints;
    private final RoutingRepository routing;
    private final Transactions transactions;

    /** Wraps the given adapter. */
    public FaultyStorage(InMemoryStorage delegate) {
        this.delegate = delegate;
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
                depth.get()[0]++;
                try {
                    return delegate.transactions().inTransaction(work);
                } finally {
                    depth.get()[0]--;
                }
            }
        };
    }

    /** Whether a transaction is running on the current thread. */
    public boolean inTransaction() {
        return depth.get()[0] > 0;
    }

    /** Makes the next {@code times} calls of a method throw what the supplier gives. */
    public void failNext(String call, int times, Supplier<? extends RuntimeException> failure) {
        answerNext(call, times, args -> {
            throw failure.get();
        });
    }

    /** Makes the next {@code times} calls of a method answer with the function instead of the adapter. */
    public void answerNext(String call, int times, Function<Object[], Object> answer) {
        Deque<Function<Object[], Object>> queue = overrides.computeIfAbsent(call, k -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(answer);
            }
        }
    }

    /** The wrapped adapter, for reads that must not go through the overrides. */
    public InMemoryStorage delegate() {
        return delegate;
    }

    private <R> R wrap(Class<R> type, String name, R target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call(name + "." + method.getName(), target, method, args)));
    }

    private Object call(String call, Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        Deque<Function<Object[], Object>> queue = overrides.get(call);
        Function<Object[], Object> override = null;
        if (queue != null) {
            synchronized (queue) {
                override = queue.poll();
            }
        }
        if (override != null) {
            return override.apply(args);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
