/**
 * Follow-ups that happen when they should, and once: rules that schedule thank-yous, surveys, call-backs,
 * reminders and greetings from domain events, dates or the host; allowed send times in the customer's own time
 * zone; cancellation when a follow-up no longer makes sense; and a dispatcher that claims due follow-ups under
 * leases and hands each to the {@link dev.rapport.spi.messaging.CustomerMessenger} once in effect.
 *
 * <p>Main types: {@link dev.rapport.followup.FollowUpScheduler} (schedule and cancel),
 * {@link dev.rapport.followup.FollowUpDispatcher} (send), {@link dev.rapport.followup.FollowUpRule} and
 * {@link dev.rapport.followup.Trigger} (what to schedule when), {@link dev.rapport.followup.SendWindow} (when
 * sending is allowed), {@link dev.rapport.followup.MessageTemplate} (a small renderer hosts may use),
 * {@link dev.rapport.followup.Templates} (templates by key and locale, with fallback) and
 * {@link dev.rapport.followup.Acknowledgements} (a new case answered with a promised time).
 */
package dev.rapport.followup;
