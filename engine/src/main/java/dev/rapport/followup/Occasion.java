package dev.rapport.followup;

import dev.rapport.spi.Copies;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule fires for: whose follow-up it is, the case it follows if any, a subject that names the occasion (so
 * the same rule never schedules twice for it), when it happened, and values to add to the message.
 *
 * <p>The customer may be left out when a case is given: the scheduler takes the case's customer. A required case
 * status makes the scheduler skip the occasion when the case has moved on since (a late or repeated event about a
 * resolution that a reopen already undid).
 *
 * @param customerId the customer, or empty to take the case's
 * @param caseId the case it follows, if any
 * @param subject names the occasion within the rule, for example {@code "case:<id>"}; at most
 *        {@value #MAX_SUBJECT} plain characters
 * @param occurredAt when it happened; a rule's delay counts from here
 * @param values personalisation values to add to the follow-up
 * @param requiredCaseStatus if present, the case must still be in this status; only with a case
 */
public record Occasion(
        Optional<CustomerId> customerId,
        Optional<CaseId> caseId,
        String subject,
        Instant occurredAt,
        Map<String, String> values,
        Optional<CaseStatus> requiredCaseStatus) {

    /** The longest subject allowed. */
    public static final int MAX_SUBJECT = 120;

    /**
     * Checks the parts and copies the values.
     *
     * @param customerId the customer, or empty to take the case's
     * @param caseId the case it follows, if any
     * @param subject names the occasion within the rule, for example {@code "case:<id>"}; at most {@value #MAX_SUBJECT}
     *         plain characters
     * @param occurredAt when it happened; a rule's delay counts from here
     * @param values personalisation values to add to the follow-up
     * @param requiredCaseStatus if present, the case must still be in this status; only with a case
     */
    public Occasion {
        customerId = Copies.optional(customerId);
        caseId = Copies.optional(caseId);
        values = Copies.map(values);
        requiredCaseStatus = Copies.optional(requiredCaseStatus);
        List<ValidationException.Violation> violations = new ArrayList<>();
        if (customerId.isEmpty() && caseId.isEmpty()) {
            violations.add(new ValidationException.Violation("customerId", "NotNull",
                    "a customer or a case is needed"));
        }
        if (requiredCaseStatus.isPresent() && caseId.isEmpty()) {
            violations.add(new ValidationException.Violation("requiredCaseStatus", "RequiresCase",
                    "needs a case whose status to check"));
        }
        if (subject == null || subject.isBlank()) {
            violations.add(new ValidationException.Violation("subject", "NotBlank", "must not be blank"));
        } else if (subject.length() > MAX_SUBJECT || !PlainTextValidator.isPlainText(subject, false)) {
            violations.add(new ValidationException.Violation("subject", "Size",
                    "must be plain text of at most " + MAX_SUBJECT + " characters"));
        }
        if (occurredAt == null) {
            violations.add(new ValidationException.Violation("occurredAt", "NotNull", "must not be null"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Occasion", violations);
        }
    }

    /**
     * An occasion concerning a customer.
     *
     * @param customerId the customer who gets the follow-up
     * @param subject names the occasion within the rule, for example {@code "renewal:2025"}; plain text, at most
     *         {@value #MAX_SUBJECT} characters
     * @param occurredAt when it happened; a rule's delay counts from here
     * @return the occasion, without case or values
     */
    public static Occasion forCustomer(CustomerId customerId, String subject, Instant occurredAt) {
        return new Occasion(Optional.of(customerId), Optional.empty(), subject, occurredAt, Map.of(), Optional.empty());
    }

    /**
     * An occasion concerning a case, subject {@code "case:<id>"}; the case's customer gets the follow-up.
     *
     * @param caseId the case
     * @param occurredAt when it happened; a rule's delay counts from here
     * @return the occasion, without values or required status
     */
    public static Occasion forCase(CaseId caseId, Instant occurredAt) {
        return new Occasion(Optional.empty(), Optional.of(caseId), "case:" + caseId, occurredAt, Map.of(),
                Optional.empty());
    }

    /**
     * The same occasion about a case as well.
     *
     * @param value the case the follow-up also concerns
     * @return a copy with the case set
     */
    public Occasion withCase(CaseId value) {
        return new Occasion(customerId, Optional.of(value), subject, occurredAt, values, requiredCaseStatus);
    }

    /**
     * The same occasion with personalisation values to add to the follow-up.
     *
     * @param newValues the values, replacing those the occasion had
     * @return a copy with the values replaced
     */
    public Occasion withValues(Map<String, String> newValues) {
        return new Occasion(customerId, caseId, subject, occurredAt, newValues, requiredCaseStatus);
    }

    /**
     * The same occasion, valid only while its case is still in the given status.
     *
     * @param status the status the case must still be in when the occasion is handled
     * @return a copy requiring the status
     */
    public Occasion requiringCaseStatus(CaseStatus status) {
        return new Occasion(customerId, caseId, subject, occurredAt, values, Optional.of(status));
    }
}
