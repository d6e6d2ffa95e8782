package dev.rapport.testing;

import dev.rapport.spi.RapportStorage;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.util.ServiceLoader;

/**
 * Chooses the store the storage-boundary properties (core's command properties) run on, from the system property
 * {@value #PROPERTY}: {@value #MEMORY} (the default, and the only store core itself has) or the name of a
 * {@link TestStore} found by {@link ServiceLoader} on the test class path (jdbc-adapter's tests add {@code h2} and
 * {@code postgres}, and run core's properties from its test-jar with the property set).
 */
public final class TestStores {

    /** The system property naming the store; unset means {@value #MEMORY}. */
    public static final String PROPERTY = "rapport.store";

    /** The name of the in-memory store. */
    public static final String MEMORY = "memory";

    private static TestStore chosen;

    private TestStores() {
    }

    /**
     * The name of the store the properties run on.
     *
     * @return the system property's value, or {@value #MEMORY} when it is unset or blank
     */
    public static String name() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? MEMORY : value.trim();
    }

    /**
     * Whether the properties run on the in-memory store.
     *
     * @return true unless {@value #PROPERTY} names another store
     */
    public static boolean inMemory() {
        return MEMORY.equals(name());
    }

    /**
     * An empty store of the chosen kind, for one try.
     *
     * @param clock the clock the store reads (the in-memory store stamps and judges due times by it)
     * @return a new in-memory store, or the chosen {@link TestStore} emptied
     * @throws IllegalStateException if no {@link TestStore} on the class path has the chosen name
     */
    public static RapportStorage fresh(Clock clock) {
        if (inMemory()) {
            return new InMemoryStorage(clock);
        }
        return chosen().empty(clock);
    }

    private static synchronized TestStore chosen() {
        String name = name();
        if (chosen == null || !chosen.name().equals(name)) {
            chosen = ServiceLoader.load(TestStore.class).stream().map(ServiceLoader.Provider::get)
                    .filter(store -> store.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("system property " + PROPERTY + " names the store '"
                            + name + "', but no " + TestStore.class.getName() + " of that name is on the class path"));
        }
        return chosen;
    }
}
