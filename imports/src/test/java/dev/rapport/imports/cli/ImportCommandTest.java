package dev.rapport.imports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on an in-memory H2 database. */
@DisplayName("ImportCommand")
class ImportCommandTest {

    @TempDir
    Path dir;

    private final String url = "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Connection keepAlive;

    @BeforeEach
    void open() throws SQLException {
        keepAlive = DriverManager.getConnection(url);
    }

    @AfterEach
    void close() throws SQLException {
        try (var st = keepAlive.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name.replace('/', '-'));
        try (InputStream in = getClass().getResourceAsStream("/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private long cases() {
        try (var st = keepAlive.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM rapport_support_case")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return ImportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("import an export with a preset into a JDBC URL, write the report and the dashboard, and skip it all"
            + " the second time")
    void importsAndWritesTheDashboard() throws IOException {
        // given a Zendesk export written in Berlin time, whose agents the database does not know
        Path tickets = resource("presets/zendesk.csv");
        Path json = dir.resolve("report.json");
        Path csv = dir.resolve("rows.csv");
        Path dashboard = dir.resolve("march.html");

        // when
        int status = run("--jdbc-url", url, "--preset", "zendesk", "--time-zone", "Europe/Berlin", "--file",
                tickets.toString(), "--report-json", json.toString(), "--report-csv", csv.toString(), "--dashboard",
                dashboard.toString(), "--from", "2024-03-01", "--to", "2024-04-01");

        // then
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ImportCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Imported: 4 rows: 4 imported",
                "warned agent KnownAgent: 3 rows", "Dashboard written to");
        assertThat(Files.readString(json)).startsWith("{\"summary\":{\"rows\":4,\"imported\":4,");
        assertThat(Files.readAllLines(csv)).hasSize(5);
        assertThat(Files.readString(dashboard)).contains("<svg", "Customer care KPIs, 2024-03-01 to 2024-04-01");
        assertThat(cases()).isEqualTo(4);

        // and when run again
        assertThat(run("--jdbc-url", url, "--preset", "zendesk", "--file", tickets.toString()))
                .isEqualTo(ImportCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("4 rows: 0 imported, 4 skipped as already imported");
    }

    @Test
    @DisplayName("store nothing on a dry run, and exit 1 when rows are rejected")
    void dryRunAndRejections() throws IOException {
        // given an export with one row whose address is malformed
        Path tickets = dir.resolve("tickets.csv");
        Files.writeString(tickets, "id,email,subject,created\n1,ann@example.com,Hello,2024-03-04T09:00:00Z\n"
                + "2,not-an-address,Hi,2024-03-04T09:00:00Z\n");
        Path mapping = dir.resolve("mapping.properties");
        Files.writeString(mapping, "ticketId=id\ncustomerEmail=email\nsubject=id\ncreatedAt=created\n"
                + "createdAt.format=ISO\ndefaultChannel=email\n");

        // when
        int status = run("--jdbc-url", url, "--mapping", mapping.toString(), "--file", tickets.toString(),
                "--dry-run");

        // then
        assertThat(status).isEqualTo(ImportCommand.ROWS_REJECTED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Dry run, nothing stored: 2 rows: 1 imported",
                "rejected customerEmail ValidContactIdentity: 1 rows");
        assertThat(cases()).isZero();
    }

    @Test
    @DisplayName("name what is wrong with the options and exit 2")
    void badOptions() {
        assertThat(run("--jdbc-url", url, "--file", "x.csv")).isEqualTo(ImportCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --preset or --mapping");
        assertThat(run("--nonsense", "1")).isEqualTo(ImportCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --nonsense", "Usage:");
        assertThat(run("--jdbc-url", url, "--preset", "kayako", "--file", "x.csv")).isEqualTo(ImportCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("preset");
    }
}
