/**
 * Interactions: every contact between a customer and the business (messages, calls, notes, purchases) as the
 * immutable {@link dev.rapport.spi.interaction.Interaction} record, with its handle and wait times, and its
 * repository port.
 */
package dev.rapport.spi.interaction;
