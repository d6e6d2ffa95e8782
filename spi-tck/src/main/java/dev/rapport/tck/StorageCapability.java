package dev.rapport.tck;

/**
 * Something a storage adapter may legitimately lack, declared by overriding
 * {@link RapportStorageContract#capabilities()}. A contract test that needs a capability the adapter does not declare
 * is skipped (aborted through a JUnit assumption), never silently passed, so the test report shows what was not
 * proven.
 */
public enum StorageCapability {

    /**
     * Several threads may write at the same time, each in its own transaction, and their conflicts end in waiting or
     * in the documented exceptions (stale version, duplicate key), never in lost or doubled writes. Every adapter is
     * thread-safe, as {@link dev.rapport.spi.RapportStorage} requires; one that lacks this capability admits that
     * concurrent writers may fail with a storage error instead (a store that allows one writer at a time, say). The
     * concurrency tests, and the test of isolation between threads, then do not run.
     */
    CONCURRENT_WRITERS,

    /**
     * The store's clock runs in real time, so a short lease really lapses after a wait of a few hundred
     * milliseconds. Adapters whose clock is fixed or driven by the test lack it; the tests that wait for a lease to
     * lapse then do not run (the tests that insert an already lapsed lease still do).
     */
    LEASE_EXPIRY
}
