package dev.rapport.spi.kpi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answers for every group that has records, in group order.
 *
 * @param groups one tally per group
 * @param <T> the statistics' type
 */
public record Tallies<T>(List<Tally<T>> groups) {

    /**
     * Copies and orders the groups.
     *
     * @param groups one tally per group
     */
    public Tallies {
        List<Tally<T>> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing(Tally::group));
        groups = List.copyOf(sorted);
    }

    /**
     * The tally of a group, if it has records.
     *
     * @param key the group to look up
     * @return the tally of that group, or empty if no record fell into it
     */
    public Optional<Tally<T>> group(GroupKey key) {
        return groups.stream().filter(t -> t.group().equals(key)).findFirst();
    }
}
