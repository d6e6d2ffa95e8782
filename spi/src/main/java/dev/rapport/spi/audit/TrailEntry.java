package dev.rapport.spi.audit;

import static dev.rapport.spi.validation.Limits.NON_BLANK;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import dev.rapport.spi.validation.PlainTextValidator;
import dev.rapport.spi.validation.SupportedInstant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of a customer's or a case's append-only audit trail: who ({@link Actor}) did what ({@link TrailAction})
 * to whom ({@link AuditSubject}), when, with the values before and after where the action has them.
 *
 * <p>The entry checks itself when it is made, so an adapter never sees one outside the value domain: a bad field is
 * refused with a {@link ValidationException} naming every bad field ({@code id}, {@code subject}, {@code at},
 * {@code actor}, {@code action}, {@code from}, {@code to}, {@code detail}) and its rule.
 *
 * @param id the entry's id, chosen by the writer; unique across all trails
 * @param subject whose trail it belongs to; of the kind {@link TrailAction#subject()} names
 * @param at when the change happened; in {@link Limits#isSupported(Instant) the supported range}, whole microseconds
 * @param actor who made the change
 * @param action what changed
 * @param from the value before, where the action has one; one line of plain text, not blank, at most
 *        {@link Limits#HOST_TEXT} characters
 * @param to the value after, where the action has one; as {@code from}
 * @param detail what else an auditor needs (names of changed details, a reason code); plain text, lines allowed, not
 *        blank, at most {@link Limits#HOST_TEXT} characters
 */
public record TrailEntry(
        @NotNull UUID id,
        @NotNull @Valid AuditSubject subject,
        @NotNull @SupportedInstant Instant at,
        @NotNull @Valid Actor actor,
        @NotNull TrailAction action,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.HOST_TEXT) String> from,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText
                @Size(max = Limits.HOST_TEXT) String> to,
        @NotNull Optional<@Pattern(regexp = NON_BLANK, message = "must not be blank") @PlainText(multiline = true)
                @Size(max = Limits.HOST_TEXT) String> detail) {

    /**
     * Turns null optionals into empty ones and checks every field.
     *
     * @param id the entry's id, chosen by the writer; unique across all trails
     * @param subject whose trail it belongs to; of the kind {@link TrailAction#subject()} names
     * @param at when the change happened; in {@link Limits#isSupported(Instant) the supported range}, whole microseconds
     * @param actor who made the change
     * @param action what changed
     * @param from the value before, where the action has one; one line of plain text, not blank, at most
     *        {@link Limits#HOST_TEXT} characters
     * @param to the value after, where the action has one; as {@code from}
     * @param detail what else an auditor needs (names of changed details, a reason code); plain text, lines allowed, not
     *        blank, at most {@link Limits#HOST_TEXT} characters
     * @throws ValidationException naming every bad field: {@code id}, {@code subject}, {@code at}, {@code actor} or
     *         {@code action} when null ({@code NotNull}); {@code at} outside the supported range
     *         ({@code SupportedInstant}); {@code action} of another subject's trail ({@code SubjectKind});
     *         {@code from}, {@code to} or {@code detail} blank ({@code Pattern}), too long ({@code Size}) or not
     *         plain text ({@code PlainText})
     */
    public TrailEntry {
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        detail = detail == null ? Optional.empty() : detail;
        List<Violation> violations = new ArrayList<>();
        notNull(violations, "id", id);
        notNull(violations, "subject", subject);
        notNull(violations, "at", at);
        notNull(violations, "actor", actor);
        notNull(violations, "action", action);
        if (at != null && !Limits.isSupported(at)) {
            violations.add(new Violation("at", "SupportedInstant",
                    "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z in whole microseconds"));
        }
        if (action != null && subject != null && action.subject() != subject.kind()) {
            violations.add(new Violation("action", "SubjectKind",
                    "must belong in a " + subject.kind() + " trail; " + action + " belongs in a " + action.subject()
                            + " trail"));
        }
        text(violations, "from", from, false);
        text(violations, "to", to, false);
        text(violations, "detail", detail, true);
        if (!violations.isEmpty()) {
            throw new ValidationException("TrailEntry", violations);
        }
    }

    /**
     * A new entry with a random id.
     *
     * @param subject whose trail
     * @param at when
     * @param actor who
     * @param action what
     * @param from the value before, or null
     * @param to the value after, or null
     * @param detail what else, or null
     * @return the entry
     * @throws ValidationException naming every bad field
     */
    public static TrailEntry of(AuditSubject subject, Instant at, Actor actor, TrailAction action, String from,
            String to, String detail) {
        return new TrailEntry(UUID.randomUUID(), subject, at, actor, action, Optional.ofNullable(from),
                Optional.ofNullable(to), Optional.ofNullable(detail));
    }

    /**
     * The same entry with other values, as erasure redacts them; id, subject, time, actor and action stay.
     *
     * @param newFrom the value before
     * @param newTo the value after
     * @param newDetail the detail
     * @return the entry with those values
     * @throws ValidationException naming every bad value
     */
    public TrailEntry withValues(Optional<String> newFrom, Optional<String> newTo, Optional<String> newDetail) {
        return new TrailEntry(id, subject, at, actor, action, newFrom, newTo, newDetail);
    }

    private static void notNull(List<Violation> violations, String field, Object value) {
        if (value == null) {
            violations.add(new Violation(field, "NotNull", "must not be null"));
        }
    }

    private static void text(List<Violation> violations, String field, Optional<String> value, boolean multiline) {
        if (value.isEmpty()) {
            return;
        }
        String text = value.get();
        if (text.isBlank()) {
            violations.add(new Violation(field, "Pattern", "must not be blank"));
        } else if (text.length() > Limits.HOST_TEXT) {
            violations.add(new Violation(field, "Size", "size must be between 0 and " + Limits.HOST_TEXT));
        } else if (!PlainTextValidator.isPlainText(text, multiline)) {
            violations.add(new Violation(field, "PlainText", multiline
                    ? "must be text without control characters other than line breaks and tabs"
                    : "must be one line of text without control characters"));
        }
    }
}
