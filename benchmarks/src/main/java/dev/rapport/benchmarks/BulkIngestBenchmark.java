package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.jdbc.BulkIngestResult;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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

/**
 * Bulk interaction ingest on embedded PostgreSQL, in rows per second: {@link JdbcStorage#ingestInteractions} beside
 * the baseline, a plain pgjdbc batched {@code INSERT} of the identical rows into an equivalent table (the same
 * columns, types, primary key, unique external-id index and secondary indexes as Rapport's interaction table). Both
 * go through the same connection pool on a URL with {@code reWriteBatchedInserts=true}, in batches of
 * {@value #BATCH} rows (the adapter's default), one transaction per batch.
 *
 * <p>Each invocation stores {@value #ROWS} new rows into an emptied table; the rows are generated untimed before it
 * from a seed that advances per invocation, so both contenders store the same content. Rapport's ingest also does
 * what makes it idempotent: per batch it looks up which ids and external ids are stored, then streams the rest with
 * {@code COPY} (and would insert the batch again with {@code ON CONFLICT DO NOTHING} had a concurrent transaction
 * stored one of them meanwhile). Both tables carry the same indexes, the KPI pushdown's two included. Each
 * invocation checks afterwards that exactly {@value #ROWS} rows are in the table.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BulkIngestBenchmark {

    /** Rows stored per invocation. */
    static final int ROWS = 10_000;
    /** Rows per batch and per transaction, for both contenders. */
    static final int BATCH = JdbcStorage.DEFAULT_INGEST_BATCH_SIZE;

    static final String PREFIX = "bench_";
    static final String RAW_TABLE = "raw_interaction";

    private static final String RAW_INSERT = "INSERT INTO " + RAW_TABLE + " (id, customer_id, channel, direction,"
            + " occurred_at, agent_id, case_id, kind, handled_by, visibility, talk_nanos, hold_nanos,"
            + " after_contact_work_nanos, summary, external_id, order_ref, amount, currency, reason, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private BenchmarkPostgres postgres;
    private JdbcStorage storage;
    private DataSource dataSource;
    private long seed = 1;
    private List<Interaction> rows;

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}, the labelled second setting); see
     * {@link BenchmarkPostgres.Durability}.
     */
    @Param({"durable", "non-durable"})
    public String durability;

    /** Starts PostgreSQL, migrates Rapport's schema and creates the baseline's equivalent table. */
    @Setup(Level.Trial)
    public void startDatabase() {
        postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
        dataSource = postgres.dataSource();
        storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(PREFIX).build();
        postgres.execute("CREATE TABLE " + RAW_TABLE + " ("
                + " id UUID NOT NULL, customer_id UUID NOT NULL, channel VARCHAR(32) NOT NULL,"
                + " direction VARCHAR(16) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, agent_id UUID, case_id UUID,"
                + " kind VARCHAR(32) NOT NULL, handled_by VARCHAR(16) NOT NULL, visibility VARCHAR(16) NOT NULL,"
                + " talk_nanos BIGINT, hold_nanos BIGINT, after_contact_work_nanos BIGINT, summary TEXT,"
                + " external_id TEXT, order_ref TEXT, amount NUMERIC(19,4), currency VARCHAR(3), reason VARCHAR(64),"
                + " recorded_at TIMESTAMPTZ NOT NULL, CONSTRAINT raw_interaction_pk PRIMARY KEY (id));"
                + " CREATE UNIQUE INDEX raw_interaction_external_uk ON raw_interaction (external_id);"
                + " CREATE INDEX raw_interaction_customer_idx ON raw_interaction (customer_id, occurred_at, id);"
                + " CREATE INDEX raw_interaction_case_idx ON raw_interaction (case_id, occurred_at, id);"
                + " CREATE INDEX raw_interaction_occurred_idx ON raw_interaction (occurred_at, id);"
                // the same KPI indexes Rapport's migration V3 adds, so both tables maintain the same indexes
                + " CREATE INDEX raw_interaction_kind_idx ON raw_interaction (kind, occurred_at);"
                + " CREATE INDEX raw_interaction_customer_kind_idx ON raw_interaction (customer_id, kind, occurred_at);");
    }

    /** Empties both tables and generates the next invocation's rows; untimed. */
    @Setup(Level.Invocation)
    public void nextRows() {
        postgres.execute("TRUNCATE " + PREFIX + "interaction, " + RAW_TABLE);
        rows = BenchmarkData.interactions(ROWS, seed++);
    }

    /** Checks the invocation stored every row, in whichever table it wrote to; untimed. */
    @TearDown(Level.Invocation)
    public void checkStored() {
        long stored = postgres.queryLong("SELECT (SELECT COUNT(*) FROM " + PREFIX + "interaction)"
                + " + (SELECT COUNT(*) FROM " + RAW_TABLE + ")");
        if (stored != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows stored, found " + stored);
        }
    }

    /** Stops PostgreSQL. */
    @TearDown(Level.Trial)
    public void stopDatabase() {
        postgres.close();
    }

    /** Rapport's idempotent bulk ingest. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BulkIngestResult rapportIngest() {
        BulkIngestResult result = storage.ingestInteractions(rows);
        if (result.inserted() != ROWS) {
            throw new IllegalStateException("Rapport stored " + result.inserted() + " of " + ROWS + " rows");
        }
        return result;
    }

    /** The baseline: plain batched inserts of the same rows, one transaction per batch. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int rawJdbcBatchInsert() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
                for (int from = 0; from < rows.size(); from += BATCH) {
                    for (Interaction i : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                        bind(ps, i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
        return rows.size();
    }

    /** Binds the columns with the same JDBC types the adapter uses. */
    private static void bind(PreparedStatement ps, Interaction i) throws SQLException {
        Optional<HandleTime> ht = i.handleTime();
        ps.setObject(1, i.id().value());
        ps.setObject(2, i.customerId().value());
        ps.setString(3, i.channel().code());
        ps.setString(4, i.direction().name());
        ps.setObject(5, timestamp(i.occurredAt()));
        ps.setObject(6, i.agentId().map(AgentId::value).orElse(null));
        ps.setObject(7, i.caseId().map(CaseId::value).orElse(null));
        ps.setString(8, i.kind().name());
        ps.setString(9, i.handledBy().name());
        ps.setString(10, i.visibility().name());
        setLong(ps, 11, ht.map(h -> h.talk().toNanos()));
        setLong(ps, 12, ht.map(h -> h.hold().toNanos()));
        setLong(ps, 13, ht.map(h -> h.afterContactWork().toNanos()));
        setString(ps, 14, i.summary());
        setString(ps, 15, i.externalId());
        setString(ps, 16, i.orderRef());
        Optional<Money> amount = i.amount();
        if (amount.isPresent()) {
            ps.setBigDecimal(17, amount.get().amount());
            ps.setString(18, amount.get().currency().getCurrencyCode());
        } else {
            ps.setNull(17, Types.NUMERIC);
            ps.setNull(18, Types.VARCHAR);
        }
        setString(ps, 19, i.reason());
        ps.setObject(20, timestamp(i.recordedAt()));
    }

    private static OffsetDateTime timestamp(Instant value) {
        return value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static void setLong(PreparedStatement ps, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    private static void setString(PreparedStatement ps, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            ps.setString(index, value.get());
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }
}
