/**
 * Rapport's storage over plain JDBC, PostgreSQL for production and H2 embedded: build a
 * {@link dev.rapport.jdbc.JdbcStorage} over a data source or a {@link dev.rapport.jdbc.ConnectionProvider} that joins
 * the host's transactions. Its tables carry a prefix (and optionally live in their own schema);
 * {@link dev.rapport.jdbc.SchemaMigrator} brings them to the latest version from the versioned scripts under
 * {@code db/rapport/<dialect>/}, or Flyway or Liquibase runs those scripts instead. The database-specific SQL is a
 * {@link dev.rapport.jdbc.Dialect}; bulk ingest reports a {@link dev.rapport.jdbc.BulkIngestResult}. The other
 * classes are package private.
 */
package dev.rapport.jdbc;
