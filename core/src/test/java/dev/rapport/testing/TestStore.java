package dev.rapport.testing;

import dev.rapport.spi.RapportStorage;
import java.time.Clock;

/**
 * A store the storage-boundary properties can run on besides the in-memory one: a module that has a storage adapter
 * (jdbc-adapter's tests) names its implementations in {@code META-INF/services/dev.rapport.testing.TestStore}, and
 * {@link TestStores} picks the one the system property {@value TestStores#PROPERTY} names. Core's own tests never
 * see an implementation; they run on the in-memory store.
 *
 * <p>A try asks for an empty store many thousands of times, so an implementation keeps one migrated database for the
 * whole JVM and empties it for each try rather than creating one per try.
 */
public interface TestStore {

    /**
     * The name the system property {@value TestStores#PROPERTY} chooses this store by.
     *
     * @return a short lower-case name such as {@code h2} or {@code postgres}
     */
    String name();

    /**
     * A store holding nothing, for one try: every table emptied, the schema kept. It shows no outbox
     * ({@code outbox()} is empty), so that Rapport and the services publish events directly after each commit, as on
     * the in-memory store, and a property sees them as soon as a command returns.
     *
     * @param clock the clock of the try, for stores that read one (a database may read its own instead)
     * @return the empty store; the previous one handed out must no longer be used
     */
    RapportStorage empty(Clock clock);
}
