package dev.rapport.tck.memory;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import dev.rapport.spi.customer.HealthStanding;
import dev.rapport.spi.customer.HealthStandings;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The last known health band of each customer, in memory; the compare-and-set runs under the store's one lock. */
final class MemoryHealthStandings implements HealthStandings {

    private static final Comparator<HealthStanding> BY_ID = Comparator.comparing(s -> s.customerId().value(),
            MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<CustomerId, HealthStanding> standings = new HashMap<>();

    MemoryHealthStandings(MemoryState state) {
        this.state = state;
    }

    @Override
    public Optional<HealthStanding> find(CustomerId customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return state.locked(() -> Optional.ofNullable(standings.get(customerId)));
    }

    @Override
    public boolean replace(Optional<HealthBand> expected, HealthStanding next) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        return state.inTransaction(() -> {
            HealthStanding stored = standings.get(next.customerId());
            Optional<HealthBand> actual = Optional.ofNullable(stored).map(HealthStanding::band);
            if (!actual.equals(expected)) {
                return false;
            }
            state.put(standings, next.customerId(), next);
            return true;
        });
    }

    @Override
    public List<HealthStanding> findByBand(HealthBand band, Optional<CustomerId> after, int limit) {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, not " + limit);
        }
        return state.locked(() -> standings.values().stream()
                .filter(s -> s.band() == band)
                .filter(s -> after.isEmpty()
                        || MemoryState.ID_ORDER.compare(s.customerId().value(), after.get().value()) > 0)
                .sorted(BY_ID).limit(limit).toList());
    }

    @Override
    public boolean remove(CustomerId customerId) {
        Objects.requireNonNull(customerId, "customerId");
        return state.inTransaction(() -> {
            if (!standings.containsKey(customerId)) {
                return false;
            }
            state.remove(standings, customerId);
            return true;
        });
    }
}
