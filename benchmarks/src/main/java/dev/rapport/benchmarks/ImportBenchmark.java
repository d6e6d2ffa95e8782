package dev.rapport.benchmarks;

import dev.rapport.Rapport;
import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.imports.ColumnMapping;
import dev.rapport.imports.ImportReport;
import dev.rapport.imports.TicketImporter;
import dev.rapport.imports.TimeFormat;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The ticket import's bulk path (issue 14, target 6), in seconds per file of {@code rows} tickets (single shot: one
 * whole import per iteration): {@code rapportImport}, {@link TicketImporter} with its defaults (chunks of
 * {@value TicketImporter#DEFAULT_CHUNK_SIZE} rows, one transaction each, JDBC batches), beside {@code rawJdbcBatch},
 * plain JDBC batched {@code INSERT}s of the same rows (per ticket: a customer and its identity row for every second
 * ticket, whose customer is new, with the audit entry of its registration, a case, the opening message and the first
 * reply, a CSAT answer; one transaction per
 * 500 tickets) into tables created by the same migration under another prefix, so with the same columns and indexes;
 * and {@code reimport}, the same file imported again over the first import (every row skipped). Targets: the import
 * at least 0.7 x the raw batch's speed; a re-import at least 10 x faster than the first import.
 *
 * <p>The raw contender does only the inserts: no parsing or checking of the file, no identity resolution, no case
 * lifecycle, no look-up of tickets imported before; it knows every customer is new where the file says so. Rapport
 * does all of that, through its services, on each row.
 *
 * <p>Databases ({@code database}): {@code h2-mem} ({@code jdbc:h2:mem:}), {@code h2-file} (an H2 file in a temporary
 * directory) and {@code postgres} (embedded, durable: {@code fsync=on}, {@code synchronous_commit=on}). Every table is
 * emptied before each iteration (untimed); for {@code reimport} the file is then imported once, untimed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.log.io.zonky=warn",
        "-Dorg.slf4j.simpleLogger.log.dev.rapport=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ImportBenchmark {

    static final String PREFIX = "bench_";
    static final String RAW = "raw_";
    /** Tickets per raw transaction, as the importer's default chunk. */
    static final int RAW_CHUNK = TicketImporter.DEFAULT_CHUNK_SIZE;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final List<String> TABLES = List.of("audit_trail", "feedback", "interaction", "case_tag",
            "case_field", "support_case", "customer_identity", "customer_tag", "customer_field", "customer");

    /** Tickets in the file. */
    @Param({"10000"})
    public int rows;

    /** Where the rows go: {@code h2-mem}, {@code h2-file} or {@code postgres} (durable). */
    @Param({"h2-mem", "h2-file", "postgres"})
    public String database;

    private BenchmarkPostgres postgres;
    private Path h2Directory;
    private Connection keepAlive;
    private DataSource dataSource;
    private Rapport rapport;
    private TicketImporter importer;
    private String csv;

    /** Starts the database, migrates both prefixes and writes the file. */
    @Setup(Level.Trial)
    public void start() throws SQLException, IOException {
        if (database.equals("postgres")) {
            postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.DURABLE);
            dataSource = postgres.dataSource();
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            if (database.equals("h2-file")) {
                h2Directory = Files.createTempDirectory("rapport-import-bench");
                h2.setURL("jdbc:h2:file:" + h2Directory.resolve("db").toAbsolutePath());
            } else {
                h2.setURL("jdbc:h2:mem:import" + System.nanoTime());
            }
            keepAlive = h2.getConnection();
            dataSource = h2;
        }
        JdbcStorage.builder().dataSource(dataSource).tablePrefix(RAW).build();
        rapport = Rapport.builder().storage(JdbcStorage.builder().dataSource(dataSource).tablePrefix(PREFIX).build())
                .build();
        importer = TicketImporter.builder(rapport).mapping(mapping()).build();
        csv = csv(rows);
    }

    /** Empties every table; before a re-import, imports the file once. */
    @Setup(Level.Iteration)
    public void clear(BenchmarkParams params) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String prefix : List.of(PREFIX, RAW)) {
                if (postgres != null) {
                    st.execute("TRUNCATE " + String.join(", ", TABLES.stream().map(t -> prefix + t).toList())
                            + " CASCADE");
                } else {
                    for (String table : TABLES) {
                        st.execute("DELETE FROM " + prefix + table);
                    }
                }
            }
        }
        if (params.getBenchmark().endsWith("reimport")) {
            check(importer.importFrom(new StringReader(csv)), rows, 0);
        }
    }

    /** Closes Rapport and the database. */
    @TearDown(Level.Trial)
    public void stop() throws SQLException, IOException {
        rapport.close();
        if (postgres != null) {
            postgres.close();
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (h2Directory != null) {
            try (var files = Files.walk(h2Directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Rapport's import of the file. */
    @Benchmark
    public ImportReport rapportImport() throws IOException {
        return check(importer.importFrom(new StringReader(csv)), rows, 0);
    }

    /** The same file imported again: every row skipped. */
    @Benchmark
    public ImportReport reimport() throws IOException {
        return check(importer.importFrom(new StringReader(csv)), 0, rows);
    }

    /** Plain JDBC batches of the same rows, one transaction per {@value #RAW_CHUNK} tickets. */
    @Benchmark
    public int rawJdbcBatch() throws SQLException {
        String[] lines = csv.split("\n");
        Map<String, UUID> customers = new HashMap<>();
        int written = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement("INSERT INTO " + RAW + "customer (id, name,"
                    + " locale, time_zone, consents, status, attributes, created_at, updated_at, version) VALUES"
                    + " (?, ?, 'und', 'UTC', '{}', 'ACTIVE', '{}', ?, ?, 1)");
                 PreparedStatement identity = c.prepareStatement("INSERT INTO " + RAW + "customer_identity"
                         + " (customer_id, ordinal, channel, address, normalized, is_primary, verified) VALUES"
                         + " (?, 0, 'email', ?, ?, TRUE, FALSE)");
                 PreparedStatement supportCase = c.prepareStatement("INSERT INTO " + RAW + "support_case (id,"
                         + " customer_id, subject, category, priority, origin_channel, required_skills, status,"
                         + " created_at, created_at_quality, first_reply_at, first_resolved_at, resolved_at,"
                         + " reopen_count, history, updated_at, version) VALUES (?, ?, ?, 'delivery', 'HIGH', 'email',"
                         + " '[]', 'RESOLVED', ?, 'RECORDED', ?, ?, ?, 0, ?, ?, 1)");
                 PreparedStatement interaction = c.prepareStatement("INSERT INTO " + RAW + "interaction (id,"
                         + " customer_id, channel, direction, occurred_at, case_id, kind, handled_by, visibility,"
                         + " summary, external_id, recorded_at) VALUES (?, ?, 'email', ?, ?, ?, 'MESSAGE', 'HUMAN',"
                         + " 'PUBLIC', ?, ?, ?)");
                 PreparedStatement feedback = c.prepareStatement("INSERT INTO " + RAW + "feedback (id, customer_id,"
                         + " metric, scale_min, scale_max, scale_direction, score, received_at, case_id) VALUES (?, ?,"
                         + " 'CSAT', 1, 5, 'HIGHER_IS_BETTER', ?, ?, ?)");
                 PreparedStatement audit = c.prepareStatement("INSERT INTO " + RAW + "audit_trail (id, subject_kind,"
                         + " subject_id, happened_at, actor_kind, actor_name, trail_action) VALUES (?, 'CUSTOMER', ?, ?,"
                         + " 'SYSTEM', 'rapport', 'CUSTOMER_REGISTERED')")) {
                for (int i = 1; i < lines.length; i++) {
                    String[] f = lines[i].split(",", -1);
                    OffsetDateTime created = time(f[9]);
                    OffsetDateTime solved = time(f[10]);
                    OffsetDateTime replied = created.plusMinutes(Long.parseLong(f[11]));
                    UUID customerId = customers.get(f[2]);
                    if (customerId == null) {
                        customerId = UUID.randomUUID();
                        customers.put(f[2], customerId);
                        customer.setObject(1, customerId);
                        customer.setString(2, f[1]);
                        customer.setObject(3, created);
                        customer.setObject(4, created);
                        customer.addBatch();
                        identity.setObject(1, customerId);
                        identity.setString(2, f[2]);
                        identity.setString(3, f[2]);
                        identity.addBatch();
                        audit.setObject(1, UUID.randomUUID());
                        audit.setObject(2, customerId);
                        audit.setObject(3, created);
                        audit.addBatch();
                    }
                    UUID caseId = UUID.randomUUID();
                    supportCase.setObject(1, caseId);
                    supportCase.setObject(2, customerId);
                    supportCase.setString(3, f[3]);
                    supportCase.setObject(4, created);
                    supportCase.setObject(5, replied);
                    supportCase.setObject(6, solved);
                    supportCase.setObject(7, solved);
                    supportCase.setString(8, "[{\"from\":\"NEW\",\"to\":\"RESOLVED\",\"at\":\"" + solved + "\"}]");
                    supportCase.setObject(9, solved);
                    supportCase.addBatch();
                    interaction(interaction, customerId, caseId, "INBOUND", created, f[4], "zendesk:" + f[0]);
                    interaction(interaction, customerId, caseId, "OUTBOUND", replied, null,
                            "zendesk:" + f[0] + "/first-reply");
                    feedback.setObject(1, UUID.randomUUID());
                    feedback.setObject(2, customerId);
                    feedback.setInt(3, f[12].equals("Good") ? 5 : 1);
                    feedback.setObject(4, solved);
                    feedback.setObject(5, caseId);
                    feedback.addBatch();
                    written++;
                    if (written % RAW_CHUNK == 0 || i == lines.length - 1) {
                        customer.executeBatch();
                        identity.executeBatch();
                        supportCase.executeBatch();
                        interaction.executeBatch();
                        feedback.executeBatch();
                        audit.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        if (written != rows) {
            throw new IllegalStateException("wrote " + written + " of " + rows + " tickets");
        }
        return written;
    }

    private static void interaction(PreparedStatement ps, UUID customer, UUID supportCase, String direction,
            OffsetDateTime at, String summary, String externalId) throws SQLException {
        ps.setObject(1, UUID.randomUUID());
        ps.setObject(2, customer);
        ps.setString(3, direction);
        ps.setObject(4, at);
        ps.setObject(5, supportCase);
        ps.setString(6, summary);
        ps.setString(7, externalId);
        ps.setObject(8, at);
        ps.addBatch();
    }

    private static OffsetDateTime time(String text) {
        return LocalDateTime.parse(text, TIME).atOffset(ZoneOffset.UTC);
    }

    private static ImportReport check(ImportReport report, int imported, int skipped) {
        if (report.imported().size() != imported || report.skipped().size() != skipped
                || !report.rejected().isEmpty()) {
            throw new IllegalStateException("unexpected import: " + report.summary());
        }
        return report;
    }

    /** The mapping of the synthetic export: Zendesk-like columns, times in UTC. */
    static ColumnMapping mapping() {
        TimeFormat format = TimeFormat.pattern("yyyy-MM-dd HH:mm");
        return ColumnMapping.builder().ticketId("Id").customerName("Requester").customerEmail("Requester email")
                .subject("Subject").messageText("Description").channel("Via").channelValue("Mail", Channel.EMAIL)
                .priority("Priority").status("Status").statusValue("Solved", CaseStatus.RESOLVED)
                .category("Group").createdAt("Created at", format).resolvedAt("Solved at", format)
                .firstReplyMinutes("First reply time in minutes").csat("Satisfaction Score").csatValue("Good", 5)
                .csatValue("Bad", 1).externalIdPrefix("zendesk:").build();
    }

    /** A synthetic export: one customer per two tickets, every ticket solved, answered and rated. */
    static String csv(int rows) {
        StringBuilder csv = new StringBuilder("Id,Requester,Requester email,Subject,Description,Via,Priority,Status,"
                + "Group,Created at,Solved at,First reply time in minutes,Satisfaction Score\n");
        for (int i = 0; i < rows; i++) {
            int customer = i / 2;
            int day = 1 + i % 28;
            csv.append(100_000 + i).append(",Customer ").append(customer).append(",customer").append(customer)
                    .append("@example.com,Parcel ").append(i).append(",Where is my parcel?,Mail,High,Solved,Delivery,")
                    .append(String.format(Locale.ROOT, "2024-03-%02d 09:15,2024-03-%02d 16:40", day, day))
                    .append(",35,").append(i % 3 == 0 ? "Bad" : "Good").append('\n');
        }
        return csv.toString();
    }
}
