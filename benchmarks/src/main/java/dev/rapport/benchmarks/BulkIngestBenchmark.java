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
 * Bulk interaction ingest on embedded PostgreSQL, in rows offered per second ({@value #ROWS} per invocation, 9,000
 * of them new when the table is pre-filled): {@link JdbcStorage#ingestInteractions}
 * beside two baselines writing the identical new rows into an equivalent table (the same columns, types, primary key,
 * unique external-id index and secondary indexes as Rapport's interaction table): raw pgjdbc {@code COPY ... FROM
 * STDIN} in PostgreSQL's text format ({@code rawCopy}, the target's baseline) and a plain batched {@code INSERT}
 * ({@code rawJdbcBatchInsert}). All go through the same connection pool on a URL with
 * {@code reWriteBatchedInserts=true}, in batches of {@value #BATCH} rows (the adapter's default), one transaction per
 * batch.
 *
 * <p>Both tables already hold {@code stored} rows (parameter; the target asks for 1,000,000), loaded once per
 * trial, untimed, by {@code COPY} into the baseline's table and {@code INSERT ... SELECT} from it into Rapport's, each
 * before its secondary indexes are built (about a minute for 1,000,000 rows, where ingesting them batch by batch took
 * many). Each invocation offers {@value #ROWS} rows of which every tenth (so 10% of every batch) is already
 * stored; the rows are generated untimed before it from a seed that advances per invocation, so every contender gets
 * the same content. Rapport is given all of them and must find the stored ones itself (it looks up which of the
 * call's ids and external ids are stored, then streams the rest with binary {@code COPY}, {@value #BATCH} rows not
 * stored per transaction); the baselines are given only the new ones, which flatters them. Each invocation checks afterwards that exactly the new rows were stored, and deletes
 * them again (untimed), so the table stays the same size.
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

    /** The baseline table's columns, all of which Rapport's interaction table has too. */
    private static final String RAW_COLUMNS = "id, customer_id, channel, direction, occurred_at, agent_id, case_id,"
            + " kind, handled_by, visibility, talk_nanos, hold_nanos, after_contact_work_nanos, summary, external_id,"
            + " order_ref, amount, currency, reason, recorded_at";
    private static final String RAW_INSERT = "INSERT INTO " + RAW_TABLE + " (" + RAW_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The baseline table's secondary indexes: the same as Rapport's interaction table has. */
    private static final String RAW_INDEXES = "CREATE UNIQUE INDEX raw_interaction_external_uk ON raw_interaction"
            + " (external_id);"
            + " CREATE INDEX raw_interaction_customer_idx ON raw_interaction (customer_id, occurred_at, id);"
            + " CREATE INDEX raw_interaction_case_idx ON raw_interaction (case_id, occurred_at, id);"
            + " CREATE INDEX raw_interaction_occurred_idx ON raw_interaction (occurred_at, id);"
            // the same KPI indexes Rapport's migration V3 adds, so both tables maintain the same indexes
            + " CREATE INDEX raw_interaction_kind_idx ON raw_interaction (kind, occurred_at);"
            + " CREATE INDEX raw_interaction_customer_kind_idx ON raw_interaction (customer_id, kind, occurred_at);";

    BenchmarkPostgres postgres;
    private JdbcStorage storage;
    DataSource dataSource;
    private long seed = 1;
    List<Interaction> rows;
    private List<Interaction> fresh;

    /** Rows both tables hold before every invocation (1000000 is the target's size). */
    @Param({"0", "100000", "1000000"})
    public int stored;

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
                + " recorded_at TIMESTAMPTZ NOT NULL, CONSTRAINT raw_interaction_pk PRIMARY KEY (id))");
        long started = System.nanoTime();
        if (stored > 0) {
            fill();
        }
        postgres.execute(RAW_INDEXES);
        org.slf4j.LoggerFactory.getLogger(BulkIngestBenchmark.class).info(
                "Filled both tables with {} rows each in {} s", stored, (System.nanoTime() - started) / 1_000_000_000);
        postgres.execute("VACUUM ANALYZE " + PREFIX + "interaction");
        postgres.execute("VACUUM ANALYZE " + RAW_TABLE);
    }

    /**
     * Fills both tables with {@code stored} rows, untimed, the way a bulk load would and in seconds rather than the
     * minutes 2,000 batches of 500 per table took: the baseline's table by {@code COPY} in one transaction before its
     * secondary indexes exist, then Rapport's table from it by one {@code INSERT ... SELECT} while Rapport's own
     * secondary indexes are dropped, after which they are created again from their stored definitions (so the
     * schema is exactly the migrated one). The rows are those {@link #nextRows()} offers as already stored.
     */
    private void fill() {
        String table = PREFIX + "interaction";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            org.postgresql.copy.CopyManager copier = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            StringBuilder text = new StringBuilder(256 * ROWS);
            for (int chunk = 0; chunk * ROWS < stored; chunk++) {
                text.setLength(0);
                for (Interaction i : BenchmarkData.interactions(Math.min(ROWS, stored - chunk * ROWS), -1 - chunk)) {
                    copyRow(text, i);
                }
                copier.copyIn("COPY " + RAW_TABLE + " (" + RAW_COLUMNS + ") FROM STDIN",
                        new java.io.StringReader(text.toString()));
            }
            List<String> definitions = new java.util.ArrayList<>();
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename = '" + table + "' AND indexname NOT IN (SELECT conname FROM pg_constraint"
                    + " WHERE conrelid = '" + table + "'::regclass)")) {
                while (rs.next()) {
                    definitions.add(rs.getString(2));
                    try (java.sql.Statement drop = c.createStatement()) {
                        drop.execute("DROP INDEX " + rs.getString(1));
                    }
                }
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO " + table + " (" + RAW_COLUMNS + ") SELECT " + RAW_COLUMNS + " FROM "
                        + RAW_TABLE);
                for (String definition : definitions) {
                    st.execute(definition);
                }
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("filling the tables failed", e);
        }
    }

    /**
     * Generates the next invocation's rows, every tenth one already stored (from the pre-filled rows, when there
     * are any); untimed.
     */
    @Setup(Level.Invocation)
    public void nextRows() {
        long invocation = seed++;
        List<Interaction> generated = BenchmarkData.interactions(ROWS, invocation);
        List<Interaction> old = stored == 0 ? List.of()
                : BenchmarkData.interactions(Math.min(ROWS, stored), -1 - (invocation % Math.max(1, stored / ROWS)));
        rows = new java.util.ArrayList<>(ROWS);
        fresh = new java.util.ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            if (!old.isEmpty() && i % 10 == 0) {
                rows.add(old.get(i % old.size()));
            } else {
                rows.add(generated.get(i));
                fresh.add(generated.get(i));
            }
        }
    }

    /** Checks the invocation stored exactly the new rows, in whichever table it wrote to, then deletes them; untimed. */
    @TearDown(Level.Invocation)
    public void checkStored() {
        long total = postgres.queryLong("SELECT (SELECT COUNT(*) FROM " + PREFIX + "interaction)"
                + " + (SELECT COUNT(*) FROM " + RAW_TABLE + ")");
        if (total != 2L * stored + fresh.size()) {
            throw new IllegalStateException("expected " + fresh.size() + " new rows stored beside 2 x " + stored
                    + ", found " + total + " rows in both tables");
        }
        StringBuilder ids = new StringBuilder("'{");
        for (int i = 0; i < fresh.size(); i++) {
            ids.append(i == 0 ? "" : ",").append(fresh.get(i).id().value());
        }
        ids.append("}'::uuid[]");
        postgres.execute("DELETE FROM " + PREFIX + "interaction WHERE id = ANY(" + ids + ");"
                + " DELETE FROM " + RAW_TABLE + " WHERE id = ANY(" + ids + ")");
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
        if (result.inserted() != fresh.size()) {
            throw new IllegalStateException("Rapport stored " + result.inserted() + " of " + fresh.size() + " new rows");
        }
        return result;
    }

    /** The target's baseline: raw pgjdbc COPY of the new rows only, one transaction per batch. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int rawCopy() throws SQLException {
        return copy(fresh);
    }

    private int copy(List<Interaction> toCopy) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            org.postgresql.copy.CopyManager copier = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            StringBuilder text = new StringBuilder(256 * BATCH);
            for (int from = 0; from < toCopy.size(); from += BATCH) {
                text.setLength(0);
                for (Interaction i : toCopy.subList(from, Math.min(toCopy.size(), from + BATCH))) {
                    copyRow(text, i);
                }
                copier.copyIn("COPY " + RAW_TABLE + " (" + RAW_COLUMNS + ") FROM STDIN",
                        new java.io.StringReader(text.toString()));
                c.commit();
            }
            c.setAutoCommit(true);
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed", e);
        }
        return toCopy.size();
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void copyRow(StringBuilder out, Interaction i) {
        Optional<HandleTime> ht = i.handleTime();
        Optional<Money> amount = i.amount();
        field(out, i.id().value(), false);
        field(out, i.customerId().value(), true);
        field(out, i.channel().code(), true);
        field(out, i.direction().name(), true);
        field(out, timestamp(i.occurredAt()), true);
        field(out, i.agentId().map(AgentId::value).orElse(null), true);
        field(out, i.caseId().map(CaseId::value).orElse(null), true);
        field(out, i.kind().name(), true);
        field(out, i.handledBy().name(), true);
        field(out, i.visibility().name(), true);
        field(out, ht.map(h -> h.talk().toNanos()).orElse(null), true);
        field(out, ht.map(h -> h.hold().toNanos()).orElse(null), true);
        field(out, ht.map(h -> h.afterContactWork().toNanos()).orElse(null), true);
        field(out, i.summary().orElse(null), true);
        field(out, i.externalId().orElse(null), true);
        field(out, i.orderRef().orElse(null), true);
        field(out, amount.map(m -> m.amount().toPlainString()).orElse(null), true);
        field(out, amount.map(m -> m.currency().getCurrencyCode()).orElse(null), true);
        field(out, i.reason().orElse(null), true);
        field(out, timestamp(i.recordedAt()), true);
        out.append('\n');
    }

    private static void field(StringBuilder out, Object value, boolean tab) {
        if (tab) {
            out.append('\t');
        }
        if (value == null) {
            out.append("\\N");
            return;
        }
        String text = value.toString();
        for (int n = 0; n < text.length(); n++) {
            char ch = text.charAt(n);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    /** The earlier baseline: plain batched inserts of the new rows, one transaction per batch. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int rawJdbcBatchInsert() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
                for (int from = 0; from < fresh.size(); from += BATCH) {
                    for (Interaction i : fresh.subList(from, Math.min(fresh.size(), from + BATCH))) {
                        bind(ps, i);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            c.setAutoCommit(true);
        }
        return fresh.size();
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
