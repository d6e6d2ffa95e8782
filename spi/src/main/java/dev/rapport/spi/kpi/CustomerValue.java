package dev.rapport.spi.kpi;

import java.math.BigDecimal;

/**
 * Historic value totals over customers.
 *
 * @param customers customers valued
 * @param revenue their purchases' sum
 * @param costToServe their cost to serve
 * @param acquisitionCost their acquisition cost
 */
public record CustomerValue(long customers, BigDecimal revenue, BigDecimal costToServe, BigDecimal acquisitionCost) {
    /** No customer. */
    public static final CustomerValue EMPTY =
            new CustomerValue(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * Revenue - cost to serve - acquisition cost.
     *
     * @return the historic value in the request's currency; negative when costs exceed revenue
     */
    public BigDecimal value() {
        return revenue.subtract(costToServe).subtract(acquisitionCost);
    }
}
