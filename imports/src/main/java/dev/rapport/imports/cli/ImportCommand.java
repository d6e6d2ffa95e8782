package dev.rapport.imports.cli;

import dev.rapport.Rapport;
import dev.rapport.dashboard.DashboardData;
import dev.rapport.dashboard.KpiDashboard;
import dev.rapport.imports.ColumnMapping;
import dev.rapport.imports.ConversationImporter;
import dev.rapport.imports.HelpdeskPresets;
import dev.rapport.imports.ImportReport;
import dev.rapport.imports.ImportReportWriter;
import dev.rapport.imports.MappingFile;
import dev.rapport.imports.MessageMapping;
import dev.rapport.imports.NameConflicts;
import dev.rapport.imports.TicketImporter;
import dev.rapport.imports.TimeFormat;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.progress.ProgressListener;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.kpi.Granularity;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line for operators: imports a helpdesk export into a database given by its JDBC URL, with a preset or
 * a mapping file, writes the report, and writes the KPI dashboard of a period. Runs as the main class of the
 * {@code rapport-imports-<version>-cli.jar}:
 *
 * <pre>
 * java -jar rapport-imports-cli.jar --jdbc-url jdbc:postgresql://db/support --user rapport --password ... \
 *      --preset zendesk --time-zone Europe/Berlin --file tickets.csv \
 *      --report-json report.json --report-csv rows.csv \
 *      --dashboard march.html --from 2024-03-01 --to 2024-04-01
 * </pre>
 *
 * <p>Options (docs/imports.md): {@code --jdbc-url} (required), {@code --user}, {@code --password},
 * {@code --table-prefix}; {@code --file} (the ticket export) with {@code --preset NAME} or {@code --mapping FILE};
 * {@code --time-zone} (default UTC; the zone of the export's local times, and of the dashboard's days),
 * {@code --delimiter}, {@code --name-conflicts FIRST|LAST|MOST_FREQUENT}, {@code --dry-run};
 * {@code --threads FILE} with {@code --threads-mapping FILE} (a properties file: ticketId, messageId, author,
 * authorType and agentValues, time and time.format, public and publicValues, body); {@code --report-json FILE},
 * {@code --report-csv FILE}; {@code --dashboard FILE} with {@code --from DATE} and {@code --to DATE} (exclusive),
 * {@code --title}. Progress goes to standard output every 1,000 rows.
 *
 * <p>Exit status: 0 when every row imported, 1 when some rows were rejected, 2 for bad options or a file the
 * import cannot read, 3 when the database fails.
 */
public final class ImportCommand {

    /** Every row imported (some perhaps with warnings). */
    public static final int OK = 0;
    /** Some rows were rejected; see the report. */
    public static final int ROWS_REJECTED = 1;
    /** Bad options, a bad mapping, or a file that cannot be read. */
    public static final int USAGE = 2;
    /** The database failed. */
    public static final int STORAGE = 3;

    private static final Set<String> FLAGS = Set.of("--dry-run", "--help");

    private final PrintStream out;
    private final PrintStream err;

