/**
 * Rapport's entry point: {@link dev.rapport.Rapport#builder()} configures storage, messenger, event publisher,
 * clock and validator, and the built {@link dev.rapport.Rapport} hands out the services.
 *
 * <p>Conventions shared by every service: commands are records that validate themselves; a rejected command
 * throws {@link dev.rapport.spi.ValidationException} naming every bad field, and nothing is stored. A reference in a
 * command that does not resolve (a customer, case, interaction or agent id) is reported the same way, on that field.
 * The target of an operation that does not exist (the customer being updated, the case being moved) is a typed
 * {@link dev.rapport.spi.NotFoundException}. Each operation runs in one storage transaction; its domain events are
 * published after commit and never after a rollback.
 */
package dev.rapport;
