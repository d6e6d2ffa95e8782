package dev.rapport.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Wraps data sources so that every connection they hand out counts what is asked of it: connections taken,
 * statements executed (an execute or a batch: one round trip each) by SQL text with the time spent in each, commits,
 * rollbacks and every other connection call by name. For the probes that say what an operation asks of the database
 * ({@code SingleOperationStatements}, {@code DispatchStatements}); not a benchmark. Thread-safe.
 */
final class StatementCounter {

    final LongAdder connections = new LongAdder();
    final LongAdder executes = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder rollbacks = new LongAdder();
    final LongAdder otherCalls = new LongAdder();
    /** Executions by SQL text ({@code "[batch] "} before a batch's). */
    final Map<String, LongAdder> sql = new ConcurrentHashMap<>();
    /** Nanoseconds spent executing, by the same keys as {@link #sql}. */
    final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    /** Connection calls other than statements, commits, rollbacks and bookkeeping, by method name. */
    final Map<String, LongAdder> other = new ConcurrentHashMap<>();
    private final boolean shorten;

    /**
     * Creates a counter.
     *
     * @param shorten whether SQL texts are kept with their white space folded, runs of markers written
     *        {@code ?, ...} and at most 220 characters (for statements whose text grows with their parameters)
     */
    StatementCounter(boolean shorten) {
        this.shorten = shorten;
    }

    /** Sets every count back to zero. */
    void reset() {
        connections.reset();
        executes.reset();
        commits.reset();
        rollbacks.reset();
        otherCalls.reset();
        sql.clear();
        nanos.clear();
        other.clear();
    }

    /**
     * A copy of the counts by key: executions by SQL text, other connection calls as {@code Connection.name()}, and
     * the nanoseconds of each SQL text under its key prefixed with a NUL character.
     */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        sql.forEach((text, n) -> copy.put(text, n.sum()));
        other.forEach((name, n) -> copy.put("Connection." + name + "()", n.sum()));
        nanos.forEach((text, n) -> copy.put("\u0000" + text, n.sum()));
        return copy;
    }

    /** The data source, counting what its connections are asked. */
    DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    Object result = invoke(target, method, arguments);
                    if (method.getName().equals("getConnection")) {
                        connections.increment();
                        return connection((Connection) result);
                    }
                    return result;
                });
    }

    private Connection connection(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    Object result = invoke(real, method, arguments);
                    switch (method.getName()) {
                        case "prepareStatement", "prepareCall" -> {
                            return statement((Statement) result, (String) arguments[0]);
                        }
                        case "createStatement" -> {
                            return statement((Statement) result, null);
                        }
                        case "commit" -> commits.increment();
                        case "rollback" -> rollbacks.increment();
                        case "close", "isClosed", "getAutoCommit", "unwrap", "isWrapperFor", "hashCode", "equals",
                                "toString", "clearWarnings", "getWarnings" -> {
                        }
                        default -> {
                            otherCalls.increment();
                            other.computeIfAbsent(method.getName(), k -> new LongAdder()).increment();
                        }
                    }
                    return result;
                });
    }

    private Statement statement(Statement real, String prepared) {
        Class<?>[] interfaces = real instanceof CallableStatement ? new Class<?>[] {CallableStatement.class}
                : real instanceof PreparedStatement ? new Class<?>[] {PreparedStatement.class}
                        : new Class<?>[] {Statement.class};
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces,
                (proxy, method, arguments) -> {
                    String name = method.getName();
                    if (!name.startsWith("execute")) {
                        return invoke(real, method, arguments);
                    }
                    executes.increment();
                    String text = prepared != null ? prepared
                            : arguments != null && arguments.length > 0 ? (String) arguments[0] : "?";
                    String key = (name.equals("executeBatch") ? "[batch] " : "") + (shorten ? shortened(text) : text);
                    sql.computeIfAbsent(key, k -> new LongAdder()).increment();
                    long start = System.nanoTime();
                    try {
                        return invoke(real, method, arguments);
                    } finally {
                        nanos.computeIfAbsent(key, k -> new LongAdder()).add(System.nanoTime() - start);
                    }
                });
    }

    private static String shortened(String text) {
        String flat = text.replaceAll("\\s+", " ").replaceAll("(\\?, ){3,}\\?", "?, ...");
        return flat.length() > 220 ? flat.substring(0, 220) + "..." : flat;
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
