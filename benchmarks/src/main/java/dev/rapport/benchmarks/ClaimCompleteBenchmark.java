package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.followup.FollowUpDispatcher;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * Claim-and-complete of due follow-ups on embedded PostgreSQL by two claimers, in items per second: two threads,
 * each with its own {@link JdbcStorage} over the same tables (as two nodes would be), each claiming batches of
 * {@value #BATCH} with {@link FollowUpRepository#claimDue} and completing every claimed item with an
 * {@link FollowUpRepository#update} to {@link FollowUpStatus#SENT} (lease cleared), one transaction per item, until
 * a claim comes back empty. Target: at least 5,000 items per second, and no item claimed or completed twice.
 *
 * <p>Each invocation drains {@value #ITEMS} items stored, untimed, just before it into an emptied table. Duplicates
 * (an item claimed a second time, or completed a second time) and lost completions (a stale version) are counted and
 * reported as {@code ·duplicates}; the check after each invocation fails the benchmark, loudly, if there is any, or
 * if not every item ended up {@code SENT}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ClaimCompleteBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimCompleteBenchmark.class);

    /** Due items drained per invocation. */
    static final int ITEMS = 10_000;
    /** Items per claim: the dispatcher's default batch. */
    static final int BATCH = FollowUpDispatcher.DEFAULT_BATCH_SIZE;
    /** The lease on claimed items: the dispatcher's default. */
    static final Duration LEASE = FollowUpDispatcher.DEFAULT_LEASE;
    /** How many claimers run at once. */
    static final int CLAIMERS = 2;

    static final String PREFIX = "bench_";

    private BenchmarkPostgres postgres;
    private final List<JdbcStorage> nodes = new ArrayList<>();
    private ExecutorService claimers;
    private final Set<FollowUpId> claimed = ConcurrentHashMap.newKeySet();
    private final Set<FollowUpId> completed = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}, the labelled second setting); see
     * {@link BenchmarkPostgres.Durability}.
     */
    @Param({"durable", "non-durable"})
    public String durability;

    /** Starts PostgreSQL, migrates the schema, and opens one storage per claimer. */
    @Setup(Level.Trial)
    public void startDatabase() {
        postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
        for (int i = 0; i < CLAIMERS; i++) {
            nodes.add(JdbcStorage.builder().dataSource(postgres.dataSource()).tablePrefix(PREFIX).build());
        }
        claimers = Executors.newFixedThreadPool(CLAIMERS);
    }

    /** Empties the table and stores the next invocation's due items; untimed. */
    @Setup(Level.Invocation)
    public void storeDueItems() {
        postgres.execute("TRUNCATE " + PREFIX + "follow_up");
        claimed.clear();
        completed.clear();
        duplicates.set(0);
        stale.set(0);
        JdbcStorage storage = nodes.get(0);
        Instant now = Instant.now();
        List<CustomerId> customers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            customers.add(CustomerId.random());
        }
        for (int from = 0; from < ITEMS; from += 1_000) {
            int start = from;
            storage.transactions().runInTransaction(() -> {
                for (int i = start; i < Math.min(ITEMS, start + 1_000); i++) {
                    storage.followUps().insert(BenchmarkData.dueFollowUp(customers.get(i % customers.size()), i, now));
                }
            });
        }
    }

    /** Two claimers drain every due item. */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public int twoClaimers(DuplicateCounter counter) throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < CLAIMERS; i++) {
            FollowUpRepository followUps = nodes.get(i).followUps();
            String owner = "claimer-" + i;
            running.add(claimers.submit(() -> drain(followUps, owner)));
        }
        int done = 0;
        for (Future<Integer> f : running) {
            done += f.get(120, TimeUnit.SECONDS);
        }
        counter.duplicates += duplicates.get() + stale.get();
        return done;
    }

    private int drain(FollowUpRepository followUps, String owner) {
        int done = 0;
        while (true) {
            List<FollowUp> batch = followUps.claimDue(owner, LEASE, BATCH);
            if (batch.isEmpty()) {
                return done;
            }
            for (FollowUp f : batch) {
                if (!claimed.add(f.id())) {
                    duplicates.incrementAndGet();
                }
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                try {
                    followUps.update(f.toBuilder().status(FollowUpStatus.SENT).leaseOwner(null).leaseUntil(null)
                            .updatedAt(now).build());
                    if (!completed.add(f.id())) {
                        duplicates.incrementAndGet();
                    }
                    done++;
                } catch (StaleVersionException e) {
                    stale.incrementAndGet();
                }
            }
        }
    }

    /** Fails the benchmark if any item was claimed or completed twice, or not completed; untimed. */
    @TearDown(Level.Invocation)
    public void checkExactlyOnce() {
        long sent = postgres.queryLong("SELECT COUNT(*) FROM " + PREFIX + "follow_up WHERE status = 'SENT'");
        if (duplicates.get() > 0 || stale.get() > 0 || completed.size() != ITEMS || sent != ITEMS) {
            String message = "DUPLICATES OR LOST ITEMS in claim-and-complete: " + duplicates.get() + " duplicates, "
                    + stale.get() + " stale completions, " + completed.size() + " of " + ITEMS + " completed, " + sent
                    + " stored as SENT";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** Stops the claimers and PostgreSQL. */
    @TearDown(Level.Trial)
    public void stopDatabase() {
        claimers.shutdownNow();
        postgres.close();
    }
}
