package dev.rapport.kpi;

import dev.rapport.spi.PageWalk;
import dev.rapport.spi.Money;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.CostToServe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * The historic lifetime value of one customer, by the definition of {@link Kpi#HISTORIC_LIFETIME_VALUE} (see
 * docs/kpis.md): revenue of the purchases in the currency, minus the cost to serve (per contact and per hour of
 * human handle time), minus the acquisition cost, all up to a moment. The KPI's per-customer figure, for lists such
 * as the customers at risk ordered by value; the KPI itself is the mean of these over the customers it counts.
 * Stateless and thread-safe.
 */
public final class CustomerLifetimeValue {

    private static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);
    private static final int PAGE = 500;

    private CustomerLifetimeValue() {
    }

    /**
     * The customer's historic lifetime value, or empty when the KPI leaves the customer out: a prospect, a
     * purchase without amount or in another currency, an acquisition cost in another currency, or a negative
     * handle time while handle hours cost something.
     *
     * @param storage where the customer's interactions and cases are
     * @param customer the customer
     * @param currency the currency of the value
     * @param cost the cost-to-serve rates
     * @param at the moment the value is taken at: records before it count
     * @return the value in the currency, to four decimal places at most
     * @throws NullPointerException if an argument is null
     */
    public static Optional<BigDecimal> historic(RapportStorage storage, Customer customer, Currency currency,
            CostToServe cost, Instant at) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
        if (customer.status() == CustomerStatus.PROSPECT) {
            return Optional.empty();
        }
        Optional<Money> acquisition = customer.acquisitionCost();
        if (acquisition.isPresent() && !acquisition.get().currency().equals(currency)) {
            return Optional.empty();
        }
        BigDecimal revenue = BigDecimal.ZERO;
        long contacts = 0;
        long handleMicros = 0;
        boolean negativeHandleTime = false;
        for (Interaction i : PageWalk.byOffset(PAGE,
                p -> storage.interactions().findByCustomer(customer.id(), TimeRange.of(Instant.MIN, at), p))) {
            if (i.kind() == InteractionKind.PURCHASE) {
                if (i.amount().isEmpty() || !i.amount().get().currency().equals(currency)) {
                    return Optional.empty();
                }
                revenue = revenue.add(i.amount().get().amount());
            }
            if (CaseFacts.isCaselessContact(i)) {
                contacts++;
            }
            if (i.handledBy() == Handler.HUMAN && i.handleTime().isPresent()) {
                HandleTime time = i.handleTime().get();
                if (time.talk().isNegative() || time.hold().isNegative() || time.afterContactWork().isNegative()) {
                    negativeHandleTime = true;
                } else {
                    handleMicros += Times.micros(time.total());
                }
            }
        }
        if (negativeHandleTime && cost.perHandleHour().signum() > 0) {
            return Optional.empty();
        }
        BigDecimal costToServe = BigDecimal.ZERO;
        if (!cost.isNone()) {
            if (cost.perContact().signum() > 0) {
                for (Case c : PageWalk.byOffset(PAGE, p -> storage.cases().findByCustomer(customer.id(), p))) {
                    if (c.createdAt().isBefore(at)) {
                        contacts++;
                    }
                }
            }
            BigDecimal scaled = cost.perContact().multiply(BigDecimal.valueOf(contacts)).multiply(MICROS_PER_HOUR)
                    .add(cost.perHandleHour().multiply(BigDecimal.valueOf(handleMicros)));
            costToServe = scaled.divide(MICROS_PER_HOUR, 4, RoundingMode.HALF_EVEN);
        }
        return Optional.of(revenue.subtract(costToServe)
                .subtract(acquisition.map(Money::amount).orElse(BigDecimal.ZERO)));
    }
}
