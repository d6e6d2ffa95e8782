package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of walking a whole table by offset against by key, and of reading one period's sent surveys (issue 14,
 * target 9), through the JDBC adapter on in-process H2 or on embedded PostgreSQL (parameter {@code database};
 * PostgreSQL durable: {@code fsync=on}, {@code synchronous_commit=on}). The whole-table walks read every sent
 * follow-up in pages of {@value #PAGE}: the baseline, {@code byOffset}, is {@code findByStatus(SENT)} page after page
 * by offset ({@link PageWalk#byOffset}), where the database reads every earlier row again for each page; {@code byKey}
 * is {@code listByStatusAfter(SENT)} after the last id seen ({@link PageWalk#byKey}), one seek through the
 * {@code (status, id)} index per page. The period reads find the sent surveys due in the period of the last
 * {@value #PERIOD_ROWS} follow-ups stored, as the streaming survey response count does: the baseline,
 * {@code periodBySentWalk}, is that count's walk before, every sent follow-up by key, keeping the period's surveys;
 * {@code periodByDue} is the walk now, {@code listDueBetween(SENT, SURVEY, period)} by (due time, id) through the
 * {@code (status, due_at, id)} index, which reads the period's rows only. One operation is one whole walk; the set-up
 * checks that the contenders of each pair count the same. The table holds {@code rows} follow-ups, 90% of them sent
 * surveys, the rest scheduled.
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

    /** How many of the last follow-ups stored the period of the period reads spans (90% of them sent surveys). */
    static final int PERIOD_ROWS = 1_000;

    private static final Set<FollowUpStatus> SENT = Set.of(FollowUpStatus.SENT);

    /** How many follow-ups the table holds. */
    @Param({"10000", "100000"})
    public int rows;

    /** Where the table is: {@code h2} (in memory) or {@code postgres} (embedded, durable). */
    @Param({"h2", "postgres"})
    public String database;

    private JdbcStorage storage;
    private BenchmarkPostgres postgres;
    private TimeRange period;

    /**
     * Fills a fresh database, and on PostgreSQL updates the table's statistics; untimed.
     *
     * @throws SQLException if the statistics cannot be updated
     */
    @Setup
    public void fill() throws SQLException {
        javax.sql.DataSource dataSource;
        if (database.equals("postgres")) {
            postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.DURABLE);
            dataSource = postgres.dataSource();
        } else if (database.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:keywalk" + rows + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        } else {
            throw new IllegalArgumentException("database must be h2 or postgres: " + database);
        }
        storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix("walk_").build();
        Instant now = Instant.now();
        List<Customer> customers = BenchmarkData.customers(100, now);
        storage.transactions().runInTransaction(() -> customers.forEach(storage.customers()::insert));
        for (int from = 0; from < rows; from += 1_000) {
            int start = from;
            storage.transactions().runInTransaction(() -> {
                for (int i = start; i < Math.min(rows, start + 1_000); i++) {
                    FollowUp due = BenchmarkData.dueFollowUp(customers.get(i % customers.size()).id(), i, now);
                    storage.followUps().insert(i % 10 == 0 ? due
                            : due.toBuilder().kind(FollowUpKind.SURVEY).status(FollowUpStatus.SENT).build());
                }
            });
        }
        // dueFollowUp puts follow-up i at an hour before now plus i microseconds
        Instant first = now.truncatedTo(ChronoUnit.MICROS).minusSeconds(3_600);
        period = TimeRange.of(first.plusNanos((rows - PERIOD_ROWS) * 1_000L), first.plusNanos(rows * 1_000L));
        if (postgres != null) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE walk_follow_up");
            }
        }
        long offset = byOffset();
        long key = byKey();
        if (offset != key || key != rows - (rows + 9) / 10) {
            throw new IllegalStateException("the walks disagree: " + offset + " by offset, " + key + " by key");
        }
        long before = periodBySentWalk();
        long byDue = periodByDue();
        if (before != byDue || byDue != PERIOD_ROWS - PERIOD_ROWS / 10) {
            throw new IllegalStateException("the period reads disagree: " + before + " by the sent walk, " + byDue
                    + " by due time");
        }
    }

    /** Stops PostgreSQL, if it was started. */
    @TearDown
    public void stop() {
        if (postgres != null) {
            postgres.close();
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

    /**
     * The baseline of the period reads: the survey response count's walk before, every sent follow-up by key,
     * keeping the surveys due in the period.
     *
     * @return how many surveys of the period were found
     */
    @Benchmark
    public long periodBySentWalk() {
        long count = 0;
        for (FollowUp f : PageWalk.<FollowUp>byKey(PAGE,
                (last, size) -> storage.followUps().listByStatusAfter(SENT, last.map(FollowUp::id), size))) {
            if (FollowUpKind.SURVEY.equals(f.kind()) && period.contains(f.dueAt())) {
                count++;
            }
        }
        return count;
    }

    /**
     * The period's sent surveys, by due time and id, as the survey response count reads them now.
     *
     * @return how many surveys of the period were found
     */
    @Benchmark
    public long periodByDue() {
        long count = 0;
        for (FollowUp ignored : PageWalk.<FollowUp>byKey(PAGE, (last, size) -> storage.followUps()
                .listDueBetween(FollowUpStatus.SENT, FollowUpKind.SURVEY, period, last, size))) {
            count++;
        }
        return count;
    }
}
