package dev.rapport.health;

import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What Rapport measured about one customer for their health score, over the policy's look-back window ending at
 * {@code asOf}. Scorers read it; it is computed from the customer's stored records on each evaluation.
 *
 * @param customerId the customer
 * @param asOf the moment of the evaluation (the end of the window)
 * @param windowStart the start of the look-back window
 * @param registeredAt when the customer was registered (stands in for the last purchase or contact if none)
 * @param ratings the CSAT ratings received in the window
 * @param lowRatings of those, the ratings below the policy's CSAT threshold
 * @param openComplaints the customer's complaints not closed, whenever received (compliments are not counted)
 * @param recentComplaints the complaints received in the window, open or closed
 * @param repeatContacts the cases opened in the window within the repeat window after an earlier case
 * @param slaBreaches the cases opened in the window with at least one breached SLA target
 * @param lastPurchase when the customer last bought, if ever
 * @param lastContact when the customer last wrote or called (an inbound public interaction, or a case), if ever
 */
public record HealthSignals(CustomerId customerId, Instant asOf, Instant windowStart, Instant registeredAt,
        int ratings, int lowRatings, int openComplaints, int recentComplaints, int repeatContacts, int slaBreaches,
        Optional<Instant> lastPurchase, Optional<Instant> lastContact) {

    /**
     * Checks every component is present and counts are not negative.
     *
     * @param customerId the customer the signals are about
     * @param asOf the moment of the evaluation (the end of the window)
     * @param windowStart the start of the look-back window
     * @param registeredAt when the customer was registered (stands in for the last purchase or contact if none)
     * @param ratings the CSAT ratings received in the window
     * @param lowRatings of those, the ratings below the policy's CSAT threshold
     * @param openComplaints the customer's complaints not closed, whenever received (compliments are not counted)
     * @param recentComplaints the complaints received in the window, open or closed
     * @param repeatContacts the cases opened in the window within the repeat window after an earlier case
     * @param slaBreaches the cases opened in the window with at least one breached SLA target
     * @param lastPurchase when the customer last bought, if ever
     * @param lastContact when the customer last wrote or called (an inbound public interaction, or a case), if ever
     */
    public HealthSignals {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(lastPurchase, "lastPurchase");
        Objects.requireNonNull(lastContact, "lastContact");
        if (ratings < 0 || lowRatings < 0 || lowRatings > ratings || openComplaints < 0 || recentComplaints < 0
                || repeatContacts < 0 || slaBreaches < 0) {
            throw new IllegalArgumentException("counts must not be negative, and low ratings not exceed ratings");
        }
    }
}
