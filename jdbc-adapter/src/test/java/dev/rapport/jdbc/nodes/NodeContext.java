package dev.rapport.jdbc.nodes;

import dev.rapport.jdbc.TestDatabases.Pool;
import dev.rapport.jdbc.JdbcStorage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link NodeRole} gets inside a node process: its name and settings, a pool and a {@link JdbcStorage} over
 * the test's tables (the schema is the harness's to migrate, so the node does not; its connections carry the node's
 * name as PostgreSQL's {@code application_name}), the stdout channel to the harness, and the commands the harness
 * sent. Thread-safe.
 */
final class NodeContext {

    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            true, StandardCharsets.UTF_8);

    private final String name;
    private final Settings settings;
    private final Pool pool;
    private final String prefix;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();
    private JdbcStorage storage;

    NodeContext(String url, String user, String name, Settings settings) {
        this.name = name;
        this.settings = settings;
        // the connections carry the node's name, so triggers can say which node wrote a row (see RoutingTables)
        this.pool = new Pool(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name, user, "");
        this.prefix = settings.text("prefix");
    }

    /** The node's name: its lease owner and its name in the harness tables. */
    String name() {
        return name;
    }

    /** The node's settings. */
    Settings settings() {
        return settings;
    }

    /** The node's own connection pool. */
    Pool pool() {
        return pool;
    }

    /** The node's storage over the test's tables, built on first use without migrating. */
    synchronized JdbcStorage storage() {
        if (storage == null) {
            storage = JdbcStorage.builder().dataSource(pool).tablePrefix(prefix).migrate(false).build();
        }
        return storage;
    }

    /** Prints one line to the harness, at once. */
    void out(String line) {
        synchronized (OUT) {
            OUT.println(line);
        }
    }

    /** Tells the harness the node is set up and waits for {@code GO}. */
    void ready() {
        out("READY");
    }

    /** Waits for {@code GO} from the harness (bounded by the node's lifetime). */
    void awaitGo() throws InterruptedException {
        go.await();
    }

    /** Waits for {@code STOP} from the harness (bounded by the node's lifetime). */
    void awaitStop() throws InterruptedException {
        stop.await();
    }

    /** Whether the harness asked the node to stop. */
    boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Waits up to the given milliseconds for {@code STOP}; whether it came. */
    boolean awaitStop(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The next command the harness sent other than {@code GO} and {@code STOP} (for example
     * {@code REGISTER agent-7}), waiting up to the given time; empty if none came. For roles that act on the
     * harness's cue in the middle of their work.
     */
    Optional<String> nextCommand(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(commands.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Takes one line from stdin: {@code GO} and {@code STOP} release their waits, others are queued. */
    void command(String command) {
        switch (command) {
            case "GO" -> go.countDown();
            case "STOP" -> {
                go.countDown();
                stop.countDown();
            }
            default -> commands.add(command);
        }
    }

    /**
     * Inserts one row into a harness table in autocommit, on a connection of its own: once this returns, the row
     * is in the database whatever happens to the node next. {@code {p}} stands for the table prefix.
     */
    void log(String sql, Object... parameters) {
        try (Connection c = pool.getConnection();
                PreparedStatement st = c.prepareStatement(sql.replace("{p}", prefix))) {
            for (int i = 0; i < parameters.length; i++) {
                st.setObject(i + 1, parameters[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to a harness table: " + e.getMessage(), e);
        }
    }
}
