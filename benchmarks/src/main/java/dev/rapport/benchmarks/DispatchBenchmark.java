package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-ups dispatched per second with 1, 4 and 10 threads (10 is db-scheduler's default): Rapport's
 * {@link FollowUpDispatcher} (no-op idempotent messenger, send window always open) on the in-memory store and on
 * embedded PostgreSQL, beside db-scheduler executing as many one-time tasks that do the equivalent work on embedded
 * PostgreSQL. Target (issue 14): Rapport on PostgreSQL at least 1.5 x db-scheduler with the same thread count, and
 * nothing executed twice.
 *
 * <p>Every PostgreSQL trial starts a fresh server with the same settings (parameter {@code durability}) and creates
 * both Rapport's schema (with {@value RapportDispatch#CUSTOMERS} customers and one open case of each) and
 * db-scheduler's tables, so both contenders work in the same kind of database. Each invocation stores
 * {@value #ITEMS} due items, untimed, builds the dispatcher or scheduler, then, timed, starts it and waits until every
 * item is done (Rapport: the transaction that marked the follow-up sent has committed; db-scheduler: the completion
 * callback, after its row was deleted). The stop and the check after it are untimed; the check fails the benchmark,
 * loudly, on any duplicate or missing item. Duplicates are also reported as {@code ·duplicates}.
 *
 * <p>The work per item: every follow-up belongs to a case. Rapport claims in batches of
 * {@value FollowUpDispatcher#DEFAULT_BATCH_SIZE}, reads the batch's customers (rows and contact identities) and cases,
 * builds each message and stores the batch's outcomes with a version check per follow-up and a {@code FollowUpSent}
 * event each in the outbox. db-scheduler's task does the same for its item in its own transaction
 * ({@link DbSchedulerDispatch}): reads the customer's row with its contact identities and the case's row, renders
 * the message, updates the item's delivery row to sent and inserts an event row; db-scheduler itself fetches and
 * locks up to three times its thread count and deletes each task's row.
 *
 * <p>One node only: JMH forks cannot coordinate a second process. {@link DispatchNodes} runs the same contenders on
 * one and two nodes, the second in its own JVM on the same database.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.io.zonky=warn",
    "-Dorg.slf4j.simpleLogger.log.com.github.kagkarlsson=warn",
    "-Dorg.slf4j.simpleLogger.log.dev.rapport.followup=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DispatchBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchBenchmark.class);

    /** Due items per invocation. */
    static final int ITEMS = 4_000;
    /** How long one invocation may take before it fails. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final String PREFIX = "bench_";

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}, the labelled second setting); see
     * {@link BenchmarkPostgres.Durability}.
     */
    @Param({"durable", "non-durable"})
    public String durability;

    /** Who dispatches: Rapport in memory, Rapport on PostgreSQL, or db-scheduler on PostgreSQL. */
    @Param({"rapportInMemory", "rapportPostgres", "dbScheduler"})
    public String engine;

    /** Dispatcher threads (db-scheduler: executor threads). */
    @Param({"1", "4", "10"})
    public int threads;

    private BenchmarkPostgres postgres;
    private DispatchEngine contender;

    /** Starts PostgreSQL with both schemas when the contender needs it, and builds the contender. */
    @Setup(Level.Trial)
    public void start() {
        switch (engine) {
            case "rapportInMemory":
                contender = new RapportDispatch(() -> {
                    InMemoryStorage storage = new InMemoryStorage(Clock.systemUTC());
                    RapportDispatch.storeCustomers(storage);
                    return storage;
                }, threads);
                break;
            case "rapportPostgres":
                JdbcStorage storage = startPostgres();
                contender = new RapportDispatch(() -> {
                    postgres.execute("TRUNCATE " + PREFIX + "follow_up, " + PREFIX + "outbox, " + PREFIX
                            + "outbox_sequence");
                    return storage;
                }, threads);
                break;
            case "dbScheduler":
                startPostgres();
                contender = new DbSchedulerDispatch(postgres, threads);
                break;
            default:
                throw new IllegalArgumentException("unknown engine " + engine);
        }
    }

    private JdbcStorage startPostgres() {
        postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
        JdbcStorage storage = JdbcStorage.builder().dataSource(postgres.dataSource()).tablePrefix(PREFIX).build();
        RapportDispatch.storeCustomers(storage);
        DbSchedulerDispatch.createTable(postgres);
        return storage;
    }

    /** Stores the due items and builds the dispatcher or scheduler; untimed. */
    @Setup(Level.Invocation)
    public void prepare() {
        contender.prepare(ITEMS);
    }

    /** Starts the dispatcher or scheduler and waits until every item is done. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void dispatchAll(DuplicateCounter counter) throws InterruptedException {
        contender.runUntilDone(TIMEOUT);
        counter.duplicates += contender.duplicates();
    }

    /** Stops it and fails the benchmark on any duplicate or missing item; untimed. */
    @TearDown(Level.Invocation)
    public void finishAndCheck() {
        try {
            contender.finishAndCheck();
        } catch (IllegalStateException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }

    /** Releases the contender and stops PostgreSQL. */
    @TearDown(Level.Trial)
    public void stop() {
        contender.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
