package dev.rapport.jdbc.nodes;

import dev.rapport.jdbc.TestDatabases.Pool;
import dev.rapport.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Runs application nodes as operating-system processes on one embedded PostgreSQL, for the tests that kill one with
 * {@code kill -9}. One instance per test: it takes a fresh table prefix, migrates Rapport's schema under it once,
 * creates the harness tables the nodes report into ({@link HarnessTables}), and starts nodes with
 * {@link #start(String, String, Map)}: {@code java} from this JVM's {@code java.home}, this JVM's test classpath,
 * main class {@link NodeMain} with the database, the node's name, its role and its settings. {@link #close()} (call
 * it from {@code @AfterEach}) kills every node still running; a shutdown hook does the same if the test JVM ends
 * first, and a node whose stdin closes stops itself, so no node outlives its test run.
 *
 * <p>Typical use:
 * <pre>{@code
 * Node a = nodes.start("a", "dispatch", Map.of("batchSize", "50"));
 * Node b = nodes.start("b", "dispatch", Map.of("batchSize", "50"));
 * nodes.awaitReady(a, b);
 * nodes.go(a, b);
 * a.awaitCount("SENT", 300, Duration.ofSeconds(30));
 * a.kill();
 * Nodes.await("every follow-up sent", Duration.ofSeconds(40), () -> ...);
 * }</pre>
 *
 * <p>Not thread-safe; use it from the test's thread.
 */
final class Nodes implements AutoCloseable {

    /** How long a node may take from its start to printing {@code READY}; JVM start on two busy cores included. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The JVM options of every node: small heap, quick start, little compilation work on shared cores. */
    static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.showDateTime=true");

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String testName;
    private final String url;
    private final String user;
    private final String prefix;
    private final Pool pool;
    private final JdbcStorage storage;
    private final Path logDir;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private Nodes(String testName) {
        this.testName = testName;
        this.url = NodeDatabase.url();
        this.user = NodeDatabase.user();
        this.prefix = NodeDatabase.freshPrefix();
        this.pool = new Pool(url, user, "");
        this.storage = JdbcStorage.builder().dataSource(pool).tablePrefix(prefix).build();
        HarnessTables.create(this);
        this.logDir = targetDir().resolve("nodes").resolve(testName);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A harness for one test on the shared embedded PostgreSQL (started on first use), with Rapport's schema and the
     * harness tables under a fresh prefix.
     *
     * @param testName names the folder under {@code target/nodes} that holds the nodes' output, such as
     *        {@code "FollowUpDispatchCrashTest/killedMidRound"}
     */
    static Nodes onEmbeddedPostgres(String testName) {
        return new Nodes(testName);
    }

    /** The table prefix of this test's Rapport tables and harness tables. */
    String prefix() {
        return prefix;
    }

    /** The harness's own storage over this test's tables, for seeding and for reading the outcome. */
    JdbcStorage storage() {
        return storage;
    }

    /** The harness's own pool to the database. */
    Pool dataSource() {
        return pool;
    }

    /** Where the nodes' stdout and stderr files go. */
    Path logDir() {
        return logDir;
    }

    /**
     * Starts a node process. It connects, builds what its role needs, prints {@code READY} and waits for
     * {@code GO} on stdin before it starts working (see {@link NodeMain}).
     *
     * @param name unique in this test; the node's lease owner and its name in the harness tables
     * @param role a role {@link NodeMain} knows, such as {@code dispatch}, {@code relay} or {@code produce}
     * @param settings the role's settings, as {@code key=value} arguments
     */
    Node start(String name, String role, Map<String, String> settings) {
        if (nodes.containsKey(name)) {
            throw new IllegalArgumentException("a node named " + name + " was already started");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NODE_JVM_OPTIONS);
        command.add("-cp");
        command.add(testClassPath());
        command.add(NodeMain.class.getName());
        command.add(url);
        command.add(user);
        command.add(name);
        command.add(role);
        command.add("prefix=" + prefix);
        settings.forEach((key, value) -> command.add(key + "=" + value));
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        try {
            Files.deleteIfExists(out);
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            Node node = new Node(name, role, process, out, err);
            nodes.put(name, node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + name, e);
        }
    }

    /**
     * The classpath of this test JVM. Surefire may run the tests from a jar whose manifest holds the real classpath;
     * it then names that classpath in {@code surefire.test.class.path}.
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits until each node printed {@code READY}. */
    void awaitReady(Node... started) {
        for (Node node : started) {
            node.awaitLine("READY", READY_TIMEOUT);
        }
    }

    /** Tells each node to start working, as close together as the harness can. */
    void go(Node... ready) {
        for (Node node : ready) {
            node.send("GO");
        }
    }

    /** The node of that name. */
    Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no node named " + name);
        }
        return node;
    }

    /**
     * Polls the condition every 50 ms until it holds.
     *
     * @throws AssertionError naming what was awaited if it does not hold within the timeout
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ SQL on the tables

    /** A row mapper that may throw. */
    interface Rows<T> {
        /** The value of the current row. */
        T map(ResultSet row) throws SQLException;
    }

    /** Runs a statement; {@code {p}} in it stands for the table prefix. */
    void execute(String sql) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql.replace("{p}", prefix));
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    /** Runs a query with parameters; {@code {p}} in it stands for the table prefix. */
    <T> List<T> query(String sql, Rows<T> rows, Object... parameters) {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(sql.replace("{p}", prefix))) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    result.add(rows.map(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + sql, e);
        }
    }

    /** A query giving one number. */
    long count(String sql, Object... parameters) {
        return query(sql, rs -> rs.getLong(1), parameters).get(0);
    }

    /**
     * Writes what a test counted to {@code target/nodes/<file>.txt}, one {@code key: value} line each, for the
     * figures in docs/reliability.md; prints nothing.
     */
    void report(String file, Map<String, ?> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((key, value) -> text.append(key).append(": ").append(value).append('\n'));
        try {
            Files.writeString(targetDir().resolve("nodes").resolve(file + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills every node still running and closes the harness's connections; call it from {@code @AfterEach}. */
    @Override
    public void close() {
        nodes.values().forEach(Node::destroy);
        pool.close();
    }

    /** This module's {@code target} folder. */
    static Path targetDir() {
        String basedir = System.getProperty("basedir");
        Path base = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(base.resolve("target")) && Files.isDirectory(base.resolve("jdbc-adapter"))) {
            base = base.resolve("jdbc-adapter");
        }
        return base.resolve("target");
    }

    @Override
    public String toString() {
        return "Nodes[" + testName + ", prefix " + prefix + ", " + nodes.values() + "]";
    }
}
