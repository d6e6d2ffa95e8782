package dev.rapport.spi.complaint;

import dev.rapport.spi.validation.SupportedInstant;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.Copies;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/**
 * One deadline a complaint runs against, computed from its regime on the business calendar at receipt and kept
 * with the complaint, so the deadlines an auditor sees are the ones the customer was told. It also remembers which
 * reminder and which breach were raised, so each is raised once whatever node sweeps.
 *
 * @param code the regime's name for it, for example {@code "final_response"}
 * @param dueAt when it is due, as computed at receipt
 * @param extendedTo the later due time promised in a holding response, if one was sent
 * @param holdingReason why the deadline could not be met, as told in the holding response
 * @param metAt when the complaint was first responded to or closed, which meets every deadline
 * @param lastReminderAt the latest reminder instant for which a reminder was raised
 * @param breachRaisedAt when the breach was raised, if it was
 */
public record ComplaintDeadline(
        @NotNull @Code String code,
        @NotNull @SupportedInstant Instant dueAt,
        @NotNull Optional<@SupportedInstant Instant> extendedTo,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.TEXT) String> holdingReason,
        @NotNull Optional<@SupportedInstant Instant> metAt,
        @NotNull Optional<@SupportedInstant Instant> lastReminderAt,
        @NotNull Optional<@SupportedInstant Instant> breachRaisedAt) {

    /**
     * Turns null optionals into empty ones.
     *
     * @param code the regime's name for it, for example {@code "final_response"}
     * @param dueAt when it is due, as computed at receipt
     * @param extendedTo the later due time promised in a holding response, if one was sent
     * @param holdingReason why the deadline could not be met, as told in the holding response
     * @param metAt when the complaint was first responded to or closed, which meets every deadline
     * @param lastReminderAt the latest reminder instant for which a reminder was raised
     * @param breachRaisedAt when the breach was raised, if it was
     */
    public ComplaintDeadline {
        extendedTo = Copies.optional(extendedTo);
        holdingReason = Copies.optional(holdingReason);
        metAt = Copies.optional(metAt);
        lastReminderAt = Copies.optional(lastReminderAt);
        breachRaisedAt = Copies.optional(breachRaisedAt);
    }

    /**
     * A new deadline due at the given instant, not extended, met, reminded or breached.
     *
     * @param code the regime's name for the deadline, for example {@code "final_response"}
     * @param dueAt when it is due, as computed at receipt
     * @return a deadline with every optional component empty
     */
    public static ComplaintDeadline due(String code, Instant dueAt) {
        return new ComplaintDeadline(code, dueAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * The due time that applies: the extended one after a holding response, else the original.
     *
     * @return {@link #extendedTo()} if present, else {@link #dueAt()}
     */
    public Instant effectiveDueAt() {
        return extendedTo.orElse(dueAt);
    }

    /**
     * Whether the complaint has been responded to or closed.
     *
     * @return true once {@link #metAt()} is present, false while the complaint awaits its response
     */
    public boolean isMet() {
        return metAt.isPresent();
    }

    /**
     * Whether it was missed: met after its effective due time, or not met and {@code now} is past it.
     *
     * @param now the current time; only used while the deadline is not met
     * @return true if the deadline was met late or is unmet and overdue at {@code now}, false otherwise (being due
     *        exactly at {@code now} is not missed)
     */
    public boolean isMissed(Instant now) {
        Instant due = effectiveDueAt();
        return metAt.map(met -> met.isAfter(due)).orElse(now.isAfter(due));
    }

    /**
     * This deadline met at the given instant, unless it was met already.
     *
     * @param at when the complaint was responded to or closed
     * @return a copy with {@link #metAt()} set to {@code at}, or this deadline unchanged if it was met before
     */
    public ComplaintDeadline meet(Instant at) {
        return metAt.isPresent() ? this
                : new ComplaintDeadline(code, dueAt, extendedTo, holdingReason, Optional.of(at), lastReminderAt,
                        breachRaisedAt);
    }

    /**
     * This deadline extended to a later instant, with the reason given to the customer.
     *
     * @param to the new due time promised in the holding response
     * @param reason why the deadline could not be met, as told to the customer
     * @return a copy with {@link #extendedTo()} and {@link #holdingReason()} replaced
     */
    public ComplaintDeadline extend(Instant to, String reason) {
        return new ComplaintDeadline(code, dueAt, Optional.of(to), Optional.of(reason), metAt, lastReminderAt,
                breachRaisedAt);
    }

    /**
     * This deadline with a reminder raised for the given reminder instant.
     *
     * @param reminderAt the reminder instant (not the time the reminder was sent) that was raised
     * @return a copy with {@link #lastReminderAt()} set to {@code reminderAt}
     */
    public ComplaintDeadline reminded(Instant reminderAt) {
        return new ComplaintDeadline(code, dueAt, extendedTo, holdingReason, metAt, Optional.of(reminderAt),
                breachRaisedAt);
    }

    /**
     * This deadline with its breach raised at the given instant.
     *
     * @param at when the breach was raised
     * @return a copy with {@link #breachRaisedAt()} set to {@code at}
     */
    public ComplaintDeadline breachRaised(Instant at) {
        return new ComplaintDeadline(code, dueAt, extendedTo, holdingReason, metAt, lastReminderAt,
                Optional.of(at));
    }
}
