package dev.rapport.health;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthStanding;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the list of customers at risk: who, their stored standing, and their historic lifetime value (the
 * definition of the KPI {@code historic_lifetime_value}), by which the list is ordered, highest first.
 *
 * @param customerId the customer
 * @param name how the customer wants to be addressed
 * @param standing the stored health standing (band {@code AT_RISK}, score, since when)
 * @param lifetimeValue the historic lifetime value in the list's currency, or empty when the KPI would leave the
 *        customer out (a prospect, a purchase without amount or in another currency, a negative handle time)
 */
public record AtRiskCustomer(CustomerId customerId, String name, HealthStanding standing,
        Optional<BigDecimal> lifetimeValue) {

    /**
     * Checks every component is present.
     *
     * @param customerId the customer at risk
     * @param name how the customer wants to be addressed
     * @param standing the stored health standing (band {@code AT_RISK}, score, since when)
     * @param lifetimeValue the historic lifetime value in the list's currency, or empty when the KPI would leave the
     *        customer out (a prospect, a purchase without amount or in another currency, a negative handle time)
     */
    public AtRiskCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(lifetimeValue, "lifetimeValue");
    }
}
