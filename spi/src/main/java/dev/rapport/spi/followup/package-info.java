/**
 * Follow-ups: the {@link dev.rapport.spi.followup.FollowUp} aggregate, a message to a customer scheduled for later
 * (a survey, a thank-you, a call-back) and claimed by a dispatcher when due, with its statuses, kinds and repository
 * port.
 */
package dev.rapport.spi.followup;
