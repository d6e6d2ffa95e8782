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
 * The baseline of {@link DispatchBenchmark}: db-scheduler executing one-time tasks on PostgreSQL that do what
 * Rapport's dispatcher does per follow-up, in one transaction of the task's own (the customer's row with its contact
 * identities and the case's row read, the message rendered, the item's row in {@value #DELIVERY} updated to sent, a
 * row inserted in {@value #EVENTS}), with as
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
    /** One row per item, updated to sent by its task: the equivalent of Rapport's follow-up row. */
    static final String DELIVERY = "dbs_delivery";
    /** One row per executed item: the equivalent of Rapport's outbox event. */
    static final String EVENTS = "dbs_event";
    /** The lower and upper limits of lock-and-fetch, as fractions of the thread count. */
    static final double LOWER_LIMIT = 0.5;
    static final double UPPER_LIMIT = 3.0;

    private final BenchmarkPostgres postgres;
    private final List<dev.rapport.spi.customer.CustomerId> customers;
    private final List<dev.rapport.spi.cases.CaseId> cases;
    private final int threads;
    private final OneTimeTask<Void> task;
    private final SchedulerClient client;
    private final Set<String> executed = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile CountDownLatch done;
    private final javax.sql.DataSource dataSource;
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
        this(postgres, threads, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #DbSchedulerDispatch(BenchmarkPostgres, int)}, with db-scheduler and its tasks reaching the database
     * through a wrapper of its data source ({@link DispatchStatements} counts statements with it).
     *
     * @param postgres the database
     * @param threads the scheduler's executor threads
     * @param wrap wraps the database's data source
     */
    DbSchedulerDispatch(BenchmarkPostgres postgres, int threads,
            java.util.function.UnaryOperator<javax.sql.DataSource> wrap) {
        this.postgres = postgres;
        this.dataSource = wrap.apply(postgres.dataSource());
        this.threads = threads;
        createTable(postgres);
        customers = BenchmarkData.customers(RapportDispatch.CUSTOMERS, java.time.Instant.now()).stream()
                .map(c -> c.id()).toList();
        cases = BenchmarkData.cases(customers, java.time.Instant.now()).stream().map(c -> c.id()).toList();
        task = Tasks.oneTime("bench-work").execute((instance, context) -> {
            if (!executed.add(instance.getId())) {
                duplicates.incrementAndGet();
            }
            work(dataSource, customers, cases, instance.getId());
        });
        client = SchedulerClient.Builder.create(dataSource, task).build();
    }

    /**
     * One item's work, as Rapport's dispatcher does it per follow-up: reads the customer with its contact identities
     * and the case, renders the message, marks the item's delivery row sent and inserts an event row, in one
     * transaction. The item's number (the instance id's last part) picks its customer and case as Rapport's do.
     *
     * @param dataSource where the customers, cases and the item's rows are
     * @param customers the benchmark's customers, in {@link BenchmarkData}'s order
     * @param cases their cases, in the same order
     * @param instanceId the task instance's id, ending in the item's number
     */
    static void work(javax.sql.DataSource dataSource, List<dev.rapport.spi.customer.CustomerId> customers,
            List<dev.rapport.spi.cases.CaseId> cases, String instanceId) {
        int item = Integer.parseInt(instanceId.substring(instanceId.lastIndexOf('-') + 1));
        java.util.UUID customer = customers.get(item % customers.size()).value();
        java.util.UUID supportCase = cases.get(item % cases.size()).value();
        String prefix = DispatchBenchmark.PREFIX;
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String name = null;
            String address = null;
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT cu.name, cu.status, cu.consents,"
                    + " ci.address FROM " + prefix + "customer cu LEFT JOIN " + prefix + "customer_identity ci"
                    + " ON ci.customer_id = cu.id WHERE cu.id = ? ORDER BY ci.ordinal")) {
                ps.setObject(1, customer);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        name = rs.getString(1);
                        address = rs.getString(4);
                    }
                }
            }
            String caseStatus;
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT status, subject FROM " + prefix
                    + "support_case WHERE id = ?")) {
                ps.setObject(1, supportCase);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    caseStatus = rs.next() ? rs.getString(1) : null;
                }
            }
            if (name == null || address == null || caseStatus == null) {
                throw new IllegalStateException("item " + instanceId + " found no customer or case");
            }
            String message = String.format(java.util.Locale.UK, "Dear %s, thank you for buying %s. (%s, case %s)",
                    name, "the blue table", address, caseStatus);
            try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE " + DELIVERY + " SET status = 'SENT',"
                    + " message = ?, sent_at = CURRENT_TIMESTAMP, version = version + 1 WHERE id = ? AND status = 'SCHEDULED'")) {
                ps.setString(1, message);
                ps.setString(2, instanceId);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("item " + instanceId + " was not scheduled");
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO " + EVENTS
                    + " (item, type, payload, created_at) VALUES (?, 'FollowUpSent', ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, instanceId);
                ps.setString(2, "{\"customer\":\"" + customer + "\",\"case\":\"" + supportCase + "\"}");
                ps.executeUpdate();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("item " + instanceId + " failed", e);
        }
    }

    /** db-scheduler's table and indexes for PostgreSQL, and the tables its tasks write. */
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
                + " (priority DESC, execution_time ASC);"
                + " CREATE TABLE IF NOT EXISTS " + DELIVERY + " (id TEXT PRIMARY KEY, status TEXT NOT NULL,"
                + " message TEXT, sent_at TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL);"
                + " CREATE TABLE IF NOT EXISTS " + EVENTS + " (id BIGSERIAL PRIMARY KEY, item TEXT NOT NULL,"
                + " type TEXT NOT NULL, payload TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL);");
    }

    @Override
    public void prepare(int count) {
        postgres.execute("TRUNCATE " + TABLE + ", " + DELIVERY + ", " + EVENTS);
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
        postgres.execute("INSERT INTO " + DELIVERY + " (id, status, version) SELECT 'item-" + run + "-' || g,"
                + " 'SCHEDULED', 0 FROM generate_series(0, " + (count - 1) + ") g");
        Instant due = Instant.now().minusSeconds(3_600);
        for (int from = 0; from < count; from += 1_000) {
            client.scheduleBatch(instances.subList(from, Math.min(count, from + 1_000)), due);
        }
        scheduler = Scheduler.create(dataSource, task)
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
        long sent = postgres.queryLong("SELECT COUNT(*) FROM " + DELIVERY + " WHERE status = 'SENT'");
        long events = postgres.queryLong("SELECT COUNT(*) FROM " + EVENTS);
        if (duplicates.get() > 0 || failures.get() > 0 || executed.size() != items || left != 0 || sent != items
                || events != items) {
            throw new IllegalStateException("DUPLICATES OR LOST ITEMS in db-scheduler: " + duplicates.get()
                    + " duplicates, " + failures.get() + " failures, " + executed.size() + " of " + items
                    + " executed, " + left + " left in the table, " + sent + " delivery rows sent, " + events
                    + " events");
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
