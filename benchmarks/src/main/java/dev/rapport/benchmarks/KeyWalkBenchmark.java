package dev.rapport.benchmarks;

import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of walking a whole table by offset against by key (issue 14, target 9), on in-process H2 through the JDBC
 * adapter: every sent follow-up, as the streaming KPIs' survey count reads them, in pages of {@value #PAGE}. The
 * baseline, {@code byOffset}, is what that walk did before: {@code findByStatus(SENT)} page after page by offset
 * ({@link PageWalk#byOffset}), where the database reads every earlier row again for each page. {@code byKey} is the
 * walk now: {@code listByStatusAfter(SENT)} after the last id seen ({@link PageWalk#byKey}), one seek through the
 * {@code (status, id)} index per page. One operation is one whole walk; both contenders read the same rows and the
 * set-up checks that they count the same. The table holds {@code rows} follow-ups, 90% of them sent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class KeyWalkBenchmark {

    /** Items per page, for both walks: the largest page a port query returns. */
    static final int PAGE = 1_000;

    private static final Set<FollowUpStatus> SENT = Set.of(FollowUpStatus.SENT);

    /** How many follow-ups the table holds. */
    @Param({"10000", "100000"})
    public int rows;

    private JdbcStorage storage;

    /** Fills a fresh in-memory H2 database; untimed. */
    @Setup
    public void fill() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:keywalk" + rows + ";DB_CLOSE_DELAY=-1");
        storage = JdbcStorage.builder().dataSource(h2).tablePrefix("walk_").build();
        Instant now = Instant.now();
        List<Customer> customers = BenchmarkData.customers(100, now);
        storage.transactions().runInTransaction(() -> customers.forEach(storage.customers()::insert));
        for (int from = 0; from < rows; from += 1_000) {
            int start = from;
            storage.transactions().runInTransaction(() -> {
                for (int i = start; i < Math.min(rows, start + 1_000); i++) {
                    FollowUp due = BenchmarkData.dueFollowUp(customers.get(i % customers.size()).id(), i, now);
                    storage.followUps().insert(i % 10 == 0 ? due
                            : due.toBuilder().status(FollowUpStatus.SENT).build());
                }
            });
        }
        long offset = byOffset();
        long key = byKey();
        if (offset != key || key != rows - (rows + 9) / 10) {
            throw new IllegalStateException("the walks disagree: " + offset + " by offset, " + key + " by key");
        }
    }

    /**
     * The baseline: every sent follow-up, page after page by offset.
     *
     * @return how many were read
     */
    @Benchmark
    public long byOffset() {
        long count = 0;
        for (FollowUp ignored : PageWalk.byOffset(PAGE, page -> storage.followUps().findByStatus(SENT, page))) {
            count++;
        }
        return count;
    }

    /**
     * Every sent follow-up, page after page by key.
     *
     * @return how many were read
     */
    @Benchmark
    public long byKey() {
        long count = 0;
        for (FollowUp ignored : PageWalk.<FollowUp>byKey(PAGE,
                (last, size) -> storage.followUps().listByStatusAfter(SENT, last.map(FollowUp::id), size))) {
            count++;
        }
        return count;
    }
}
