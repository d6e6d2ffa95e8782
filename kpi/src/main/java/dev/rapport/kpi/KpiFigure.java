package dev.rapport.kpi;

import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One KPI value for one group, with everything needed to check it: {@code value = unit scale * numerator /
 * denominator}, empty when the denominator is zero. Numerators and denominators are exact and, for additive KPIs,
 * add up across disjoint periods. Statistics hold the supporting numbers (median, percentiles, parts of a sum).
 *
 * @param kpi the KPI
 * @param group the group
 * @param numerator the numerator, exact
 * @param denominator the denominator, exact; zero means no value
 * @param value the value, to 16 significant digits; empty when the denominator is zero
 * @param statistics supporting numbers by name, in a stable order
 * @param excluded the records left out, by reason
 */
public record KpiFigure(Kpi kpi, GroupKey group, BigDecimal numerator, BigDecimal denominator,
        Optional<BigDecimal> value, Map<String, BigDecimal> statistics, Exclusions excluded) {

    /** The precision values are computed to: 16 significant digits. */
    public static final MathContext PRECISION = MathContext.DECIMAL64;

    /**
     * Checks the parts are present and copies the statistics.
     *
     * @param kpi the KPI
     * @param group the group
     * @param numerator the numerator, exact
     * @param denominator the denominator, exact; zero means no value
     * @param value the value, to 16 significant digits; empty when the denominator is zero
     * @param statistics supporting numbers by name, in a stable order
     * @param excluded the records left out, by reason
     */
    public KpiFigure {
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        value = value == null ? Optional.empty() : value;
        statistics = statistics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
        excluded = excluded == null ? Exclusions.NONE : excluded;
    }

    /**
     * The figure with its value computed from numerator and denominator.
     *
     * @param kpi the KPI; its unit's scale is applied
     * @param group the group
     * @param numerator the numerator, exact
     * @param denominator the denominator, exact; zero gives no value
     * @param statistics supporting numbers by name, in the order to report them
     * @param excluded the records left out, by reason
     * @return the figure, its numbers without trailing zeros
     */
    public static KpiFigure of(Kpi kpi, GroupKey group, BigDecimal numerator, BigDecimal denominator,
            Map<String, BigDecimal> statistics, Exclusions excluded) {
        Optional<BigDecimal> value = denominator.signum() == 0 ? Optional.empty()
                : Optional.of(plain(kpi.unit().scale().multiply(numerator).divide(denominator, PRECISION)));
        return new KpiFigure(kpi, group, plain(numerator), plain(denominator), value, statistics, excluded);
    }

    /**
     * A count: the count over a denominator of one.
     *
     * @param kpi the KPI
     * @param group the group
     * @param count how many
     * @param statistics supporting numbers by name
     * @param excluded the records left out, by reason
     * @return the figure whose value is the count
     */
    public static KpiFigure count(Kpi kpi, GroupKey group, long count, Map<String, BigDecimal> statistics,
            Exclusions excluded) {
        return of(kpi, group, BigDecimal.valueOf(count), BigDecimal.ONE, statistics, excluded);
    }

    /**
     * The value as a double, if there is one.
     *
     * @return the value as a double; empty when the denominator is zero
     */
    public OptionalDouble doubleValue() {
        return value.map(v -> OptionalDouble.of(v.doubleValue())).orElse(OptionalDouble.empty());
    }

    /**
     * A supporting number, if present.
     *
     * @param name the statistic's name, for example {@code "median_seconds"}
     * @return the number; empty if the figure has none by that name
     */
    public Optional<BigDecimal> statistic(String name) {
        return Optional.ofNullable(statistics.get(name));
    }

    /** Strips trailing zeros without turning whole numbers into exponents. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
