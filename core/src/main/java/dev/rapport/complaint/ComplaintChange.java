package dev.rapport.complaint;

import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.event.DomainEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A complaint being changed: the next value, the audit entries and the events the change adds, and what to do once
 * the complaint is stored. Built afresh for every attempt; not thread-safe, and never shared.
 */
final class ComplaintChange {

    final Complaint current;
    final Complaint.Builder next;
    final List<AuditEntry> audit = new ArrayList<>();
    final List<DomainEvent> events = new ArrayList<>();
    BiConsumer<Complaint, List<DomainEvent>> afterUpdate = (c, e) -> { };

    ComplaintChange(Complaint current) {
        this.current = current;
        this.next = current.toBuilder();
    }
}
