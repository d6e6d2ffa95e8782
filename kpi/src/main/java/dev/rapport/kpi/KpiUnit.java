package dev.rapport.kpi;

import java.math.BigDecimal;

/**
 * What a KPI's value measures, and the factor that turns numerator / denominator into the value: a figure's value
 * is always {@code scale() * numerator / denominator}.
 */
public enum KpiUnit {
    /** A share between 0 and 1 (CSAT, first-contact resolution, churn...); not a percentage. */
    SHARE(BigDecimal.ONE),
    /** Net Promoter Score points, -100 to +100: 100 * (promoters - detractors) / responses. */
    NPS_POINTS(BigDecimal.valueOf(100)),
    /** A mean score on a stated reference scale (for example CSAT on 1 to 5). */
    SCORE(BigDecimal.ONE),
    /** A mean score normalised to 0..1, where 1 is the good end of every scale. */
    NORMALIZED_SCORE(BigDecimal.ONE),
    /** A mean duration in seconds, with microsecond precision. */
    SECONDS(BigDecimal.ONE),
    /** A count: the numerator, over a denominator of 1. */
    COUNT(BigDecimal.ONE),
    /** An amount of money in the request's currency. */
    MONEY(BigDecimal.ONE);

    private final BigDecimal scale;

    KpiUnit(BigDecimal scale) {
        this.scale = scale;
    }

    /**
     * The factor applied to numerator / denominator to give the value.
     *
     * @return 100 for NPS points, 1 for every other unit
     */
    public BigDecimal scale() {
        return scale;
    }
}
