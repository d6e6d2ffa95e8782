package dev.rapport.jdbc.nodes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one embedded PostgreSQL the node tests of a test JVM share, started on first use with io.zonky's defaults
 * (what these tests crash is a node process, not the database) and stopped when the JVM ends; its log goes to
 * {@code target/nodes/postgres.log}. Each test takes its own table prefix, so tests never see each other's rows.
 */
final class NodeDatabase {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static String url;

    private NodeDatabase() {
    }

    /** The JDBC URL of the shared server, user {@code postgres}, started on first use. */
    static synchronized String url() {
        if (postgres == null) {
            try {
                Path log = logFile();
                postgres = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
            url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return url;
    }

    /**
     * The server's own log, {@code target/nodes/postgres.log}: a killed node makes the server log broken
     * connections, which belong in a file, not on the console.
     */
    private static Path logFile() throws IOException {
        Path dir = Nodes.targetDir().resolve("nodes");
        Files.createDirectories(dir);
        return dir.resolve("postgres.log");
    }

    /** The user the nodes and the harness log in as. */
    static String user() {
        return "postgres";
    }

    /** A table prefix no other node test in this JVM uses. */
    static String freshPrefix() {
        return "n" + PREFIXES.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
    }
}
