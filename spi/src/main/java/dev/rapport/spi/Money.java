package dev.rapport.spi;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount in a currency, exact to the cent or finer: purchases, acquisition costs, remedies.
 *
 * @param amount the amount; at most 15 integer and 4 fraction digits, which every adapter stores exactly
 * @param currency the ISO 4217 currency
 */
public record Money(
        @NotNull @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @NotNull Currency currency) {

    /** The amount in a currency given by its ISO 4217 code. */
    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return amount.signum() < 0;
    }
}