    private ImportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command in-process, for tests and for hosts that embed it.
     *
     * @param args the options
     * @param out where progress and the summary go
     * @param err where problems go
     * @return the exit status ({@link #OK}, {@link #ROWS_REJECTED}, {@link #USAGE}, {@link #STORAGE})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new ImportCommand(out, err).execute(args);
    }

    private int execute(String[] args) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return USAGE;
        }
        if (options.containsKey("--help")) {
            out.println(usage());
            return OK;
        }
        try {
            return importAndReport(options);
        } catch (ValidationException e) {
            err.println("Invalid: " + e.getMessage());
            return USAGE;
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
            err.println("Cannot run: " + e.getMessage());
            return USAGE;
        } catch (RapportException e) {
            err.println("The database failed: " + e.getMessage());
            return STORAGE;
        }
    }

    private int importAndReport(Map<String, String> o) throws IOException {
        String url = required(o, "--jdbc-url");
        ZoneId zone = ZoneId.of(o.getOrDefault("--time-zone", "UTC"));
        int status = OK;
        try (SingleConnection connection = new SingleConnection(url, o.get("--user"), o.get("--password"))) {
            JdbcStorage.Builder storage = JdbcStorage.builder().connectionProvider(connection);
            Optional.ofNullable(o.get("--table-prefix")).ifPresent(storage::tablePrefix);
            status = run(storage.build(), o, zone);
        }
        return status;
    }

    private int run(JdbcStorage storage, Map<String, String> o, ZoneId zone) throws IOException {
        int status = OK;
        try (Rapport rapport = Rapport.builder().storage(storage).build()) {
            if (o.containsKey("--file")) {
                status = importTickets(rapport, o, zone);
            }
            if (o.containsKey("--threads")) {
                status = Math.max(status, importThreads(rapport, o, zone));
            }
            if (o.containsKey("--dashboard")) {
                writeDashboard(rapport, o, zone);
            }
        }
        return status;
    }

    private int importTickets(Rapport rapport, Map<String, String> o, ZoneId zone) throws IOException {
        ColumnMapping.Builder mapping;
        if (o.containsKey("--mapping") == o.containsKey("--preset")) {
            throw new IllegalArgumentException("give --preset or --mapping (one of them) with --file");
        }
        if (o.containsKey("--preset")) {
            mapping = HelpdeskPresets.named(o.get("--preset"));
        } else {
            try (Reader reader = Files.newBufferedReader(Path.of(o.get("--mapping")), StandardCharsets.UTF_8)) {
                mapping = MappingFile.read(reader);
            }
        }
        if (o.containsKey("--time-zone")) {
            mapping.timeZone(zone);
        }
        TicketImporter.Builder importer = TicketImporter.builder(rapport).mapping(mapping.build())
                .dryRun(o.containsKey("--dry-run")).progressEvery(1000)
                .progressListener(ProgressListener.lines(out::println))
                .nameConflicts(NameConflicts.valueOf(o.getOrDefault("--name-conflicts", "FIRST")
                        .toUpperCase(Locale.ROOT)));
        if (o.containsKey("--delimiter")) {
            String d = o.get("--delimiter");
            importer.delimiter(d.equals("\\t") ? '\t' : d.charAt(0));
        }
        ImportReport report = importer.build().importFrom(Path.of(o.get("--file")));
        out.println((report.dryRun() ? "Dry run, nothing stored: " : "Imported: ") + report.summary() + ", "
                + report.counts().warned() + " with warnings");
        for (ImportReportWriter.ReasonCount count : ImportReportWriter.reasonCounts(report)) {
            out.println("  " + count.outcome().label() + " " + count.field() + " " + count.rule() + ": "
                    + count.rows() + " rows");
        }
        if (o.containsKey("--report-json")) {
            Files.writeString(Path.of(o.get("--report-json")), ImportReportWriter.json(report));
        }
        if (o.containsKey("--report-csv")) {
            Files.writeString(Path.of(o.get("--report-csv")), ImportReportWriter.rowsCsv(report));
        }
        return report.isClean() ? OK : ROWS_REJECTED;
    }

    private int importThreads(Rapport rapport, Map<String, String> o, ZoneId zone) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(required(o, "--threads-mapping")),
                StandardCharsets.UTF_8)) {
            p.load(reader);
        }
        String format = p.getProperty("time.format", "ISO");
        MessageMapping.Builder m = MessageMapping.builder().ticketId(p.getProperty("ticketId"))
                .author(p.getProperty("author")).timeZone(zone)
                .time(p.getProperty("time"), format.equals("ISO") ? TimeFormat.ISO : TimeFormat.pattern(format));
        Optional.ofNullable(p.getProperty("messageId")).ifPresent(m::messageId);
        Optional.ofNullable(p.getProperty("body")).ifPresent(m::body);
        Optional.ofNullable(p.getProperty("externalIdPrefix")).ifPresent(m::externalIdPrefix);
        Optional.ofNullable(p.getProperty("authorType")).ifPresent(c -> m.authorIsAgent(c,
                p.getProperty("agentValues", "agent").split(",")));
        Optional.ofNullable(p.getProperty("public")).ifPresent(c -> m.publicFlag(c,
                p.getProperty("publicValues", "true").split(",")));
        ImportReport report;
        try (Reader reader = Files.newBufferedReader(Path.of(o.get("--threads")), StandardCharsets.UTF_8)) {
            report = ConversationImporter.of(rapport, m.build()).importFrom(reader);
        }
        out.println("Messages: " + report.summary());
        return report.isClean() ? OK : ROWS_REJECTED;
    }

    private void writeDashboard(Rapport rapport, Map<String, String> o, ZoneId zone) throws IOException {
        LocalDate from = LocalDate.parse(required(o, "--from"));
        LocalDate to = LocalDate.parse(required(o, "--to"));
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        KpiDashboard dashboard = KpiDashboard.builder()
                .title(o.getOrDefault("--title", "Customer care KPIs, " + from + " to " + to)).build();
        KpiRequest request = KpiRequest.over(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant())
                .byPeriod(Granularity.DAY, zone);
        DashboardData data = dashboard.collect(rapport.kpis(), request);
        Files.writeString(Path.of(o.get("--dashboard")), dashboard.render(data));
        out.println("Dashboard written to " + o.get("--dashboard"));
    }

    private static String required(Map<String, String> o, String name) {
        String value = o.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + name);
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        for (String name : options.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        return options;
    }

    private static final List<String> KNOWN = List.of("--jdbc-url", "--user", "--password", "--table-prefix",
            "--file", "--preset", "--mapping", "--time-zone", "--delimiter", "--name-conflicts", "--dry-run",
            "--threads", "--threads-mapping", "--report-json", "--report-csv", "--dashboard", "--from", "--to",
            "--title", "--help");

    private static String usage() {
        return "Usage: java -jar rapport-imports-cli.jar --jdbc-url URL [--user U --password P] "
                + "[--file EXPORT.csv (--preset " + String.join("|", HelpdeskPresets.names())
                + " | --mapping MAPPING.properties) [--time-zone ZONE] [--delimiter C] [--dry-run] "
                + "[--name-conflicts FIRST|LAST|MOST_FREQUENT] [--report-json FILE] [--report-csv FILE]] "
                + "[--threads THREADS.csv --threads-mapping MAPPING.properties] "
                + "[--dashboard FILE.html --from YYYY-MM-DD --to YYYY-MM-DD [--title T]]";
    }

    /** One connection for the whole run, opened again if something closed it; the command is single-threaded. */
    private static final class SingleConnection implements dev.rapport.jdbc.ConnectionProvider, AutoCloseable {
        private final String url;
        private final String user;
        private final String password;
        private Connection connection;

        SingleConnection(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = user == null ? DriverManager.getConnection(url)
                        : DriverManager.getConnection(url, user, password);
            }
            return connection;
        }

        @Override
        public void releaseConnection(Connection c) {
            // kept open for the next transaction; closed by close()
        }

        @Override
        public synchronized void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // closing at the end of the run; nothing is lost
            }
        }
    }
}
