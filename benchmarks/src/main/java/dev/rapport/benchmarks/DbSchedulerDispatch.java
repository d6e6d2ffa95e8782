package dev.rapport.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.rapport.benchmarks.db.BenchmarkPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of {@link DispatchBenchmark}: db-scheduler executing no-op one-time tasks on PostgreSQL, with as
 * many executor threads as the dispatcher has, the same poll interval, and the polling strategy its documentation
 * recommends for PostgreSQL: lock-and-fetch ({@code SELECT ... FOR UPDATE SKIP LOCKED}, marking the batch picked in
 * the same statement), fetching up to three times the thread count and fetching again when fewer than half the
 * threads have work. (Its other strategy, fetch then lock each execution optimistically, was slower here: about
 * 3,000 rather than 7,200 tasks per second with one thread, in a short trial run.) An item is done when db-scheduler reports its execution complete, which is after it deleted
 * the task's row.
 *
 * <p>Not thread-safe beyond what {@link DispatchEngine} needs: one benchmark thread drives it.
 */
final class DbSchedulerDispatch implements DispatchEngine {

    /** The table db-scheduler keeps its executions in (its default name). */
    static final String TABLE = "scheduled_tasks";
    /** The lower and upper limits of lock-and-fetch, as fractions of the thread count. */
    static final double LOWER_LIMIT = 0.5;
    static final double UPPER_LIMIT = 3.0;

    private final BenchmarkPostgres postgres;
    private final int threads;
    private final OneTimeTask<Void> task;
    private final SchedulerClient client;
    private final Set<String> executed = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile CountDownLatch done;
    private Scheduler scheduler;
    private int items;
    private int invocation;

    /**
     * Creates db-scheduler's table (PostgreSQL layout, as db-scheduler documents it) in the database.
     *
     * @param postgres the database
     * @param threads the scheduler's executor threads
     */
    DbSchedulerDispatch(BenchmarkPostgres postgres, int threads) {
        this.postgres = postgres;
        this.threads = threads;
        createTable(postgres);
        task = Tasks.oneTime("bench-noop").execute((instance, context) -> {
            if (!executed.add(instance.getId())) {
                duplicates.incrementAndGet();
            }
        });
        client = SchedulerClient.Builder.create(postgres.dataSource(), task).build();
    }

    /** db-scheduler's table and indexes for PostgreSQL. */
    static void createTable(BenchmarkPostgres postgres) {
        postgres.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + " task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,"
                + " execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,"
                + " last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,"
                + " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
                + " priority SMALLINT, PRIMARY KEY (task_name, task_instance));"
                + " CREATE INDEX IF NOT EXISTS execution_time_idx ON " + TABLE + " (execution_time);"
                + " CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON " + TABLE + " (last_heartbeat);"
                + " CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON " + TABLE
                + " (priority DESC, execution_time ASC);");
    }

    @Override
    public void prepare(int count) {
        postgres.execute("TRUNCATE " + TABLE);
        items = count;
        executed.clear();
        duplicates.set(0);
        failures.set(0);
        done = new CountDownLatch(count);
        int run = invocation++;
        List<TaskInstance<?>> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            instances.add(task.instance("item-" + run + "-" + i));
        }
        Instant due = Instant.now().minusSeconds(3_600);
        for (int from = 0; from < count; from += 1_000) {
            client.scheduleBatch(instances.subList(from, Math.min(count, from + 1_000)), due);
        }
        scheduler = Scheduler.create(postgres.dataSource(), task)
                .threads(threads)
                .pollingInterval(RapportDispatch.POLL_INTERVAL)
                .pollUsingLockAndFetch(LOWER_LIMIT, UPPER_LIMIT)
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        if (complete.getResult() == ExecutionComplete.Result.OK) {
                            done.countDown();
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                })
                .build();
    }

    @Override
    public void runUntilDone(Duration timeout) throws InterruptedException {
        scheduler.start();
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("db-scheduler executed " + (items - done.getCount()) + " of " + items
                    + " tasks within " + timeout);
        }
    }

    @Override
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public void finishAndCheck() {
        scheduler.stop();
        scheduler = null;
        long left = postgres.queryLong("SELECT COUNT(*) FROM " + TABLE);
        if (duplicates.get() > 0 || failures.get() > 0 || executed.size() != items || left != 0) {
            throw new IllegalStateException("DUPLICATES OR LOST ITEMS in db-scheduler: " + duplicates.get()
                    + " duplicates, " + failures.get() + " failures, " + executed.size() + " of " + items
                    + " executed, " + left + " left in the table");
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
