/**
 * Databases for the benchmarks: the embedded PostgreSQL started durable ({@code fsync} and
 * {@code synchronous_commit} on) or, where a figure says so, non-durable, and a small pooled data source.
 */
package dev.rapport.benchmarks.db;
