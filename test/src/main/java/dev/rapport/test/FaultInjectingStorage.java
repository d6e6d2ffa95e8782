package dev.rapport.test;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.Transactions;
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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Any {@link RapportStorage} with faults planted in it, for tests of what Rapport (or a host) does when the store
 * fails: it passes every call to the wrapped store except those a test chose, which fail with the test's exception
 * or answer in the store's place. Hand it to {@code Rapport.builder().storage(...)} as the store.
 *
 * <p>Calls are named {@code "port.method"}, the port by its accessor on {@link RapportStorage}: for example
 * {@code "cases.update"}, {@code "followUps.claimDue"}, {@code "outbox.append"}. {@code "port.*"} names every
 * method of a port. The commit of each outermost transaction is a call too, named {@value #COMMIT}; a fault there
 * strikes just before the commit, so the whole transaction rolls back, as a failed commit does. A fault can strike
 * {@link Timing#BEFORE before} a call reaches the store (a connection refused: the store never saw it) or
 * {@link Timing#AFTER after} (the store did the work, then the reply was lost: inside a transaction the work rolls
 * back with it, outside one it stays done). A test chooses the calls to fail by name ({@link #failNext},
 * {@link #failNth}, {@link #failEvery}, {@link #answerNext}) or by number among all intercepted calls
 * ({@link #failCall}); faults planted on the same call take their turns in the order they were planted.
 *
 * <p>The wrapper also tells whether a transaction is running on the current thread ({@link #inTransaction()}), so a
 * test can check that events are published after commit, and counts the calls it intercepts ({@link #calls()}).
 * Reads that must not count or fail go to {@link #delegate()}. The store's own outbox and KPI queries, if it has
 * them, are intercepted as the ports {@code "outbox"} and {@code "kpiQueries"}.
 *
 * <p>Thread-safe if the wrapped store is: planting, counting and choosing are guarded by one lock; the wrapped
 * store's calls run outside it. Numbered faults ({@link #failCall}) are deterministic only when one thread calls.
 *
 * @param <S> the type of the wrapped store, so that {@link #delegate()} gives it back with its own methods
 */
public final class FaultInjectingStorage<S extends RapportStorage> implements RapportStorage {

    /** The name of the call that commits an outermost transaction. */
    public static final String COMMIT = "commit";

    /** When a fault strikes relative to the call it hits. */
    public enum Timing {
        /** The call fails before reaching the store: the store never saw it. */
        BEFORE,
        /** The call reaches the store and does its work, then fails: the reply was lost. */
        AFTER
    }

    /** The ports of {@link RapportStorage} by accessor name, with their interfaces. */
    private static final Map<String, Class<?>> PORTS = ports();

    private final S delegate;
    private final Set<String> intercepted;
    private final Object lock = new Object();
    private final List<FaultRule> rules = new ArrayList<>();
    private final Map<String, Class<?>> known = new LinkedHashMap<>();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private int calls;
    private int faults;
    private String failedCall;
    private final CustomerRepository customers;
    private final InteractionRepository interactions;
    private final CaseRepository cases;
    private final FeedbackRepository feedback;
    private final FollowUpRepository followUps;
    private final AgentRepository agents;
    private final ComplaintRepository complaints;
    private final RoutingRepository routing;
    private final CustomerMerges customerMerges;
    private final AutomationFirings automationFirings;
    private final HealthStandings healthStandings;
    private final AuditTrails auditTrails;
    private final Optional<EventOutbox> outbox;
    private final Optional<KpiQueries> kpiQueries;
    private final Transactions transactions;

    private FaultInjectingStorage(S delegate, Set<String> ports) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        for (String port : ports) {
            if (!PORTS.containsKey(port) && !COMMIT.equals(port)) {
                throw new IllegalArgumentException("ports: no port named '" + port + "'; the ports are "
                        + new TreeSet<>(PORTS.keySet()) + " and " + COMMIT);
            }
        }
        intercepted = Set.copyOf(ports);
        customers = port(CustomerRepository.class, "customers", delegate.customers());
        interactions = port(InteractionRepository.class, "interactions", delegate.interactions());
        cases = port(CaseRepository.class, "cases", delegate.cases());
        feedback = port(FeedbackRepository.class, "feedback", delegate.feedback());
        followUps = port(FollowUpRepository.class, "followUps", delegate.followUps());
        agents = port(AgentRepository.class, "agents", delegate.agents());
        complaints = port(ComplaintRepository.class, "complaints", delegate.complaints());
        routing = port(RoutingRepository.class, "routing", delegate.routing());
        customerMerges = port(CustomerMerges.class, "customerMerges", delegate.customerMerges());
        automationFirings = port(AutomationFirings.class, "automationFirings", delegate.automationFirings());
        healthStandings = port(HealthStandings.class, "healthStandings", delegate.healthStandings());
        auditTrails = port(AuditTrails.class, "auditTrails", delegate.auditTrails());
        outbox = delegate.outbox().map(o -> port(EventOutbox.class, "outbox", o));
        kpiQueries = delegate.kpiQueries().map(q -> port(KpiQueries.class, "kpiQueries", q));
        if (intercepted.contains(COMMIT)) {
            known.put(COMMIT, null);
        }
        transactions = this::inTransaction;
    }

    /**
     * Wraps a store, intercepting every port and the commits.
     *
     * @param delegate the store that does the work
     * @param <S> the store's type
     * @return the wrapper, with no fault planted yet
     * @throws NullPointerException if {@code delegate} is null
     */
    public static <S extends RapportStorage> FaultInjectingStorage<S> wrap(S delegate) {
        Set<String> all = new TreeSet<>(PORTS.keySet());
        all.add(COMMIT);
        return new FaultInjectingStorage<>(delegate, all);
    }

    /**
     * Wraps a store, intercepting only the named ports (and the commits if {@value #COMMIT} is named); the calls of
     * the other ports go straight to the store, are not counted and cannot fail. Use it to keep call numbers stable
     * when a test numbers the calls of some ports only.
     *
     * @param delegate the store that does the work
     * @param ports the accessor names of the ports to intercept, such as {@code "cases"}, and {@value #COMMIT}
     * @param <S> the store's type
     * @return the wrapper, with no fault planted yet
     * @throws IllegalArgumentException if a name is not a port of {@link RapportStorage} nor {@value #COMMIT}
     * @throws NullPointerException if an argument is null
     */
    public static <S extends RapportStorage> FaultInjectingStorage<S> wrap(S delegate, Set<String> ports) {
        return new FaultInjectingStorage<>(delegate, Objects.requireNonNull(ports, "ports"));
    }

    // ------------------------------------------------------------------------------------------- planting faults

    /**
     * Makes the next calls of a method fail, before they reach the store.
     *
     * @param call the call, such as {@code "cases.update"}, {@code "cases.*"} or {@value #COMMIT}
     * @param times how many of the next calls fail, at least 1
     * @param failure makes the exception each failing call throws
     * @throws IllegalArgumentException if the call names no intercepted port or method, or {@code times} is below 1
     * @throws NullPointerException if an argument is null
     */
    public void failNext(String call, int times, Supplier<? extends RuntimeException> failure) {
        Objects.requireNonNull(failure, "failure");
        plant(call, 0, positive("times", times), Timing.BEFORE, (name, number, args) -> {
            throw failure.get();
        });
    }

    /**
     * Makes the next calls of a method answer in the store's place: the store never sees them.
     *
     * @param call the call, such as {@code "agents.get"}
     * @param times how many of the next calls the answer serves, at least 1
     * @param answer gives the result of each call from its arguments; it may also throw
     * @throws IllegalArgumentException if the call names no intercepted port or method, or {@code times} is below 1
     * @throws NullPointerException if an argument is null
     */
    public void answerNext(String call, int times, Function<Object[], Object> answer) {
        Objects.requireNonNull(answer, "answer");
        plant(call, 0, positive("times", times), Timing.BEFORE, (name, number, args) -> answer.apply(args));
    }

    /**
     * Makes the n-th call of a method from now on fail, and only that one.
     *
     * @param call the call, such as {@code "followUps.update"}
     * @param n which call fails, counting from 1 from now on
     * @param timing whether the fault strikes before or after the call reaches the store
     * @param failure makes the exception the call throws
     * @throws IllegalArgumentException if the call names no intercepted port or method, or {@code n} is below 1
     * @throws NullPointerException if an argument is null
     */
    public void failNth(String call, int n, Timing timing, Supplier<? extends RuntimeException> failure) {
        Objects.requireNonNull(failure, "failure");
        plant(call, positive("n", n) - 1, 1, timing, (name, number, args) -> {
            throw failure.get();
        });
    }

    /**
     * Makes every call of a method fail from now on, until {@link #clearFaults()}.
     *
     * @param call the call, such as {@code "cases.*"}
     * @param timing whether the faults strike before or after the calls reach the store
     * @param failure makes the exception each call throws
     * @throws IllegalArgumentException if the call names no intercepted port or method
     * @throws NullPointerException if an argument is null
     */
    public void failEvery(String call, Timing timing, Supplier<? extends RuntimeException> failure) {
        Objects.requireNonNull(failure, "failure");
        plant(call, 0, FaultRule.FOREVER, timing, (name, number, args) -> {
            throw failure.get();
        });
    }

    /**
     * Makes one call fail by its number among all intercepted calls since the wrapper was made, commits included,
     * with a {@link StorageException} whose message starts {@code "injected fault at call N (call, TIMING)"}. A test
     * counts the calls of a clean run with {@link #calls()}, then fails each of them in turn.
     *
     * @param n the number of the call that fails, from 1, after the calls already made
     * @param timing whether the fault strikes before or after the call reaches the store
     * @throws IllegalArgumentException if call {@code n} has already been made
     * @throws NullPointerException if {@code timing} is null
     */
    public void failCall(int n, Timing timing) {
        failCall(n, timing, (call, number) -> new StorageException(
                "injected fault at call " + number + " (" + call + ", " + timing + ")"));
    }

    /**
     * Makes one call fail by its number among all intercepted calls since the wrapper was made, commits included,
     * with the exception the test makes.
     *
     * @param n the number of the call that fails, from 1, after the calls already made
     * @param timing whether the fault strikes before or after the call reaches the store
     * @param failure makes the exception from the call's name and number
     * @throws IllegalArgumentException if call {@code n} has already been made
     * @throws NullPointerException if an argument is null
     */
    public void failCall(int n, Timing timing,
            BiFunction<String, Integer, ? extends RuntimeException> failure) {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(failure, "failure");
        synchronized (lock) {
            if (n <= calls) {
                throw new IllegalArgumentException("n: call " + n + " has already been made (" + calls
                        + " calls so far)");
            }
            rules.add(new FaultRule(null, null, n - calls - 1, 1, timing, (name, number, args) -> {
                throw failure.apply(name, number);
            }));
        }
    }

    /** Removes every fault planted and not yet spent; the counts stay. */
    public void clearFaults() {
        synchronized (lock) {
            rules.clear();
        }
    }

    /**
     * Intercepts a port object the store does not hand out itself, such as an outbox a test built beside it: its
     * calls are counted and can fail with this store's, named {@code "name.method"}.
     *
     * @param type the port's interface
     * @param name the name its calls go by, such as {@code "outbox"} for an outbox kept beside a store that has none;
     *     not the name of a port this wrapper already intercepts, nor {@value #COMMIT}
     * @param target the port object that does the work
     * @param <T> the port's type
     * @return the intercepted port
     * @throws IllegalArgumentException if {@code type} is not an interface or the name is taken
     * @throws NullPointerException if an argument is null
     */
    public <T> T intercept(Class<T> type, String name, T target) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("type: " + type.getName() + " is not an interface");
        }
        synchronized (lock) {
            if (known.containsKey(name) || COMMIT.equals(name)) {
                throw new IllegalArgumentException("name: '" + name + "' is taken");
            }
            known.put(name, type);
        }
        return proxy(type, name, target);
    }

    // ------------------------------------------------------------------------------------------ what it observed

    /**
     * How many calls this wrapper has intercepted, commits included, whether they failed or not.
     *
     * @return the number of intercepted calls since the wrapper was made
     */
    public int calls() {
        synchronized (lock) {
            return calls;
        }
    }

    /**
     * Whether any planted fault has struck (failed a call or answered in the store's place).
     *
     * @return true once a fault has struck
     */
    public boolean faultInjected() {
        synchronized (lock) {
            return faults > 0;
        }
    }

    /**
     * How many calls planted faults have struck.
     *
     * @return the number of calls failed or answered by a fault
     */
    public int faultsInjected() {
        synchronized (lock) {
            return faults;
        }
    }

    /**
     * The first call a planted fault struck.
     *
     * @return its name, such as {@code "cases.update"} or {@value #COMMIT}; null if no fault has struck yet
     */
    public String failedCall() {
        synchronized (lock) {
            return failedCall;
        }
    }

    /**
     * Whether a transaction of this store is running on the current thread.
     *
     * @return true inside {@link Transactions#inTransaction} on this thread
     */
    public boolean inTransaction() {
        return depth.get()[0] > 0;
    }

    /**
     * The wrapped store, for reads and writes that must not be counted or fail.
     *
     * @return the store given at construction
     */
    public S delegate() {
        return delegate;
    }

    // ------------------------------------------------------------------------------------------------ the ports

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
    public CustomerMerges customerMerges() {
        return customerMerges;
    }

    @Override
    public AutomationFirings automationFirings() {
        return automationFirings;
    }

    @Override
    public HealthStandings healthStandings() {
        return healthStandings;
    }

    @Override
    public AuditTrails auditTrails() {
        return auditTrails;
    }

    @Override
    public Optional<EventOutbox> outbox() {
        return outbox;
    }

    @Override
    public Optional<KpiQueries> kpiQueries() {
        return kpiQueries;
    }

    @Override
    public boolean prefersBulkWrites() {
        return delegate.prefersBulkWrites();
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    // ---------------------------------------------------------------------------------------------- interception

    private <T> T inTransaction(Supplier<T> work) {
        int[] level = depth.get();
        boolean outermost = level[0] == 0;
        level[0]++;
        try {
            return delegate.transactions().inTransaction(() -> {
                T result = work.get();
                if (outermost && intercepted.contains(COMMIT)) {
                    int number;
                    FaultRule rule;
                    synchronized (lock) {
                        rule = choose(COMMIT, null);
                        number = calls;
                    }
                    if (rule != null) {
                        rule.action().apply(COMMIT, number, new Object[0]);
                    }
                }
                return result;
            });
        } finally {
            level[0]--;
        }
    }

    private <T> T port(Class<T> type, String name, T target) {
        if (!intercepted.contains(name)) {
            return target;
        }
        known.put(name, type);
        return proxy(type, name, target);
    }

    private <T> T proxy(Class<T> type, String name, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call(name, target, method, args == null ? new Object[0] : args)));
    }

    private Object call(String port, Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        int number;
        FaultRule rule;
        synchronized (lock) {
            rule = choose(port, method.getName());
            number = calls;
        }
        String call = port + "." + method.getName();
        if (rule != null && rule.timing() == Timing.BEFORE) {
            return rule.action().apply(call, number, args);
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        return rule == null ? result : rule.action().apply(call, number, args);
    }

    /** Counts a call and picks the fault that takes it, if any; records the strike. */
    private FaultRule choose(String port, String method) {
        synchronized (lock) {
            calls++;
            FaultRule chosen = null;
            for (FaultRule rule : rules) {
                if (rule.watches(port, method) && rule.see() && chosen == null) {
                    chosen = rule;
                }
            }
            if (chosen != null) {
                chosen.take();
                if (chosen.spent()) {
                    rules.remove(chosen);
                }
                faults++;
                if (failedCall == null) {
                    failedCall = method == null ? port : port + "." + method;
                }
            }
            return chosen;
        }
    }

    private void plant(String call, long skip, long remaining, Timing timing, FaultRule.Action action) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(timing, "timing");
        String port;
        String method;
        if (COMMIT.equals(call)) {
            port = COMMIT;
            method = null;
        } else {
            int dot = call.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("call: '" + call + "' is not 'port.method', 'port.*' nor '"
                        + COMMIT + "'");
            }
            port = call.substring(0, dot);
            method = call.substring(dot + 1);
            if (method.equals("*")) {
                method = null;
            }
        }
        synchronized (lock) {
            if (!known.containsKey(port)) {
                throw new IllegalArgumentException("call: '" + call + "' names no intercepted port; intercepted are "
                        + new TreeSet<>(known.keySet()));
            }
            Class<?> type = known.get(port);
            String name = method;
            if (name != null && Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(name))) {
                throw new IllegalArgumentException("call: " + type.getSimpleName() + " has no method '" + name + "'");
            }
            rules.add(new FaultRule(port, method, skip, remaining, timing, action));
        }
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": must be at least 1, was " + value);
        }
        return value;
    }

    private static Map<String, Class<?>> ports() {
        Map<String, Class<?>> ports = new LinkedHashMap<>();
        ports.put("customers", CustomerRepository.class);
        ports.put("interactions", InteractionRepository.class);
        ports.put("cases", CaseRepository.class);
        ports.put("feedback", FeedbackRepository.class);
        ports.put("followUps", FollowUpRepository.class);
        ports.put("agents", AgentRepository.class);
        ports.put("complaints", ComplaintRepository.class);
        ports.put("routing", RoutingRepository.class);
        ports.put("customerMerges", CustomerMerges.class);
        ports.put("automationFirings", AutomationFirings.class);
        ports.put("healthStandings", HealthStandings.class);
        ports.put("auditTrails", AuditTrails.class);
        ports.put("outbox", EventOutbox.class);
        ports.put("kpiQueries", KpiQueries.class);
        return Collections.unmodifiableMap(ports);
    }
}
