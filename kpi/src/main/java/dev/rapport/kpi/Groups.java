package dev.rapport.kpi;

import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.kpi.Tally;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Per-group accumulators and exclusion counts of one query call; memory grows with the groups only. */
final class Groups<A> {

    private final Supplier<A> fresh;
    private final Map<GroupKey, A> values = new HashMap<>();
    private final Map<GroupKey, EnumMap<ExclusionReason, Long>> excluded = new HashMap<>();

    Groups(Supplier<A> fresh) {
        this.fresh = fresh;
    }

    /** The accumulator of a group, created on first use. */
    A at(GroupKey key) {
        return values.computeIfAbsent(key, k -> fresh.get());
    }

    /** Counts one record of a group as left out for a reason. */
    void exclude(GroupKey key, ExclusionReason reason) {
        excluded.computeIfAbsent(key, k -> new EnumMap<>(ExclusionReason.class)).merge(reason, 1L, Long::sum);
    }

    /** Counts one record of several groups (a case with several tags) as left out for a reason in each. */
    void exclude(List<GroupKey> keys, ExclusionReason reason) {
        keys.forEach(key -> exclude(key, reason));
    }

    /** Applies an update to the accumulator of each of the record's groups. */
    void each(List<GroupKey> keys, java.util.function.Consumer<A> update) {
        keys.forEach(key -> update.accept(at(key)));
    }

    /** The tallies of every group with a counted or excluded record. */
    <T> Tallies<T> finish(Function<A, T> result) {
        Set<GroupKey> keys = new LinkedHashSet<>(values.keySet());
        keys.addAll(excluded.keySet());
        List<Tally<T>> tallies = new ArrayList<>();
        for (GroupKey key : keys) {
            A value = values.containsKey(key) ? values.get(key) : fresh.get();
            Map<ExclusionReason, Long> reasons = excluded.getOrDefault(key, new EnumMap<>(ExclusionReason.class));
            tallies.add(new Tally<>(key, result.apply(value), new Exclusions(reasons)));
        }
        return new Tallies<>(tallies);
    }

    /** A growable array of microseconds, for exact percentiles. */
    static final class Micros {
        private long[] values = new long[16];
        private int size;

        void add(long micros) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        DurationSummary summary() {
            return DurationSummary.of(java.util.Arrays.copyOf(values, size));
        }
    }
}
