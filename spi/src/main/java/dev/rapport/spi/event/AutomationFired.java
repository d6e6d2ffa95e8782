package dev.rapport.spi.event;

import dev.rapport.spi.cases.CaseId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An automation rule acted on a case, once for an occasion. Raised by every firing, in the same transaction as the
 * firing's record and its actions; a rule whose action is to raise an event names a signal the host can react to.
 *
 * @param eventId the event's unique id
 * @param occurredAt when the rule fired
 * @param caseId the case it acted on
 * @param ruleName the rule's name
 * @param occasion the occasion it fired for (the case's last lifecycle move, or its creation)
 * @param outcome what it did, in words
 * @param signal the name the rule's raise-event action gave, if it has one
 */
public record AutomationFired(UUID eventId, Instant occurredAt, CaseId caseId, String ruleName, Instant occasion,
        String outcome, Optional<String> signal) implements DomainEvent {

    @Override
    public String aggregateId() {
        return caseId.toString();
    }

    @Override
    public String type() {
        return "automation.fired";
    }
}
