package dev.rapport.spi.customer;

import dev.rapport.spi.StorageException;
import java.util.List;
import java.util.Optional;

/**
 * Holds the last known health band of each customer ({@link HealthStanding}), so that the customer-health
 * evaluation raises {@code CustomerAtRisk} exactly once per transition, whatever the number of nodes, and so that
 * KPIs can be broken down by health band in memory and in SQL alike. Implemented by storage adapters; proven by the
 * spi-tck's {@code HealthStandingContract}.
 *
 * <p>Contract, for every method: a failing call changes nothing; a failure of the store itself is a
 * {@link StorageException}; calls made inside a transaction take part in it. A standing is independent of the
 * customer row: it stays until it is replaced or {@linkplain #remove removed} (Rapport removes a merged customer's
 * standing in the merge's transaction). Implementations are thread-safe.
 */
public interface HealthStandings {

    /**
     * The stored standing of a customer.
     *
     * @param customerId the customer
     * @return the standing, or empty if the customer was never evaluated (or its standing was removed)
     * @throws NullPointerException if the id is null
     */
    Optional<HealthStanding> find(CustomerId customerId);

    /**
     * Stores a standing if the stored band is the expected one: a compare-and-set on the band. With an empty
     * {@code expected}, stores it only if the customer has no standing yet; with a band, replaces the stored standing
     * only if its band is that band. Two concurrent calls expecting the same band never both succeed.
     *
     * @param expected the band the caller read, or empty if it read no standing
     * @param next the standing to store
     * @return whether it was stored; {@code false} if the stored band (or its absence) differs from the expected one,
     *         and then nothing changed
     * @throws NullPointerException if an argument is null
     */
    boolean replace(Optional<HealthBand> expected, HealthStanding next);

    /**
     * The standings in one band, ordered by customer id (as unsigned 128-bit numbers, the order of their text form),
     * for walking every customer of a band by key.
     *
     * @param band the band
     * @param after only customers whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to 1,000
     * @return the standings, at most {@code limit}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    List<HealthStanding> findByBand(HealthBand band, Optional<CustomerId> after, int limit);

    /**
     * Removes a customer's standing; removing one that is not stored is not an error.
     *
     * @param customerId the customer
     * @return whether a standing was removed
     * @throws NullPointerException if the id is null
     */
    boolean remove(CustomerId customerId);
}
