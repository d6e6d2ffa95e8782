package dev.rapport.jdbc;

/**
 * What a bulk ingest did.
 *
 * @param inserted how many interactions were stored
 * @param skipped how many were left out because their id or external id was already stored, or repeated one given
 *        earlier in the same call
 */
public record BulkIngestResult(long inserted, long skipped) {
}
