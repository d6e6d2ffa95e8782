package dev.rapport.imports.profile;

import dev.rapport.Rapport;
import dev.rapport.imports.ColumnMapping;
import dev.rapport.imports.ImportReport;
import dev.rapport.imports.TicketImporter;
import dev.rapport.imports.TimeFormat;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import java.io.StringReader;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Times one import of a synthetic Zendesk-like export into in-memory H2, and a second import of the same file, to
 * find where an import's time goes (run under a profiler such as JFR). Not a test and not a benchmark: the JMH
 * figures come from {@code ImportBenchmark} in the benchmarks module.
 */
public final class ImportProfileMain {

    private ImportProfileMain() {
    }

    /**
     * Runs the import.
     *
     * @param args the number of rows (default 10,000), the chunk size (default the importer's; 1 is the row path)
     *        a JDBC URL (default in-memory H2) and how many warm-up imports of the same file go first, each into a
     *        fresh in-memory H2 database (default 0; the JMH benchmark measures warm imports)
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int chunkSize = args.length > 1 ? Integer.parseInt(args[1]) : TicketImporter.DEFAULT_CHUNK_SIZE;
        String url = args.length > 2 && !args[2].equals("-") ? args[2] : "jdbc:h2:mem:profile;DB_CLOSE_DELAY=-1";
        int warmUps = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        String csv = csv(rows);
        for (int i = 0; i < warmUps; i++) {
            JdbcDataSource warm = new JdbcDataSource();
            warm.setURL("jdbc:h2:mem:warm" + i + ";DB_CLOSE_DELAY=0");
            try (java.sql.Connection keep = warm.getConnection();
                 Rapport rapport = Rapport.builder().storage(JdbcStorage.builder().dataSource(warm).build()).build()) {
                TicketImporter importer = TicketImporter.builder(rapport).mapping(mapping()).chunkSize(chunkSize).build();
                long cpu = threads.getCurrentThreadCpuTime();
                importer.importFrom(new StringReader(csv));
                System.out.printf(Locale.ROOT, "warm-up %d: %.2f s CPU%n", i + 1,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
            }
        }
        java.util.Map<String, Long> validations = new java.util.TreeMap<>();
        jakarta.validation.Validator counting = counting(dev.rapport.internal.DefaultValidation.validator(java.time.Clock.systemUTC()), validations);
        try (Rapport rapport = Rapport.builder().storage(JdbcStorage.builder().dataSource(dataSource).build())
                .validator(counting).build()) {
            TicketImporter importer = TicketImporter.builder(rapport).mapping(mapping()).chunkSize(chunkSize).build();
            validations.clear();
            long bytes = allocated();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            ImportReport first = importer.importFrom(new StringReader(csv));
            long firstNanos = System.nanoTime() - start;
            long firstCpu = threads.getCurrentThreadCpuTime() - cpu;
            long firstBytes = allocated() - bytes;
            printRowCounts(dataSource);
            System.out.println("Jakarta validations of the first import: " + validations.values().stream()
                    .mapToLong(Long::longValue).sum() + " " + validations);
            cpu = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            ImportReport again = importer.importFrom(new StringReader(csv));
            long againNanos = System.nanoTime() - start;
            long againCpu = threads.getCurrentThreadCpuTime() - cpu;
            System.out.printf(Locale.ROOT, "first import allocated %.0f MB%n", firstBytes / 1e6);
            System.out.printf(Locale.ROOT, "chunk size %d%nfirst: %s in %.2f s wall, %.2f s CPU (%.0f rows per CPU"
                    + " second)%nagain: %s in %.2f s wall, %.2f s CPU (%.1f x less CPU than the first)%n", chunkSize,
                    first.summary(), firstNanos / 1e9, firstCpu / 1e9, rows / (firstCpu / 1e9), again.summary(),
                    againNanos / 1e9, againCpu / 1e9, (double) firstCpu / againCpu);
        }
    }

    /** The bytes the current thread allocated so far. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** A validator that counts the values it checks, by method and type, then asks the given one. */
    private static jakarta.validation.Validator counting(jakarta.validation.Validator real,
            java.util.Map<String, Long> counts) {
        return (jakarta.validation.Validator) java.lang.reflect.Proxy.newProxyInstance(
                ImportProfileMain.class.getClassLoader(), new Class<?>[] {jakarta.validation.Validator.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("validate")) {
                        Object subject = args[0];
                        String type = subject instanceof Class<?> c ? c.getSimpleName() + "." + args[1]
                                : subject.getClass().getSimpleName();
                        counts.merge(method.getName() + ":" + type, 1L, Long::sum);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Prints how many rows each non-empty table holds, to compare with what a raw batch inserts. */
    private static void printRowCounts(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (!"INFORMATION_SCHEMA".equalsIgnoreCase(schema) && !"pg_catalog".equals(schema)) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            StringBuilder line = new StringBuilder("rows stored:");
            for (String table : tables) {
                try (java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        line.append(' ').append(table.toLowerCase(Locale.ROOT)).append('=').append(rs.getLong(1));
                    }
                }
            }
            System.out.println(line);
        }
    }

    /** The mapping of the synthetic export. */
    public static ColumnMapping mapping() {
        TimeFormat format = TimeFormat.pattern("yyyy-MM-dd HH:mm");
        return ColumnMapping.builder().ticketId("Id").customerName("Requester").customerEmail("Requester email")
                .subject("Subject").messageText("Description").channel("Via").channelValue("Mail", Channel.EMAIL)
                .priority("Priority").status("Status").statusValue("Solved", CaseStatus.RESOLVED)
                .category("Group").createdAt("Created at", format).resolvedAt("Solved at", format)
                .firstReplyMinutes("First reply time in minutes").csat("Satisfaction Score").csatValue("Good", 5)
                .csatValue("Bad", 1).externalIdPrefix("zendesk:").build();
    }

    /** A synthetic export: one customer per two tickets, every ticket solved, answered and rated. */
    public static String csv(int rows) {
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
