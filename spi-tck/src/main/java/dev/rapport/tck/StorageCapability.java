package dev.rapport.tck;

/**
 * Something a storage adapter may legitimately lack, declared by overriding
 * {@link RapportStorageContract#capabilities()}. A contract test that needs a capability the adapter does not declare
 * is skipped (aborted through a JUnit assumption), never silently passed, so the test report shows what was not
 * proven.
 */
public enum StorageCapability {

    /**
     * Several threads may call the store at the same time, each with its own transaction. Adapters that can only be
     * used from one thread (a single shared connection, say) lack it; the concurrency tests then do not run.
     */
    CONCURRENT_WRITERS,

    /**
     * The store's clock runs in real time, so a short lease really lapses after a wait of a few hundred
     * milliseconds. Adapters whose clock is fixed or driven by the test lack it; the tests that wait for a lease to
     * lapse then do not run (the tests that insert an already lapsed lease still do).
     */
    LEASE_EXPIRY
}
