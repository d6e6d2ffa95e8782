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

    /**
     * Puts the amount in its canonical form, without trailing zeros and with a scale of at least zero, so that
     * {@code 12.50} and {@code 12.5000} are the same amount and round-trip through any store unchanged.
     *
     * @param amount the amount; at most 15 integer and 4 fraction digits, which every adapter stores exactly
     * @param currency the ISO 4217 currency
     */
    public Money {
        if (amount != null) {
            amount = amount.stripTrailingZeros();
            if (amount.scale() < 0) {
                amount = amount.setScale(0);
            }
        }
    }

    /**
     * The amount in a currency given by its ISO 4217 code.
     *
     * @param amount the amount as a decimal number, for example {@code "12.50"} or {@code "-3"}
     * @param currencyCode the ISO 4217 code, for example {@code "EUR"}
     * @return the money, its amount in canonical form
     */
    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    /**
     * Whether the amount is below zero.
     *
     * @return true if the amount is less than zero, false for zero and positive amounts
     */
    public boolean isNegative() {
        return amount.signum() < 0;
    }
}
