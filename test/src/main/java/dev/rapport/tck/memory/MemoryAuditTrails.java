package dev.rapport.tck.memory;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.validation.ValueDomain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Audit trails in memory: each subject's entries in a list in the order appended, sorted stably by time when read,
 * so entries at equal times keep their append order.
 */
final class MemoryAuditTrails implements AuditTrails {

    private static final Comparator<TrailEntry> ORDER = Comparator.comparing(TrailEntry::at);

    private final MemoryState state;
    private final Map<AuditSubject, List<TrailEntry>> bySubject = new HashMap<>();
    private final Map<UUID, AuditSubject> subjectOf = new HashMap<>();

    MemoryAuditTrails(MemoryState state) {
        this.state = state;
    }

    @Override
    public TrailEntry append(TrailEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ValueDomain.check(entry);
        return state.inTransaction(() -> {
            if (subjectOf.containsKey(entry.id())) {
                throw new DuplicateEntityException("audit entry", "id", "an audit entry with id " + entry.id()
                        + " exists");
            }
            state.put(subjectOf, entry.id(), entry.subject());
            state.addToIndex(bySubject, entry.subject(), entry);
            return entry;
        });
    }

    @Override
    public Page<TrailEntry> find(AuditSubject subject, PageRequest page) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(page, "page");
        return state.locked(() -> MemoryState.page(bySubject.getOrDefault(subject, List.of()), e -> true, ORDER,
                page));
    }

    @Override
    public int redact(AuditSubject subject, List<TrailEntry> entries) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(entries, "entries");
        entries.forEach(e -> Objects.requireNonNull(e, "entry"));
        return state.inTransaction(() -> {
            for (TrailEntry given : entries) {
                if (!subject.equals(subjectOf.get(given.id()))) {
                    throw new IllegalArgumentException("audit entry " + given.id() + " is not in the trail of "
                            + subject);
                }
            }
            List<TrailEntry> trail = new ArrayList<>(bySubject.getOrDefault(subject, List.of()));
            int changed = 0;
            for (TrailEntry given : entries) {
                for (int i = 0; i < trail.size(); i++) {
                    TrailEntry stored = trail.get(i);
                    if (stored.id().equals(given.id())) {
                        TrailEntry next = stored.withValues(given.from(), given.to(), given.detail());
                        if (!next.equals(stored)) {
                            trail.set(i, next);
                            changed++;
                        }
                    }
                }
            }
            if (changed > 0) {
                state.put(bySubject, subject, List.copyOf(trail));
            }
            return changed;
        });
    }
}
