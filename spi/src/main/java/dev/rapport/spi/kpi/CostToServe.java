package dev.rapport.spi.kpi;

import dev.rapport.spi.ValidationException;
import java.math.BigDecimal;

/**
 * What serving a customer costs, for historic lifetime value. The contract keeps no costs, so the host gives rates;
 * they are read in the currency of the request. The cost to serve a customer is
 * {@code perContact * contacts + perHandleHour * human handle time in hours}.
 *
 * @param perContact the cost of one contact (a case, or an inbound interaction outside a case); zero or more
 * @param perHandleHour the cost of one hour of human handle time; zero or more
 */
public record CostToServe(BigDecimal perContact, BigDecimal perHandleHour) {

    /** No cost: lifetime value is then revenue minus acquisition cost. */
    public static final CostToServe NONE = new CostToServe(BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * Checks the rates are present and not negative.
     *
     * @param perContact the cost of one contact (a case, or an inbound interaction outside a case); zero or more
     * @param perHandleHour the cost of one hour of human handle time; zero or more
     */
    public CostToServe {
        if (perContact == null || perContact.signum() < 0) {
            throw ValidationException.of("CostToServe", "perContact", "PositiveOrZero", "must be zero or more");
        }
        if (perHandleHour == null || perHandleHour.signum() < 0) {
            throw ValidationException.of("CostToServe", "perHandleHour", "PositiveOrZero", "must be zero or more");
        }
    }

    /**
     * Whether every rate is zero.
     *
     * @return true if both rates are zero, as in {@link #NONE}, false otherwise
     */
    public boolean isNone() {
        return perContact.signum() == 0 && perHandleHour.signum() == 0;
    }
}
