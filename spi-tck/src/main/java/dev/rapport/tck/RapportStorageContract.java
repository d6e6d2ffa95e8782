package dev.rapport.tck;

import dev.rapport.spi.RapportStorage;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract as executable tests: every storage adapter subclasses this class, returns a fresh, empty store
 * from {@link #createStorage()} and passes every test. Tests are grouped in {@code @Nested} classes per aggregate and
 * per concern.
 */
public abstract class RapportStorageContract {

    private RapportStorage storage;

    /**
     * Creates the store under test. Called before each test; must return a fresh, empty store (for a database: empty
     * tables), whose repositories and transactions are ready to use.
     *
     * @return a fresh, empty store
     */
    protected abstract RapportStorage createStorage();

    /**
     * What the adapter can do. Tests that need a capability missing from this set are skipped through a JUnit
     * assumption. Default: every {@link StorageCapability}.
     *
     * @return the adapter's capabilities
     */
    protected Set<StorageCapability> capabilities() {
        return EnumSet.allOf(StorageCapability.class);
    }

    @BeforeEach
    final void createFreshStorage() {
        storage = createStorage();
    }

    /** The store of the running test, as returned by {@link #createStorage()}. */
    protected final RapportStorage storage() {
        return storage;
    }

    /** Skips the running test unless the adapter declares the capability. */
    protected final void requires(StorageCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the adapter does not declare " + capability);
    }
}
