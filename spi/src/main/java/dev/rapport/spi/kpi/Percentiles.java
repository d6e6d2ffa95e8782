package dev.rapport.spi.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one percentile method every KPI uses: linear interpolation between the closest ranks, as PostgreSQL's
 * {@code percentile_cont} and Guava's {@code Quantiles} compute it. For sorted values {@code v[0..n-1]} and a
 * fraction {@code p}, the position is {@code h = p * (n - 1)}; the result is
 * {@code v[floor(h)] + (h - floor(h)) * (v[floor(h) + 1] - v[floor(h)])}. Computed in exact decimal arithmetic.
 * Stateless and thread-safe.
 */
public final class Percentiles {

    /** The fraction of the median. */
    public static final BigDecimal MEDIAN = new BigDecimal("0.5");
    /** The fraction of the 90th percentile. */
    public static final BigDecimal P90 = new BigDecimal("0.9");

    private Percentiles() {
    }

    /**
     * The percentile of sorted values.
     *
     * @param sorted the values, ascending; at least one
     * @param fraction the percentile as a fraction from 0 to 1
     * @return the interpolated value, exact
     */
    public static BigDecimal continuous(long[] sorted, BigDecimal fraction) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("fraction must be between 0 and 1");
        }
        BigDecimal position = fraction.multiply(BigDecimal.valueOf(sorted.length - 1L));
        int lower = position.setScale(0, RoundingMode.FLOOR).intValueExact();
        BigDecimal weight = position.subtract(BigDecimal.valueOf(lower));
        BigDecimal low = BigDecimal.valueOf(sorted[lower]);
        if (weight.signum() == 0) {
            return low;
        }
        BigDecimal high = BigDecimal.valueOf(sorted[lower + 1]);
        return low.add(weight.multiply(high.subtract(low))).stripTrailingZeros();
    }
}
