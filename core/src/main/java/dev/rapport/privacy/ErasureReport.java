package dev.rapport.privacy;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUpId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one erasure changed, in counts of records; ids only, no personal data, so it is safe to log and to keep as
 * evidence that the request was carried out.
 *
 * @param customerId the customer erased
 * @param reason the reason kept on the customer: the one given, or the first one if the customer was already erased
 * @param erasedAt when this erasure ran, by the service's clock, to the microsecond
 * @param customerAnonymised whether the customer record itself was changed now (false if it was already erased)
 * @param interactionsRedacted interactions whose summary was replaced or minimised
 * @param casesRedacted cases whose subject was replaced or minimised
 * @param feedbackRedacted feedback responses whose comment was replaced or minimised
 * @param complaintsRedacted complaints and compliments whose text or audit trail details were replaced or minimised
 * @param followUpsRedacted follow-ups whose personalisation values or idempotency key were cleared, cancelled ones
 *        included
 * @param followUpsCancelled the pending follow-ups cancelled, in the order they were due
 * @param recordsHeld records kept with their text minimised because the legal hold holds them
 */
public record ErasureReport(
        CustomerId customerId,
        String reason,
        Instant erasedAt,
        boolean customerAnonymised,
        int interactionsRedacted,
        int casesRedacted,
        int feedbackRedacted,
        int complaintsRedacted,
        int followUpsRedacted,
        List<FollowUpId> followUpsCancelled,
        int recordsHeld) {

    /**
     * Checks the parts are present and copies the list.
     *
     * @param customerId the customer erased
     * @param reason the reason kept on the customer: the one given, or the first one if the customer was already erased
     * @param erasedAt when this erasure ran, by the service's clock, to the microsecond
     * @param customerAnonymised whether the customer record itself was changed now (false if it was already erased)
     * @param interactionsRedacted interactions whose summary was replaced or minimised
     * @param casesRedacted cases whose subject was replaced or minimised
     * @param feedbackRedacted feedback responses whose comment was replaced or minimised
     * @param complaintsRedacted complaints and compliments whose text or audit trail details were replaced or minimised
     * @param followUpsRedacted follow-ups whose personalisation values or idempotency key were cleared, cancelled ones
     *        included
     * @param followUpsCancelled the pending follow-ups cancelled, in the order they were due
     * @param recordsHeld records kept with their text minimised because the legal hold holds them
     */
    public ErasureReport {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(erasedAt, "erasedAt");
        followUpsCancelled = List.copyOf(followUpsCancelled);
    }

    /**
     * Whether this erasure changed anything; false when the customer had been erased before and nothing was new.
     *
     * @return {@code true} if the customer record was anonymised now or any record was redacted or cancelled
     */
    public boolean changedAnything() {
        return customerAnonymised || interactionsRedacted > 0 || casesRedacted > 0 || feedbackRedacted > 0
                || complaintsRedacted > 0 || followUpsRedacted > 0 || !followUpsCancelled.isEmpty();
    }
}
