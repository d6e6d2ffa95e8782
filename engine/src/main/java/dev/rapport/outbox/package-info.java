/**
 * The outbox relay: publishes the domain events a storage adapter keeps in its transactional outbox, at least
 * once and in order per aggregate. Construct an {@link dev.rapport.outbox.OutboxRelay} over
 * {@code storage.outbox()} and the host's publisher.
 */
package dev.rapport.outbox;
