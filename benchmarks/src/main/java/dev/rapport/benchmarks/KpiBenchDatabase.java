package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL database holding one {@link KpiBenchData} data set, kept on disk between runs: under
 * {@code <root>/<size key>/pgdata}, where the root is the system property {@value #ROOT_PROPERTY} (default
 * {@value #DEFAULT_ROOT}). The first start creates and loads it and then writes the marker file {@code loaded}; later
 * starts find the marker and reuse the data as it is. A directory without the marker (an interrupted load) is loaded
 * again from empty tables. Delete the directory to reload. {@link #main} loads a data set without measuring anything,
 * so that loading never happens while the benchmark lock is held.
 *
 * <p>Not thread-safe; one instance per directory at a time.
 */
public final class KpiBenchDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KpiBenchDatabase.class);

    /** The system property naming the root directory of the kept data sets. */
    public static final String ROOT_PROPERTY = "rapport.bench.kpiDataDir";
    /** The default root directory of the kept data sets. */
    public static final String DEFAULT_ROOT = "/tmp/rapport-kpibench";
    /** The table prefix the data set is stored under. */
    public static final String PREFIX = JdbcStorage.DEFAULT_TABLE_PREFIX;

    private final BenchmarkPostgres postgres;
    private final JdbcStorage storage;

    private KpiBenchDatabase(BenchmarkPostgres postgres, JdbcStorage storage) {
        this.postgres = postgres;
        this.storage = storage;
    }

    /**
     * Starts PostgreSQL on the data set's directory, migrating Rapport's schema, and loads the data set unless an
     * earlier start already has.
     */
    public static KpiBenchDatabase open(KpiBenchData.Size size) {
        Path directory = Path.of(System.getProperty(ROOT_PROPERTY, DEFAULT_ROOT)).resolve(size.key());
        Path marker = directory.resolve("loaded");
        BenchmarkPostgres postgres = BenchmarkPostgres.startIn(directory.resolve("pgdata"));
        JdbcStorage storage = JdbcStorage.builder().dataSource(postgres.dataSource()).tablePrefix(PREFIX).build();
        if (!Files.exists(marker)) {
            LOG.info("Loading KPI data set {} into {}", size.key(), directory);
            postgres.execute("TRUNCATE " + PREFIX + "feedback, " + PREFIX + "interaction, " + PREFIX + "support_case, "
                    + PREFIX + "customer, " + PREFIX + "agent CASCADE");
            KpiBenchData.load(postgres.dataSource(), PREFIX, size);
            try {
                Files.writeString(marker, "loaded " + Instant.now() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            LOG.info("Reusing KPI data set {} in {}", size.key(), directory);
        }
        return new KpiBenchDatabase(postgres, storage);
    }

    /** The server. */
    public BenchmarkPostgres postgres() {
        return postgres;
    }

    /** Rapport's storage over the data set. */
    public JdbcStorage storage() {
        return storage;
    }

    /** Stops the server, keeping its data directory. */
    @Override
    public void close() {
        postgres.close();
    }

    /**
     * Loads a data set (if not loaded yet) and prints its row counts. Arguments: {@code full} (default) or
     * {@code tenth}, {@code hundredth}.
     */
    public static void main(String[] args) {
        KpiBenchData.Size size = sizeNamed(args.length == 0 ? "full" : args[0]);
        try (KpiBenchDatabase db = open(size)) {
            for (String table : new String[] {"agent", "customer", "support_case", "interaction", "feedback"}) {
                LOG.info("{}: {} rows", table, db.postgres.queryLong("SELECT COUNT(*) FROM " + PREFIX + table));
            }
        }
    }

    /** {@code full}, {@code tenth} or {@code hundredth}. */
    static KpiBenchData.Size sizeNamed(String name) {
        return switch (name) {
            case "full" -> KpiBenchData.Size.FULL;
            case "tenth" -> KpiBenchData.Size.FULL.tenth();
            case "hundredth" -> KpiBenchData.Size.FULL.tenth().tenth();
            default -> throw new IllegalArgumentException("size must be full, tenth or hundredth: " + name);
        };
    }
}
