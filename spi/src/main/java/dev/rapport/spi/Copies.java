package dev.rapport.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;

/**
 * Defensive copies for the components of domain records. Unlike {@code List.copyOf}, these keep null elements, so
 * that a record built from bad input still reaches the validator, which reports the field instead of a bare
 * {@code NullPointerException}. A null collection becomes an empty one; a null {@code Optional} becomes empty.
 * Used by the records of this module; not meant for hosts.
 */
public final class Copies {

    private Copies() {
    }

    /**
     * An unmodifiable copy, in order; null gives an empty list.
     *
     * @param <T> the element type
     * @param source the list to copy; may be null
     * @return an unmodifiable list of the same elements in the same order; empty for null
     */
    public static <T> List<T> list(List<T> source) {
        return source == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(source));
    }

    /**
     * An unmodifiable copy, in iteration order; null gives an empty set.
     *
     * @param <T> the element type
     * @param source the set to copy; may be null
     * @return an unmodifiable set of the same elements, iterating in the source's order; empty for null
     */
    public static <T> Set<T> set(Set<T> source) {
        return source == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(source));
    }

    /**
     * An unmodifiable copy, in iteration order; null gives an empty map.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param source the map to copy; may be null
     * @return an unmodifiable map of the same entries, iterating in the source's order; empty for null
     */
    public static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /**
     * The optional itself, or empty for null.
     *
     * @param <T> the value type
     * @param source the optional; may be null
     * @return {@code source} itself, or {@link Optional#empty()} if it is null
     */
    public static <T> Optional<T> optional(Optional<T> source) {
        return source == null ? Optional.empty() : source;
    }
}
