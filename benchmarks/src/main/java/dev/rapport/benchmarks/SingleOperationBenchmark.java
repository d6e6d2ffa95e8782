package dev.rapport.benchmarks;

import dev.rapport.Rapport;
import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.interaction.InteractionKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Single operations through Rapport's facade, in JMH's sample-time mode (p50 and p99 of one call): registering a
 * customer, opening a case, recording an interaction and recording feedback, each beside a raw JDBC contender that
 * inserts and commits the same rows Rapport stores, into tables created by the same migration under another prefix
 * (so with the same columns and indexes). On in-process H2 ({@code jdbc:h2:mem:}) and on embedded PostgreSQL
 * (parameter {@code durability}: {@code durable}, every commit waiting for its WAL flush, the headline, or
 * {@code non-durable}). Target (issue 14, 8): Rapport's p99 at most 2 x the raw contender's p99, per operation.
 *
 * <p><b>The same rows.</b> In one transaction Rapport stores the entity's row (for a customer also its identity row
 * and its audit-trail row) and the operation's domain event in the outbox. The raw contender stores exactly those
 * rows: the entity's row(s) and one outbox row per event, whose type, aggregate and JSON payload are copied from what
 * Rapport stored for one call of the same operation in the set-up (its ids replaced by fresh ones, so the payload has
 * the same shape and length), numbered from a counter kept in memory. Each row is one {@code INSERT}, then one
 * commit. What Rapport does beyond that is its own cost: validating the command, checking that the customer and the
 * case exist, looking up who holds an email address, numbering the event under a lock, savepoints.
 *
 * <p><b>The same data source.</b> Both contenders take their connections from one pool, as a host would configure:
 * on H2 H2's own {@link JdbcConnectionPool}, so a session (and its parsed-statement cache) lives on between
 * transactions; on PostgreSQL the benchmarks' {@code PooledDataSource}. Cases, interactions and feedback go to one
 * customer registered in the set-up; no relay runs, so the outbox grows during a run on both sides alike.
 *
 * <p>The system property {@code single.h2Settings} (default empty: H2's defaults) is appended to the H2 URL, for
 * example {@code ;QUERY_CACHE_SIZE=32} to see what H2's per-session cache of parsed statements costs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SingleOperationBenchmark {

    static final String PREFIX = "bench_";
    static final String RAW = "raw_";

    /**
     * Where the rows go: {@code h2} (in memory) or {@code postgres} (embedded); also {@code h2file} (H2 in a file in a
     * new temporary directory) when given with {@code -p database=h2file}.
     */
    @Param({"h2", "postgres"})
    public String database;

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}); ignored on H2.
     */
    @Param({"durable", "non-durable"})
    public String durability;

    private BenchmarkPostgres postgres;
    private JdbcConnectionPool h2Pool;
    private Connection keepAlive;
    private DataSource dataSource;
    private Rapport rapport;
    private CustomerId customer;
    private CaseId supportCase;
    private final AtomicLong sequence = new AtomicLong();
    private java.nio.file.Path h2Directory;
    /** Wraps the data source before anything uses it; {@link SingleOperationStatements} counts statements with it. */
    UnaryOperator<DataSource> wrapDataSource = UnaryOperator.identity();
    /** The outbox rows (and audit-trail row) one call of each operation stored, copied by the raw contender. */
    private RowTemplates.Call customerRows;
    private RowTemplates.Call caseRows;
    private RowTemplates.Call interactionRows;
    private RowTemplates.Call feedbackRows;
    /** The raw contender's event numbers per aggregate. */
    private final Map<String, AtomicLong> rawSequences = new HashMap<>();

    /**
     * Starts the database, migrates both prefixes, registers the customer and case the operations use, and takes
     * the rows one call of each operation stores as the raw contender's templates.
     *
     * @throws SQLException if the database fails
     */
    @Setup(Level.Trial)
    public void start() throws SQLException {
        if (database.equals("postgres")) {
            postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
            dataSource = postgres.dataSource();
        } else {
            String url;
            if (database.equals("h2file")) {
                try {
                    h2Directory = java.nio.file.Files.createTempDirectory("single-h2");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                url = "jdbc:h2:file:" + h2Directory.resolve("single").toAbsolutePath();
            } else {
                url = "jdbc:h2:mem:single" + System.nanoTime();
            }
            url += System.getProperty("single.h2Settings", "");
            keepAlive = DriverManager.getConnection(url, "sa", "");
            h2Pool = JdbcConnectionPool.create(url, "sa", "");
            dataSource = h2Pool;
        }
        dataSource = wrapDataSource.apply(dataSource);
        JdbcStorage.builder().dataSource(dataSource).tablePrefix(RAW).build();
        rapport = Rapport.builder().storage(JdbcStorage.builder().dataSource(dataSource).tablePrefix(PREFIX).build())
                .build();
        RowTemplates templates = new RowTemplates(dataSource, PREFIX);
        customerRows = templates.of(() -> ((dev.rapport.spi.customer.Customer) registerCustomer()).id().value());
        customer = new CustomerId(customerRows.entityId());
        caseRows = templates.of(() -> ((dev.rapport.spi.cases.Case) openCase()).id().value());
        supportCase = new CaseId(caseRows.entityId());
        interactionRows = templates.of(() -> ((dev.rapport.spi.interaction.Interaction) recordInteraction()).id()
                .value());
        feedbackRows = templates.of(() -> ((dev.rapport.spi.feedback.Feedback) recordFeedback()).id().value());
        rawCustomer();
    }

    /** Closes Rapport and the database. */
    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        rapport.close();
        if (postgres != null) {
            postgres.close();
        }
        if (h2Pool != null) {
            h2Pool.dispose();
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (h2Directory != null) {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(h2Directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(java.nio.file.Path::toFile)
                        .forEach(java.io.File::delete);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private long next() {
        return sequence.incrementAndGet();
    }

    /** Registers a customer with an email address. */
    @Benchmark
    public Object registerCustomer() {
        long n = next();
        return rapport.customers().register(RegisterCustomer.builder().name("Customer " + n)
                .identity(ContactIdentity.primary(Channel.EMAIL, "customer" + n + "@example.com")).build());
    }

    /** Opens a case for the customer. */
    @Benchmark
    public Object openCase() {
        return rapport.cases().open(OpenCase.builder().customerId(customer).subject("Where is my order")
                .originChannel(Channel.EMAIL).build());
    }

    /** Records an inbound email in the case. */
    @Benchmark
    public Object recordInteraction() {
        return rapport.interactions().record(RecordInteraction.builder().customerId(customer).caseId(supportCase)
                .channel(Channel.EMAIL).kind(InteractionKind.QUESTION).summary("Asked where the parcel is").build());
    }

    /** Records a CSAT rating of the case. */
    @Benchmark
    public Object recordFeedback() {
        return rapport.feedback().record(RecordFeedback.builder().customerId(customer).caseId(supportCase)
                .metric(FeedbackMetric.CSAT).score(4).build());
    }

    private static java.time.OffsetDateTime now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /**
     * Inserts the outbox rows (and, where the operation writes one, the audit-trail row) of one call, as Rapport
     * stored them in the set-up, with fresh ids: one {@code INSERT} each, on the transaction's connection.
     */
    private void insertCopies(Connection c, RowTemplates.Call call, UUID entityId) throws SQLException {
        for (RowTemplates.Audit audit : call.audits()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "audit_trail (id, subject_kind,"
                    + " subject_id, happened_at, actor_kind, actor_name, trail_action, from_value, to_value, detail)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, audit.subjectKind());
                ps.setObject(3, audit.subjectIsEntity() ? entityId : audit.subjectId());
                ps.setObject(4, now());
                ps.setString(5, audit.actorKind());
                ps.setString(6, audit.actorName());
                ps.setString(7, audit.action());
                ps.setString(8, audit.fromValue());
                ps.setString(9, audit.toValue());
                ps.setString(10, audit.detail());
                ps.executeUpdate();
            }
        }
        for (RowTemplates.Event event : call.events()) {
            UUID eventId = UUID.randomUUID();
            String aggregate = event.aggregateId().replace(call.entityId().toString(), entityId.toString());
            long seq = rawSequences.computeIfAbsent(aggregate, k -> new AtomicLong()).incrementAndGet();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "outbox (event_id, aggregate_id,"
                    + " aggregate_seq, event_type, payload, status, attempts, available_at, appended_at,"
                    + " claim_version) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, 0)")) {
                ps.setObject(1, eventId);
                ps.setString(2, aggregate);
                ps.setLong(3, seq);
                ps.setString(4, event.eventType());
                ps.setString(5, event.payload().replace(event.eventId().toString(), eventId.toString())
                        .replace(call.entityId().toString(), entityId.toString()));
                ps.setObject(6, now());
                ps.setObject(7, now());
                ps.executeUpdate();
            }
        }
    }

    /**
     * Raw JDBC: a customer row, its identity row, its audit-trail row and its outbox row, one transaction.
     *
     * @return the new customer's id
     * @throws SQLException if the database fails
     */
    @Benchmark
    public UUID rawCustomer() throws SQLException {
        long n = next();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "customer (id, name,"
                    + " preferred_channel, locale, time_zone, consents, status, attributes, created_at, updated_at,"
                    + " version) VALUES (?, ?, 'email', 'en', 'UTC', '{}', 'ACTIVE', '{}', ?, ?, 1)")) {
                ps.setObject(1, id);
                ps.setString(2, "Customer " + n);
                ps.setObject(3, now());
                ps.setObject(4, now());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "customer_identity (customer_id,"
                    + " ordinal, channel, address, normalized, is_primary, verified) VALUES (?, 0, 'email', ?, ?,"
                    + " TRUE, FALSE)")) {
                ps.setObject(1, id);
                ps.setString(2, "customer" + n + "@example.com");
                ps.setString(3, "customer" + n + "@example.com");
                ps.executeUpdate();
            }
            insertCopies(c, customerRows, id);
            c.commit();
        }
        return id;
    }

    /**
     * Raw JDBC: a case row and its outbox row, one transaction.
     *
     * @return the new case's id
     * @throws SQLException if the database fails
     */
    @Benchmark
    public UUID rawCase() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "support_case (id, customer_id,"
                    + " subject, priority, origin_channel, required_skills, status, created_at, reopen_count, history,"
                    + " updated_at, version) VALUES (?, ?, 'Where is my order', 'NORMAL', 'email', '[]', 'NEW', ?, 0,"
                    + " '[]', ?, 1)")) {
                ps.setObject(1, id);
                ps.setObject(2, customer.value());
                ps.setObject(3, now());
                ps.setObject(4, now());
                ps.executeUpdate();
            }
            insertCopies(c, caseRows, id);
            c.commit();
        }
        return id;
    }

    /**
     * Raw JDBC: an interaction row and its outbox row, one transaction.
     *
     * @return the new interaction's id
     * @throws SQLException if the database fails
     */
    @Benchmark
    public UUID rawInteraction() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "interaction (id, customer_id,"
                    + " channel, direction, occurred_at, case_id, kind, handled_by, visibility, summary, recorded_at)"
                    + " VALUES (?, ?, 'email', 'INBOUND', ?, ?, 'QUESTION', 'HUMAN', 'PUBLIC',"
                    + " 'Asked where the parcel is', ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, customer.value());
                ps.setObject(3, now());
                ps.setObject(4, supportCase.value());
                ps.setObject(5, now());
                ps.executeUpdate();
            }
            insertCopies(c, interactionRows, id);
            c.commit();
        }
        return id;
    }

    /**
     * Raw JDBC: a feedback row and its outbox row, one transaction.
     *
     * @return the new feedback's id
     * @throws SQLException if the database fails
     */
    @Benchmark
    public UUID rawFeedback() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + RAW + "feedback (id, customer_id, metric,"
                    + " scale_min, scale_max, scale_direction, score, received_at, case_id) VALUES (?, ?, 'CSAT', 1,"
                    + " 5, 'HIGHER_IS_BETTER', 4, ?, ?)")) {
                ps.setObject(1, id);
                ps.setObject(2, customer.value());
                ps.setObject(3, now());
                ps.setObject(4, supportCase.value());
                ps.executeUpdate();
            }
            insertCopies(c, feedbackRows, id);
            c.commit();
        }
        return id;
    }
}
