package dev.rapport.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.RemedyType;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * A remedy as offered in a {@link RespondToComplaint} command: the amount and the currency code come as given, so
 * a negative amount or an unknown currency is reported as a violation instead of failing to build.
 *
 * @param type what kind of remedy
 * @param amount its value, zero or more, at most 15 integer and 4 fraction digits; together with a currency
 * @param currency the ISO 4217 code of the amount's currency; together with an amount
 * @param note what exactly is offered
 */
public record RemedyOffer(
        @NotNull RemedyType type,
        @PositiveOrZero @Digits(integer = 15, fraction = 4) BigDecimal amount,
        @CurrencyCode String currency,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.ATTRIBUTE_VALUE) String> note) {

    /**
     * Turns a null optional into an empty one.
     *
     * @param type what kind of remedy
     * @param amount its value, zero or more, at most 15 integer and 4 fraction digits; together with a currency
     * @param currency the ISO 4217 code of the amount's currency; together with an amount
     * @param note what exactly is offered
     */
    public RemedyOffer {
        note = Copies.optional(note);
    }

    /**
     * A remedy without an amount, for example an apology.
     *
     * @param type what kind of remedy
     * @return the offer, without amount or note
     */
    public static RemedyOffer of(RemedyType type) {
        return new RemedyOffer(type, null, null, Optional.empty());
    }

    /**
     * A remedy worth an amount, for example {@code of(REFUND, "19.99", "EUR")}.
     *
     * @param type what kind of remedy
     * @param amount the value as a decimal string, for example {@code "19.99"}; zero or more
     * @param currency the ISO 4217 code, for example {@code "EUR"}
     * @return the offer, without a note
     */
    public static RemedyOffer of(RemedyType type, String amount, String currency) {
        return new RemedyOffer(type, new BigDecimal(amount), currency, Optional.empty());
    }

    /**
     * The same offer with a note.
     *
     * @param value what exactly is offered; {@code null} for none
     * @return a copy with the note
     */
    public RemedyOffer withNote(String value) {
        return new RemedyOffer(type, amount, currency, Optional.ofNullable(value));
    }

    /** Whether the amount and the currency are given together or not at all; reported on {@code currency}. */
    @AssertTrue(message = "must be given together with an amount, and only with one")
    boolean isCurrency() {
        return (amount == null) == (currency == null);
    }

    /** The remedy to store; call only on a valid offer. */
    Remedy toRemedy() {
        Optional<Money> money = amount == null ? Optional.empty()
                : Optional.of(new Money(amount, Currency.getInstance(currency)));
        return new Remedy(type, money, note);
    }
}
