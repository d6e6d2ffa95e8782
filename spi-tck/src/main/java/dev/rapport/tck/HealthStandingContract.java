package dev.rapport.tck;

import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Health standings: the last known health band of each customer, with a compare-and-set on the band.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Health standings"; not meant to be run on its own.
 */
public abstract class HealthStandingContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected HealthStandingContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    private dev.rapport.spi.customer.HealthStanding standing(CustomerId id,
            dev.rapport.spi.customer.HealthBand band, int score) {
        Instant at = TestData.now();
        return new dev.rapport.spi.customer.HealthStanding(id, band, score, at, at.minusSeconds(3_600));
    }

    @Test
    @DisplayName("a customer never evaluated has no standing; one stored expecting none reads back equal")
    void storesTheFirstStanding() {
        // given
        CustomerId id = storedCustomer().id();
        var next = standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 55);

        // when
        Optional<dev.rapport.spi.customer.HealthStanding> before = storage().healthStandings().find(id);
        boolean stored = storage().healthStandings().replace(Optional.empty(), next);

        // then
        assertThat(before).isEmpty();
        assertThat(stored).isTrue();
        assertThat(storage().healthStandings().find(id)).contains(next);
    }

    @Test
    @DisplayName("storing expecting no standing fails when one is stored, and changes nothing")
    void refusesASecondFirstStanding() {
        // given
        CustomerId id = storedCustomer().id();
        var first = standing(id, dev.rapport.spi.customer.HealthBand.HEALTHY, 90);
        storage().healthStandings().replace(Optional.empty(), first);

        // when
        boolean again = storage().transactions().inTransaction(() -> storage().healthStandings().replace(
                Optional.empty(), standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 10)));

        // then
        assertThat(again).isFalse();
        assertThat(storage().healthStandings().find(id)).contains(first);
    }

    @Test
    @DisplayName("a standing is replaced only when the stored band is the expected one")
    void replacesOnlyTheExpectedBand() {
        // given
        CustomerId id = storedCustomer().id();
        storage().healthStandings().replace(Optional.empty(),
                standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 60));
        var atRisk = standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 20);

        // when
        boolean wrong = storage().healthStandings().replace(
                Optional.of(dev.rapport.spi.customer.HealthBand.HEALTHY), atRisk);
        boolean right = storage().healthStandings().replace(
                Optional.of(dev.rapport.spi.customer.HealthBand.WATCH), atRisk);

        // then
        assertThat(wrong).isFalse();
        assertThat(right).isTrue();
        assertThat(storage().healthStandings().find(id)).contains(atRisk);
        assertThat(storage().healthStandings().replace(Optional.of(dev.rapport.spi.customer.HealthBand.WATCH),
                standing(id, dev.rapport.spi.customer.HealthBand.HEALTHY, 99))).isFalse();
    }

    @Test
    @DisplayName("the standings of a band are listed by customer id, page after page from the last id")
    void listsABandByCustomerId() {
        // given five at risk (ids in random order) and one healthy
        List<CustomerId> atRisk = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CustomerId id = storedCustomer().id();
            atRisk.add(id);
            storage().healthStandings().replace(Optional.empty(),
                    standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 10 + i));
        }
        storage().healthStandings().replace(Optional.empty(),
                standing(storedCustomer().id(), dev.rapport.spi.customer.HealthBand.HEALTHY, 95));
        atRisk.sort((a, b) -> a.value().toString().compareTo(b.value().toString()));

        // when the band is walked three at a time (other tests' standings may share the store)
        List<CustomerId> walked = new java.util.ArrayList<>();
        Optional<CustomerId> after = Optional.empty();
        List<dev.rapport.spi.customer.HealthStanding> page;
        do {
            page = storage().healthStandings().findByBand(dev.rapport.spi.customer.HealthBand.AT_RISK, after, 3);
            page.forEach(found -> walked.add(found.customerId()));
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).customerId());
        } while (page.size() == 3);

        // then
        assertThat(walked).filteredOn(atRisk::contains).containsExactlyElementsOf(atRisk);
        assertThat(walked).extracting(id -> id.value().toString()).isSorted().doesNotHaveDuplicates();
        assertThat(storage().healthStandings().findByBand(dev.rapport.spi.customer.HealthBand.AT_RISK,
                Optional.empty(), 1)).hasSize(1);
    }

    @Test
    @DisplayName("a standing is removed once; a store in a transaction that rolls back leaves nothing")
    void removesAndRollsBack() {
        // given
        CustomerId kept = storedCustomer().id();
        CustomerId rolledBack = storedCustomer().id();
        storage().healthStandings().replace(Optional.empty(),
                standing(kept, dev.rapport.spi.customer.HealthBand.WATCH, 50));

        // when
        boolean removed = storage().healthStandings().remove(kept);
        boolean again = storage().healthStandings().remove(kept);
        Throwable failed = catchThrowable(() -> storage().transactions().inTransaction(() -> {
            storage().healthStandings().replace(Optional.empty(),
                    standing(rolledBack, dev.rapport.spi.customer.HealthBand.AT_RISK, 5));
            throw new IllegalStateException("the work fails after the store");
        }));

        // then
        assertThat(removed).isTrue();
        assertThat(again).isFalse();
        assertThat(storage().healthStandings().find(kept)).isEmpty();
        assertThat(failed).isInstanceOf(IllegalStateException.class);
        assertThat(storage().healthStandings().find(rolledBack)).isEmpty();
    }

    @Test
    @DisplayName("every customer is walked by id, page after page from the last id, for the daily health round")
    void customersAreWalkedById() {
        // given seven customers (other tests' customers may share the store)
        List<CustomerId> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(storedCustomer().id());
        }
        mine.sort((a, b) -> a.value().toString().compareTo(b.value().toString()));

        // when
        List<Customer> walked = new java.util.ArrayList<>();
        Optional<CustomerId> after = Optional.empty();
        List<Customer> page;
        do {
            page = storage().customers().listAfter(after, 3);
            walked.addAll(page);
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
        } while (page.size() == 3);

        // then
        assertThat(walked).extracting(Customer::id).filteredOn(mine::contains).containsExactlyElementsOf(mine);
        assertThat(walked).extracting(c -> c.id().value().toString()).isSorted().doesNotHaveDuplicates();
        assertThat(walked).hasSize((int) storage().customers().count());
        assertThat(walked).filteredOn(c -> c.id().equals(mine.get(0))).singleElement()
                .isEqualTo(storage().customers().get(mine.get(0)));
    }

    @Test
    @DisplayName("of eight writers expecting the same band (or none) at the same moment, exactly one stores")
    void oneOfManyConcurrentWritersWins() {
        // given
        CustomerId id = storedCustomer().id();
        storage().healthStandings().replace(Optional.empty(),
                standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 50));

        // when
        List<Boolean> won = inParallel(8, thread -> storage().transactions().inTransaction(() ->
                storage().healthStandings().replace(Optional.of(dev.rapport.spi.customer.HealthBand.WATCH),
                        standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, thread))));
        CustomerId fresh = storedCustomer().id();
        List<Boolean> firstWon = inParallel(8, thread -> storage().transactions().inTransaction(() ->
                storage().healthStandings().replace(Optional.empty(),
                        standing(fresh, dev.rapport.spi.customer.HealthBand.HEALTHY, 80 + thread))));

        // then
        assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(storage().healthStandings().find(id)).get()
                .extracting(dev.rapport.spi.customer.HealthStanding::band)
                .isEqualTo(dev.rapport.spi.customer.HealthBand.AT_RISK);
        assertThat(firstWon).filteredOn(Boolean::booleanValue).hasSize(1);
    }
}
