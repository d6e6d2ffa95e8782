package dev.rapport.health;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One factor of a customer's health score, shown so a support lead can read why the score is what it is.
 *
 * @param name the factor's code, for example {@code "recent_csat"} (see {@link HealthPolicy.Factor})
 * @param value what was measured, in the factor's unit (a share, a count or days)
 * @param detail the measurement in words, for example {@code "2 of 3 ratings below 4 on 1-5"}
 * @param weight the factor's weight in the policy
 * @param severity how bad the value is, 0 (not at all) to 1 (as bad as it counts)
 * @param contribution the points the factor takes off the score of 100: {@code 100 * weight * severity / sum of
 *        weights}, rounded to two decimals for display (the score is computed from the exact sum)
 */
public record HealthFactor(String name, BigDecimal value, String detail, int weight, BigDecimal severity,
        BigDecimal contribution) {

    /**
     * Checks every component is present.
     *
     * @param name the factor's code, for example {@code "recent_csat"} (see {@link HealthPolicy.Factor})
     * @param value what was measured, in the factor's unit (a share, a count or days)
     * @param detail the measurement in words, for example {@code "2 of 3 ratings below 4 on 1-5"}
     * @param weight the factor's weight in the policy
     * @param severity how bad the value is, 0 (not at all) to 1 (as bad as it counts)
     * @param contribution the points the factor takes off the score of 100:
     *        {@code 100 * weight * severity / sum of weights}, rounded to two decimals for display (the score is
     *        computed from the exact sum)
     */
    public HealthFactor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(contribution, "contribution");
    }
}
