package dev.rapport.spi.kpi;

import java.util.Objects;

/**
 * The answer for one group.
 *
 * @param group the group
 * @param value the statistics of the records counted
 * @param excluded the records left out, by reason
 * @param <T> the statistics' type
 */
public record Tally<T>(GroupKey group, T value, Exclusions excluded) {

    /**
     * Checks the parts are present.
     *
     * @param group the group
     * @param value the statistics of the records counted
     * @param excluded the records left out, by reason
     */
    public Tally {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(excluded, "excluded");
    }
}
