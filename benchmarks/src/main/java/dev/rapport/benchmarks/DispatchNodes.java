package dev.rapport.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.benchmarks.db.PooledDataSource;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.followup.SendWindow;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.messaging.DeliveryReceipt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch benchmark on one and two nodes, as a plain harness rather than JMH (JMH forks cannot coordinate a
 * second process): Rapport's {@link FollowUpDispatcher} and db-scheduler doing the same work per item as in
 * {@link DispatchBenchmark} (read the customer with its contact identities and the case, render, update the item's
 * row to sent, insert an event row), with 1, 4 and 10 threads per node. Node 1 runs in this JVM; node 2, when there
 * are two, is a second {@code java} process started from the same class path against the same database URL, with its
 * own connection pool, and driven over its standard input and output.
 *
 * <p>Each setting (database, durability, engine, threads, nodes) runs warm-up rounds, in which every node works
 * alone in turn (so that no node, in particular no second JVM, meets a measured round cold), then measured rounds
 * with every node. A round
 * stores {@code items} due items (untimed), then, timed, starts every node and polls the database (every
 * {@value #POLL_MILLIS} ms) until every item is done: Rapport's follow-ups all {@code SENT} (committed), db-scheduler's
 * table empty (each task's row is deleted after its own transaction committed). Then, untimed, every node stops and
 * reports what it executed and what it committed, and the harness fails loudly unless every item was executed and
 * committed exactly once over all nodes, none is left due, and the database holds one sent row and one event per item.
 * The score is items per second of a round; the report gives the mean of the measured rounds with their minimum and
 * maximum. PostgreSQL runs once per durability, with both contenders' tables, and the settings follow each other in
 * it with the contenders interleaved per setting. H2 (in memory, one node) runs Rapport and db-scheduler
 * (db-scheduler's default polling strategy there, since its lock-and-fetch does not support H2).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rapport.benchmarks.DispatchNodes [database=postgres|h2]
 * [durability=durable,non-durable] [engines=rapport,dbScheduler] [threads=1,4,10] [nodes=1,2] [items=2000]
 * [warmups=1] [rounds=3] [report=FILE]}; the values shown are the defaults, except {@code database} (default
 * {@code postgres}) and {@code report} (default none: the table is logged only).
 */
public final class DispatchNodes {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchNodes.class);

    /** How often the harness asks the database whether every item is done. */
    static final int POLL_MILLIS = 20;
    /** How long one round may take before the harness fails. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final String PREFIX = DispatchBenchmark.PREFIX;
    static final String H2_URL = "jdbc:h2:mem:dispatch;DB_CLOSE_DELAY=-1";

    private DispatchNodes() {
    }

    /**
     * Runs the harness, or, with first argument {@code node}, one remote node.
     *
     * @param args {@code key=value} options (see the class comment), or {@code node ENGINE URL THREADS NAME}
     * @throws Exception when a setting fails its exactly-once check or a node fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            runRemoteNode(args[1], args[2], Integer.parseInt(args[3]), args[4]);
            return;
        }
        Map<String, String> options = new HashMap<>(Map.of("database", "postgres", "durability", "durable,non-durable",
                "engines", "rapport,dbScheduler", "threads", "1,4,10", "nodes", "1,2", "items", "2000", "warmups", "1",
                "rounds", "3"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int items = Integer.parseInt(options.get("items"));
        int warmups = Integer.parseInt(options.get("warmups"));
        int rounds = Integer.parseInt(options.get("rounds"));
        List<String> engines = List.of(options.get("engines").split(","));
        List<Integer> threadCounts = Arrays.stream(options.get("threads").split(",")).map(Integer::valueOf).toList();
        List<Integer> nodeCounts = Arrays.stream(options.get("nodes").split(",")).map(Integer::valueOf).toList();
        List<String> rows = new ArrayList<>();
        String started = "load average at start: " + loadAverage() + ", " + Instant.now();
        LOG.info(started);
        if (options.get("database").equals("h2")) {
            PooledDataSource h2 = new PooledDataSource(H2_URL, "sa", "");
            DispatchDatabase db = new DispatchDatabase("h2", "-", h2, H2_URL, "sa", true);
            db.createSchemas();
            for (int threads : threadCounts) {
                for (String engine : engines) {
                    rows.add(runSetting(db, engine, threads, 1, items, warmups, rounds));
                }
            }
        } else {
            for (String durability : options.get("durability").split(",")) {
                try (BenchmarkPostgres postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability))) {
                    String url;
                    try (Connection c = postgres.dataSource().getConnection()) {
                        url = c.getMetaData().getURL();
                    }
                    DispatchDatabase db = new DispatchDatabase("postgres", durability, postgres.dataSource(), url,
                            "postgres", false);
                    db.createSchemas();
                    LOG.info("{}", postgres.settings());
                    for (int nodes : nodeCounts) {
                        for (int threads : threadCounts) {
                            for (String engine : engines) {
                                rows.add(runSetting(db, engine, threads, nodes, items, warmups, rounds));
                            }
                        }
                    }
                }
            }
        }
        String ended = "load average at end: " + loadAverage() + ", " + Instant.now();
        StringBuilder table = new StringBuilder()
                .append("| database | durability | engine | threads | nodes | items/s mean | min | max | rounds |"
                        + " items per node (last round) |\n|---|---|---|---:|---:|---:|---:|---:|---|---|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        String report = started + "\n\n" + table + "\n" + ended + "\n";
        LOG.info("Dispatch on nodes:\n{}", report);
        if (options.containsKey("report")) {
            Files.writeString(Path.of(options.get("report")), report + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs one setting's rounds and returns its report row. */
    private static String runSetting(DispatchDatabase db, String engine, int threads, int nodes, int items,
            int warmups, int rounds) throws Exception {
        LOG.info("Setting: {} {} {} threads={} nodes={}", db.name, db.durability, engine, threads, nodes);
        List<Node> all = new ArrayList<>();
        all.add(localNode(engine, db.dataSource, threads, "node-1"));
        for (int n = 2; n <= nodes; n++) {
            all.add(new RemoteNode(engine, db.url, threads, "node-" + n));
        }
        List<Double> scores = new ArrayList<>();
        String perNode = "";
        try {
            int round = 0;
            for (int warmup = 0; warmup < warmups; warmup++) {
                for (Node node : all) { // every node warms up alone, so that none starts a measured round cold
                    double score = runRound(db, engine, items, round++, List.of(node));
                    LOG.info("{} {} {} threads={} nodes={} warm-up of {}: {} items/s", db.name, db.durability,
                            engine, threads, nodes, node, String.format(Locale.ROOT, "%.1f", score));
                }
            }
            for (int measured = 0; measured < rounds; measured++) {
                double score = runRound(db, engine, items, round++, all);
                perNode = lastPerNode;
                LOG.info("{} {} {} threads={} nodes={} round {}: {} items/s ({})", db.name, db.durability, engine,
                        threads, nodes, measured + 1, String.format(Locale.ROOT, "%.1f", score), perNode);
                scores.add(score);
            }
        } finally {
            for (Node node : all) {
                node.close();
            }
        }
        double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = scores.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | %.1f | %.1f | %s | %s |", db.name,
                db.durability, engine, threads, nodes, mean, min, max, scores.stream()
                        .map(s -> String.format(Locale.ROOT, "%.1f", s)).toList(), perNode);
    }

    /** How many items each node committed in the last round, as {@code "a + b"}. */
    private static String lastPerNode = "";

    /**
     * One round: stores the items (untimed), starts the nodes and waits until the database says every item is done
     * (timed), stops the nodes and checks that every item ran exactly once (untimed).
     *
     * @return items per second
     */
    private static double runRound(DispatchDatabase db, String engine, int items, int round, List<Node> nodes)
            throws InterruptedException {
        db.prepare(engine, items, round);
        long start = System.nanoTime();
        for (int n = nodes.size() - 1; n >= 0; n--) {
            nodes.get(n).go(round); // the remote nodes first: their command has the farther to go
        }
        long deadline = start + TIMEOUT.toNanos();
        while (!db.allDone(engine, items)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(engine + " did not finish " + items + " items within " + TIMEOUT);
            }
            Thread.sleep(POLL_MILLIS);
        }
        long elapsed = System.nanoTime() - start;
        List<Result> results = new ArrayList<>();
        for (Node node : nodes) {
            results.add(node.stop());
        }
        lastPerNode = check(db, engine, items, results);
        return items / (elapsed / 1e9);
    }

    /**
     * Fails unless every item was executed and committed exactly once over all nodes and the database holds exactly
     * the expected rows; returns how many items each node committed.
     */
    private static String check(DispatchDatabase db, String engine, int items, List<Result> results) {
        List<String> executed = new ArrayList<>();
        List<String> committed = new ArrayList<>();
        results.forEach(r -> {
            executed.addAll(r.executed());
            committed.addAll(r.committed());
        });
        int distinctExecuted = new HashSet<>(executed).size();
        int distinctCommitted = new HashSet<>(committed).size();
        long[] rows = db.finalRows(engine);
        if (executed.size() != items || distinctExecuted != items || committed.size() != items
                || distinctCommitted != items || rows[0] != 0 || rows[1] != items || rows[2] != items) {
            throw new IllegalStateException("NOT EXACTLY ONCE in " + engine + ": executed " + executed.size() + " ("
                    + distinctExecuted + " distinct), committed " + committed.size() + " (" + distinctCommitted
                    + " distinct) of " + items + "; left due " + rows[0] + ", rows sent " + rows[1] + ", events "
                    + rows[2]);
        }
        return results.stream().map(r -> String.valueOf(r.committed().size())).reduce((a, b) -> a + " + " + b)
                .orElse("");
    }

    private static Node localNode(String engine, DataSource dataSource, int threads, String name) {
        return switch (engine) {
            case "rapport" -> new RapportNode(dataSource, threads, name);
            case "dbScheduler" -> new DbSchedulerNode(dataSource, threads, name);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }

    /** A second node's process: builds the node, then obeys {@code go ROUND}, {@code stop} and {@code quit}. */
    private static void runRemoteNode(String engine, String url, int threads, String name) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Node node = localNode(engine, new PooledDataSource(url, "postgres", ""), threads, name);
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("go ")) {
                node.go(Integer.parseInt(line.substring(3)));
                out.println("going");
            } else if (line.equals("stop")) {
                Result result = node.stop();
                StringBuilder reply = new StringBuilder();
                result.executed().forEach(k -> reply.append("e ").append(k).append('\n'));
                result.committed().forEach(k -> reply.append("c ").append(k).append('\n'));
                reply.append("end");
                out.println(reply);
            } else if (line.equals("quit")) {
                break;
            }
        }
        node.close();
        System.exit(0);
    }

    /** What one node did in a round: the items it executed (sent) and those whose outcome it committed. */
    record Result(List<String> executed, List<String> committed) {
    }

    /** One dispatcher or scheduler, started per round. */
    interface Node extends AutoCloseable {
        /** Builds the round's dispatcher or scheduler and starts it. */
        void go(int round);

        /** Stops it, once every item is done, and says what it did. */
        Result stop();

        @Override
        void close();
    }

    /** Rapport's dispatcher on the JDBC adapter, with a no-op messenger that remembers each message's key. */
    static final class RapportNode implements Node {
        private final JdbcStorage storage;
        private final int threads;
        private final String name;
        private final ConcurrentLinkedQueue<String> executed = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        private FollowUpDispatcher dispatcher;

        RapportNode(DataSource dataSource, int threads, String name) {
            this.storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(PREFIX).build();
            this.threads = threads;
            this.name = name;
        }

        @Override
        public void go(int round) {
            executed.clear();
            committed.clear();
            dispatcher = FollowUpDispatcher.builder(new CommitCountingStorage(storage,
                            id -> committed.add(id.toString())), message -> {
                                executed.add(message.idempotencyKey());
                                return new DeliveryReceipt(Optional.empty(), Instant.now(), false);
                            })
                    .sendWindow(SendWindow.anyTime())
                    .threads(threads)
                    .pollInterval(RapportDispatch.POLL_INTERVAL)
                    .owner(name + "-" + round)
                    .build()
                    .start();
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public Result stop() {
            dispatcher.close();
            return new Result(List.copyOf(executed), List.copyOf(committed));
        }

        @Override
        public void close() {
            if (dispatcher != null) {
                dispatcher.close();
            }
        }
    }

    /** db-scheduler running the benchmark's one-time task, which does the item's work in a transaction of its own. */
    static final class DbSchedulerNode implements Node {
        private final DataSource dataSource;
        private final int threads;
        private final String name;
        private final OneTimeTask<Void> task;
        private final ConcurrentLinkedQueue<String> executed = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        private final AtomicLong failures = new AtomicLong();
        private Scheduler scheduler;

        DbSchedulerNode(DataSource dataSource, int threads, String name) {
            this.dataSource = dataSource;
            this.threads = threads;
            this.name = name;
            List<CustomerId> customers = customers();
            List<CaseId> cases = cases(customers);
            this.task = Tasks.oneTime("bench-work").execute((instance, context) -> {
                executed.add(instance.getId());
                DbSchedulerDispatch.work(dataSource, customers, cases, instance.getId());
            });
        }

        OneTimeTask<Void> task() {
            return task;
        }

        @Override
        public void go(int round) {
            executed.clear();
            committed.clear();
            failures.set(0);
            var builder = Scheduler.create(dataSource, task)
                    .threads(threads)
                    .pollingInterval(RapportDispatch.POLL_INTERVAL)
                    .schedulerName(new SchedulerName.Fixed(name))
                    .addSchedulerListener(new AbstractSchedulerListener() {
                        @Override
                        public void onExecutionComplete(ExecutionComplete complete) {
                            if (complete.getResult() == ExecutionComplete.Result.OK) {
                                committed.add(complete.getExecution().taskInstance.getId());
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                    });
            if (!isH2(dataSource)) {
                builder.pollUsingLockAndFetch(DbSchedulerDispatch.LOWER_LIMIT, DbSchedulerDispatch.UPPER_LIMIT);
            }
            scheduler = builder.build();
            scheduler.start();
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public Result stop() {
            scheduler.stop();
            scheduler = null;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " db-scheduler executions failed on " + name);
            }
            return new Result(List.copyOf(executed), List.copyOf(committed));
        }

        @Override
        public void close() {
            if (scheduler != null) {
                scheduler.stop();
            }
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CustomerId> customers() {
        return BenchmarkData.customers(RapportDispatch.CUSTOMERS, Instant.now()).stream().map(Customer::id).toList();
    }

    static List<CaseId> cases(List<CustomerId> customers) {
        return BenchmarkData.cases(customers, Instant.now()).stream().map(c -> c.id()).toList();
    }

    /** A second node in its own {@code java} process on the same class path and database URL. */
    static final class RemoteNode implements Node {
        private final String name;
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        RemoteNode(String engine, String url, int threads, String name) throws IOException {
            this.name = name + " (own process)";
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g",
                    "-Dorg.slf4j.simpleLogger.log.io.zonky=warn",
                    "-Dorg.slf4j.simpleLogger.log.com.github.kagkarlsson=warn",
                    "-Dorg.slf4j.simpleLogger.log.dev.rapport=warn",
                    "-cp", System.getProperty("java.class.path"), DispatchNodes.class.getName(), "node", engine, url,
                    String.valueOf(threads), name));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            expect("ready");
        }

        private String expect(String wanted) {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals(wanted)) {
                        return line;
                    }
                }
                throw new IllegalStateException("node process ended before '" + wanted + "'");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public void go(int round) {
            in.println("go " + round);
        }

        @Override
        public Result stop() {
            in.println("stop");
            List<String> executed = new ArrayList<>();
            List<String> committed = new ArrayList<>();
            try {
                String line;
                while ((line = out.readLine()) != null && !line.equals("end")) {
                    if (line.startsWith("e ")) {
                        executed.add(line.substring(2));
                    } else if (line.startsWith("c ")) {
                        committed.add(line.substring(2));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Result(executed, committed);
        }

        @Override
        public void close() {
            in.println("quit");
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }
}
