package dev.rapport.outbox;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A faithful in-memory {@link EventOutbox} for the relay's tests: the port's contract (heads per aggregate, leases
 * and retry times by its clock, claim versions, dead letters) under one lock. Thread-safe.
 */
public final class InMemoryEventOutbox implements EventOutbox {

    private final Clock clock;
    private final Map<UUID, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long claims;

    public InMemoryEventOutbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void append(List<? extends DomainEvent> events) {
        for (DomainEvent event : events) {
            if (entries.containsKey(event.eventId())) {
                continue;
            }
            long seq = sequences.merge(event.aggregateId(), 1L, Long::sum);
            Instant now = clock.instant();
            entries.put(event.eventId(), new Entry(event, seq, Status.PENDING, 0, Optional.empty(), Optional.empty(),
                    Optional.empty(), now, now, 0));
        }
    }

    @Override
    public synchronized List<Entry> claim(String owner, Duration lease, int limit) {
        Instant now = clock.instant();
        Set<String> seenAggregates = new HashSet<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : new ArrayList<>(entries.values())) {
            if (e.status() != Status.PENDING || !seenAggregates.add(e.aggregateId())) {
                continue; // only the oldest pending event of each aggregate
            }
            boolean ready = !e.availableAt().isAfter(now) && e.leaseUntil().map(u -> u.isBefore(now)).orElse(true);
            if (ready && out.size() < limit) {
                Entry claimed = new Entry(e.event(), e.sequence(), e.status(), e.attempts(), e.lastError(),
                        Optional.of(owner), Optional.of(now.plus(lease)), e.availableAt(), e.appendedAt(), ++claims);
                entries.put(e.eventId(), claimed);
                out.add(claimed);
            }
        }
        return out;
    }

    private boolean holds(Entry entry) {
        Entry current = entries.get(entry.eventId());
        return current != null && current.status() == Status.PENDING && current.claimVersion() == entry.claimVersion();
    }

    @Override
    public synchronized boolean markDelivered(Entry entry) {
        if (!holds(entry)) {
            return false;
        }
        entries.remove(entry.eventId());
        return true;
    }

    @Override
    public synchronized FailureOutcome recordFailure(Entry entry, String error, Duration retryAfter, int maxAttempts) {
        if (!holds(entry)) {
            return FailureOutcome.CLAIM_LOST;
        }
        int attempts = entry.attempts() + 1;
        boolean dead = attempts >= maxAttempts;
        entries.put(entry.eventId(), new Entry(entry.event(), entry.sequence(), dead ? Status.DEAD : Status.PENDING,
                attempts, Optional.of(error), Optional.empty(), Optional.empty(), clock.instant().plus(retryAfter),
                entry.appendedAt(), ++claims));
        return dead ? FailureOutcome.DEAD_LETTERED : FailureOutcome.RETRY_SCHEDULED;
    }

    @Override
    public synchronized boolean release(Entry entry) {
        if (!holds(entry)) {
            return false;
        }
        entries.put(entry.eventId(), new Entry(entry.event(), entry.sequence(), Status.PENDING, entry.attempts(),
                entry.lastError(), Optional.empty(), Optional.empty(), entry.availableAt(), entry.appendedAt(), ++claims));
        return true;
    }

    @Override
    public synchronized Page<Entry> deadLetters(PageRequest page) {
        return Page.slice(entries.values().stream().filter(e -> e.status() == Status.DEAD).toList(), page);
    }

    @Override
    public synchronized boolean redrive(UUID eventId) {
        Entry e = entries.get(eventId);
        if (e == null || e.status() != Status.DEAD) {
            return false;
        }
        entries.put(eventId, new Entry(e.event(), e.sequence(), Status.PENDING, 0, e.lastError(), Optional.empty(),
                Optional.empty(), clock.instant(), e.appendedAt(), ++claims));
        return true;
    }

    @Override
    public synchronized int redriveAll() {
        int n = 0;
        for (Entry e : new ArrayList<>(entries.values())) {
            if (redrive(e.eventId())) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized long pendingCount() {
        return entries.values().stream().filter(e -> e.status() == Status.PENDING).count();
    }

    @Override
    public synchronized long deadLetterCount() {
        return entries.values().stream().filter(e -> e.status() == Status.DEAD).count();
    }
}
