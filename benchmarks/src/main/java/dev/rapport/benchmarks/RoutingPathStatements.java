package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.PooledDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what one operation of {@link RoutingPathBenchmark} asks of the database, per router: SQL statements
 * prepared, transactions (explicit commits, and statements run in auto-commit mode) and connections taken, on
 * in-process H2 with one node and one thread (no contention, so no retries). Not a benchmark; it explains the
 * difference the benchmark measures. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.rapport.benchmarks.RoutingPathStatements}.
 */
public final class RoutingPathStatements {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPathStatements.class);
    private static final int OPERATIONS = 500;

    private RoutingPathStatements() {
    }

    /** Runs {@value #OPERATIONS} operations per router and logs the counts per operation. */
    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder("| router | statements / op | transactions / op | connections / op |\n"
                + "|---|---:|---:|---:|\n");
        for (String router : new String[] {"shared", "perNode"}) {
            Counting counting = new Counting(new PooledDataSource(
                    "jdbc:h2:mem:statements_" + router + ";DB_CLOSE_DELAY=-1", "sa", ""));
            RoutingPathBenchmark benchmark = new RoutingPathBenchmark();
            benchmark.router = router;
            benchmark.database = "h2";
            benchmark.nodes = 1;
            benchmark.startOn(java.util.List.of(counting));
            counting.reset();
            for (int i = 0; i < OPERATIONS; i++) {
                benchmark.operateOnce(i);
            }
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", router,
                    counting.statements.sum() / (double) OPERATIONS, counting.commits.sum() / (double) OPERATIONS,
                    counting.connections.sum() / (double) OPERATIONS));
            benchmark.stop();
        }
        LOG.info("Per operation of RoutingPathBenchmark (H2, one node, one thread, {} operations):\n{}", OPERATIONS,
                out);
    }

    /** A data source that counts connections taken, statements prepared and commits. */
    private static final class Counting implements DataSource {
        final LongAdder statements = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder connections = new LongAdder();
        private final PooledDataSource target;

        Counting(PooledDataSource target) {
            this.target = target;
        }

        void reset() {
            statements.reset();
            commits.reset();
            connections.reset();
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            connections.increment();
            Connection real = target.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                        switch (method.getName()) {
                            case "prepareStatement", "prepareCall", "createStatement" -> {
                                statements.increment();
                                if (real.getAutoCommit()) {
                                    commits.increment(); // a statement outside a transaction commits on its own
                                }
                            }
                            case "commit" -> commits.increment();
                            default -> {
                            }
                        }
                        try {
                            return method.invoke(real, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
            // none
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // none
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
            throw new java.sql.SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
