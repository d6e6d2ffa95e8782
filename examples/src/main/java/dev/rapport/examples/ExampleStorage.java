package dev.rapport.examples;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.memory.InMemoryStorage;

/**
 * The one place where the examples choose their storage: for now the in-memory reference adapter, later an embedded
 * H2 database through the JDBC adapter. Every call gives a fresh, empty store.
 */
final class ExampleStorage {

    private ExampleStorage() {
    }

    /** A fresh, empty store. */
    static RapportStorage create() {
        return new InMemoryStorage();
    }
}
