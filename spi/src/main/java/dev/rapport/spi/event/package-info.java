/**
 * Domain events: the {@link dev.rapport.spi.event.DomainEvent} records Rapport raises when something happens to a
 * customer, case, interaction, follow-up, complaint or agent, the {@link dev.rapport.spi.event.EventPublisher} port
 * that hands them to the host, and the {@link dev.rapport.spi.event.EventOutbox} port that stores them with the
 * change that raised them.
 */
package dev.rapport.spi.event;
