package dev.rapport.spring;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The one embedded PostgreSQL (io.zonky) the tests of a test JVM share, started on first use and stopped when the
 * JVM ends; its log goes to {@code target/postgres.log}. Each test gets a database of its own.
 */
final class EmbeddedPostgresDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresDatabases() {
    }

    /** A data source for a fresh, empty database, user {@code postgres}. */
    static synchronized DataSource fresh() {
        if (postgres == null) {
            try {
                Path log = Path.of(System.getProperty("basedir", "."), "target", "postgres.log");
                Files.createDirectories(log.getParent());
                postgres = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        String name = "starter" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return postgres.getDatabase("postgres", name);
    }
}
