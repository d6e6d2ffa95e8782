/**
 * Interactions: every contact with a customer on any channel, recorded once even when a webhook is retried, with
 * its effects on the case it belongs to. Start at {@link dev.rapport.interaction.InteractionService}.
 */
package dev.rapport.interaction;
