package dev.rapport.test;

import dev.rapport.test.FaultInjectingStorage.Timing;

/**
 * One planted fault of a {@link FaultInjectingStorage}: which calls it watches, how many of them it lets through
 * first, how many it then takes, when it strikes and what it does. Not thread-safe: the storage guards it.
 */
final class FaultRule {

    /** Stands for "no limit" in {@link #remaining}. */
    static final long FOREVER = -1;

    /** What a rule does to a call it takes: throws, or answers in the store's place. */
    @FunctionalInterface
    interface Action {
        /**
         * Acts on one call.
         *
         * @param call the call's name, such as {@code "cases.update"}
         * @param number the call's number among all intercepted calls, from 1
         * @param args the call's arguments (empty for a commit)
         * @return the answer the call gives instead of the store's
         */
        Object apply(String call, int number, Object[] args);
    }

    private final String port;
    private final String method;
    private long skip;
    private long remaining;
    private final Timing timing;
    private final Action action;

    /**
     * A rule.
     *
     * @param port the port whose calls it watches, or null for every call
     * @param method the method whose calls it watches, or null for every method of the port
     * @param skip how many watched calls pass before it takes one
     * @param remaining how many calls it takes then, or {@link #FOREVER}
     * @param timing whether it acts before or after the call reaches the store
     * @param action what it does
     */
    FaultRule(String port, String method, long skip, long remaining, Timing timing, Action action) {
        this.port = port;
        this.method = method;
        this.skip = skip;
        this.remaining = remaining;
        this.timing = timing;
        this.action = action;
    }

    /** Whether the rule watches a call of the given port and method. */
    boolean watches(String callPort, String callMethod) {
        return (port == null || port.equals(callPort)) && (method == null || method.equals(callMethod));
    }

    /**
     * Sees a watched call: counts it off the calls to let through, or reports that the rule is ready to take it.
     *
     * @return whether the rule is ready to take this call
     */
    boolean see() {
        if (skip > 0) {
            skip--;
            return false;
        }
        return remaining != 0;
    }

    /** Takes the call the rule was ready for: one fewer to take. */
    void take() {
        if (remaining > 0) {
            remaining--;
        }
    }

    /** Whether the rule will take no more calls. */
    boolean spent() {
        return remaining == 0;
    }

    Timing timing() {
        return timing;
    }

    Action action() {
        return action;
    }
}
