package dev.rapport.spi.complaint;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;

/**
 * A remedy offered in response to a complaint.
 *
 * @param type what kind of remedy
 * @param amount its value, for refunds, vouchers, credits and gestures with a price; never negative
 * @param note what exactly is offered, for example {@code "Replacement kettle, model K2, sent by courier"}
 */
public record Remedy(
        @NotNull RemedyType type,
        @NotNull Optional<@Valid @NonNegativeMoney Money> amount,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.ATTRIBUTE_VALUE) String> note) {

    /**
     * Turns null optionals into empty ones.
     *
     * @param type what kind of remedy
     * @param amount its value, for refunds, vouchers, credits and gestures with a price; never negative
     * @param note what exactly is offered, for example {@code "Replacement kettle, model K2, sent by courier"}
     */
    public Remedy {
        amount = Copies.optional(amount);
        note = Copies.optional(note);
    }

    /**
     * A remedy of the given type without an amount or a note.
     *
     * @param type what kind of remedy
     * @return a remedy of that type with {@link #amount()} and {@link #note()} empty
     */
    public static Remedy of(RemedyType type) {
        return new Remedy(type, Optional.empty(), Optional.empty());
    }

    /**
     * A remedy of the given type worth an amount.
     *
     * @param type what kind of remedy
     * @param amount its value; never negative
     * @return a remedy of that type worth the amount, with {@link #note()} empty
     */
    public static Remedy of(RemedyType type, Money amount) {
        return new Remedy(type, Optional.of(amount), Optional.empty());
    }
}
