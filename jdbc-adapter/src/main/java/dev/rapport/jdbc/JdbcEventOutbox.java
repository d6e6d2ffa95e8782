package dev.rapport.jdbc;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventOutbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The transactional outbox over JDBC. Events are rows appended in the caller's transaction; each aggregate's events
 * are numbered through a counter row whose lock orders concurrent appenders by commit. A claim takes, per
 * aggregate, only the oldest pending event, and only when it is ready by the database's clock; on PostgreSQL with
 * {@code FOR UPDATE SKIP LOCKED}, on H2 optimistically through the claim version. Delivered events are deleted;
 * dead letters stay until re-driven. Thread-safe.
 */
final class JdbcEventOutbox implements EventOutbox {

    /** Errors are cut to this many characters. */
    static final int MAX_ERROR = 2_000;

    private static final String COLUMNS = "id, event_id, aggregate_id, aggregate_seq, event_type, payload, status,"
            + " attempts, available_at, lease_owner, lease_until, last_error, appended_at, claim_version";

    private final Db db;
    private final String table;
    private final String counters;
    private final String ready;

    JdbcEventOutbox(Db db, Names names) {
        this.db = db;
        this.table = names.of("outbox");
        this.counters = names.of("outbox_sequence");
        String now = db.dialect.now();
        this.ready = "o.status = 'PENDING' AND o.available_at <= " + now
                + " AND (o.lease_until IS NULL OR o.lease_until < " + now + ")"
                + " AND NOT EXISTS (SELECT 1 FROM " + table + " p WHERE p.aggregate_id = o.aggregate_id"
                + " AND p.status = 'PENDING' AND p.aggregate_seq < o.aggregate_seq)";
    }

    @Override
    public void append(List<? extends DomainEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        for (DomainEvent event : events) {
            Objects.requireNonNull(event, "event");
        }
        // Where the dialect can neither skip duplicates on insert nor tell the stored events with its locks (H2), the
        // append first counts on none being stored: it numbers and inserts at once, and only when the insert clashes
        // with a stored event (an append retried after its commit went through, rare) is that attempt rolled back
        // to its savepoint and the append done again, looking up the stored events first. Same outcome, one
        // statement fewer on the usual path.
        boolean optimistic = db.dialect.insertSkippingDuplicates("INSERT").isEmpty();
        try {
            db.write(c -> {
                appendAll(c, events, !optimistic);
                return null;
            }, optimistic ? c -> StoredEventClash.INSTANCE : null);
        } catch (StoredEventClash clash) {
            db.write(c -> {
                appendAll(c, events, true);
                return null;
            }, null);
        }
    }

    /**
     * Thrown out of an optimistic append whose insert violated a unique key, after its savepoint was rolled back: the
     * append is done again with a look-up of the stored events. Never leaves this class.
     */
    private static final class StoredEventClash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final StoredEventClash INSTANCE = new StoredEventClash();

        private StoredEventClash() {
            super("an appended event may be stored already", null, false, false);
        }
    }

    private void appendAll(Connection c, List<? extends DomainEvent> events, boolean lookUpStored)
            throws SQLException {
        // where the dialect numbers events from the outbox itself, one statement after the locks tells what is stored
        Optional<Dialect.OutboxState> state = db.dialect.lockAndReadOutbox(c, table,
                new TreeSet<>(events.stream().map(DomainEvent::aggregateId).toList()),
                events.stream().map(DomainEvent::eventId).distinct().toList());
        Set<UUID> already = state.isPresent() ? state.get().storedEventIds()
                : lookUpStored ? stored(c, events) : Set.of();
        // one event per id, in the given order; grouped by aggregate, aggregates in a fixed order so that two
        // transactions lock their counter rows in the same order
        Map<String, List<DomainEvent>> byAggregate = new TreeMap<>();
        List<DomainEvent> fresh = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(already);
        for (DomainEvent event : events) {
            if (seen.add(event.eventId())) {
                byAggregate.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event);
                fresh.add(event);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        SortedMap<String, Integer> counts = new TreeMap<>();
        byAggregate.forEach((aggregate, group) -> counts.put(aggregate, group.size()));
        Map<String, Long> last = new HashMap<>();
        if (state.isPresent()) {
            counts.forEach((aggregate, count) -> last.put(aggregate,
                    state.get().lastSequences().getOrDefault(aggregate, 0L) + count));
        } else {
            last.putAll(db.dialect.allocateAggregateSequences(c, counters, table, counts));
        }
        Map<String, Long> next = new HashMap<>();
        counts.forEach((aggregate, count) -> next.put(aggregate, last.get(aggregate) - count + 1));
        String insert = "INSERT INTO " + table + " (event_id, aggregate_id, aggregate_seq, event_type, payload,"
                + " status, attempts, available_at, appended_at, claim_version) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, "
                + db.dialect.now() + ", " + db.dialect.now() + ", 0)";
        try (Stmt st = new Stmt(c, db.dialect.insertSkippingDuplicates(insert).orElse(insert))) {
            // rows in the given order, so that claims hand them out oldest first
            for (DomainEvent event : fresh) {
                long seq = next.merge(event.aggregateId(), 1L, Long::sum) - 1;
                st.uuid(event.eventId()).text(event.aggregateId()).bigint(seq).text(event.type())
                        .text(EventCodec.encode(event));
                st.addBatch();
            }
            st.statement().executeBatch();
        }
    }

    private Set<UUID> stored(Connection c, List<? extends DomainEvent> events) throws SQLException {
        List<UUID> ids = events.stream().map(DomainEvent::eventId).distinct().toList();
        Set<UUID> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<UUID> part = ids.subList(from, Math.min(ids.size(), from + 500));
            try (Stmt st = new Stmt(c, "SELECT event_id FROM " + table + " WHERE event_id IN ("
                    + Stmt.marks(part.size()) + ")")) {
                found.addAll(st.uuids(part).list(r -> r.uuid("event_id")));
            }
        }
        return found;
    }

    @Override
    public List<Entry> claim(String owner, Duration lease, int limit) {
        if (owner == null || owner.isBlank()) {
            throw ValidationException.of("claim", "owner", "NotBlank", "must not be blank");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw ValidationException.of("claim", "lease", "Positive", "must be positive");
        }
        if (limit < 1) {
            throw ValidationException.of("claim", "limit", "Positive", "must be positive");
        }
        long micros = Leases.micros(lease);
        String update = "UPDATE " + table + " o SET lease_owner = ?, lease_until = " + db.dialect.nowPlusMicros()
                + ", claim_version = claim_version + 1";
        Optional<String> skipLocked = db.dialect.forUpdateSkipLocked();
        return db.write(c -> {
            List<Long> claimed = new ArrayList<>();
            if (skipLocked.isPresent()) {
                try (Stmt st = new Stmt(c, "SELECT o.id FROM " + table + " o WHERE " + ready
                        + " ORDER BY o.id LIMIT ?" + skipLocked.get())) {
                    claimed.addAll(st.integer(limit).list(r -> r.bigint("id")));
                }
                if (!claimed.isEmpty()) {
                    try (Stmt st = new Stmt(c, update + " WHERE o.id IN (" + Stmt.marks(claimed.size()) + ")")) {
                        st.text(owner).bigint(micros);
                        for (Long id : claimed) {
                            st.bigint(id);
                        }
                        st.update();
                    }
                }
            } else {
                record Candidate(long id, long version) { }
                List<Candidate> candidates;
                try (Stmt st = new Stmt(c, "SELECT o.id, o.claim_version FROM " + table + " o WHERE " + ready
                        + " ORDER BY o.id LIMIT ?")) {
                    candidates = st.integer(limit * 2).list(r -> new Candidate(r.bigint("id"), r.bigint("claim_version")));
                }
                try (Stmt st = new Stmt(c, update + " WHERE o.id = ? AND o.claim_version = ? AND " + ready)) {
                    for (Candidate candidate : candidates) {
                        if (claimed.size() >= limit) {
                            break;
                        }
                        st.reset().text(owner).bigint(micros).bigint(candidate.id()).bigint(candidate.version());
                        if (Leases.tryUpdate(st)) {
                            claimed.add(candidate.id());
                        }
                    }
                }
            }
            if (claimed.isEmpty()) {
                return List.of();
            }
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
                    + Stmt.marks(claimed.size()) + ") ORDER BY id")) {
                for (Long id : claimed) {
                    st.bigint(id);
                }
                return List.copyOf(st.list(JdbcEventOutbox::row));
            }
        }, null);
    }

    private static Entry row(Stmt.Row r) throws SQLException {
        return new Entry(EventCodec.decode(r.text("payload")), r.bigint("aggregate_seq"),
                Status.valueOf(r.text("status")), r.integer("attempts"), r.optText("last_error"),
                r.optText("lease_owner"), r.optInstant("lease_until"), r.instant("available_at"),
                r.instant("appended_at"), r.bigint("claim_version"));
    }

    @Override
    public boolean markDelivered(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "DELETE FROM " + table
                    + " WHERE event_id = ? AND claim_version = ? AND status = 'PENDING'")) {
                return st.uuid(entry.eventId()).bigint(entry.claimVersion()).update() == 1;
            }
        }, null);
    }

    @Override
    public FailureOutcome recordFailure(Entry entry, String error, Duration retryAfter, int maxAttempts) {
        Objects.requireNonNull(entry, "entry");
        if (retryAfter == null || retryAfter.isNegative()) {
            throw ValidationException.of("recordFailure", "retryAfter", "PositiveOrZero", "must not be negative");
        }
        if (maxAttempts < 1) {
            throw ValidationException.of("recordFailure", "maxAttempts", "Positive", "must be positive");
        }
        String text = error == null ? "" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        boolean dead = entry.attempts() + 1 >= maxAttempts;
        int n = db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET attempts = attempts + 1, last_error = ?,"
                    + " lease_owner = NULL, lease_until = NULL, claim_version = claim_version + 1, status = ?, available_at = "
                    + db.dialect.nowPlusMicros() + " WHERE event_id = ? AND claim_version = ? AND status = 'PENDING'")) {
                return st.text(text).text(dead ? Status.DEAD.name() : Status.PENDING.name())
                        .bigint(Leases.micros(retryAfter)).uuid(entry.eventId()).bigint(entry.claimVersion()).update();
            }
        }, null);
        if (n == 0) {
            return FailureOutcome.CLAIM_LOST;
        }
        return dead ? FailureOutcome.DEAD_LETTERED : FailureOutcome.RETRY_SCHEDULED;
    }

    @Override
    public boolean release(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL,"
                    + " claim_version = claim_version + 1 WHERE event_id = ? AND claim_version = ? AND status = 'PENDING'")) {
                return st.uuid(entry.eventId()).bigint(entry.claimVersion()).update() == 1;
            }
        }, null);
    }

    @Override
    public Page<Entry> deadLetters(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE status = 'DEAD' ORDER BY id", page,
                st -> { },
                (c, st) -> st.list(JdbcEventOutbox::row));
    }

    @Override
    public boolean redrive(UUID eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET status = 'PENDING', attempts = 0, available_at = "
                    + db.dialect.now() + " WHERE event_id = ? AND status = 'DEAD'")) {
                return st.uuid(eventId).update() == 1;
            }
        }, null);
    }

    @Override
    public int redriveAll() {
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET status = 'PENDING', attempts = 0, available_at = "
                    + db.dialect.now() + " WHERE status = 'DEAD'")) {
                return st.update();
            }
        }, null);
    }

    @Override
    public long pendingCount() {
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT COUNT(*) AS n FROM " + table + " WHERE status = 'PENDING'")) {
                return st.first(r -> r.bigint("n")).orElse(0L);
            }
        });
    }

    @Override
    public long deadLetterCount() {
        // served by outbox_status_idx (status, id)
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT COUNT(*) AS n FROM " + table + " WHERE status = 'DEAD'")) {
                return st.first(r -> r.bigint("n")).orElse(0L);
            }
        });
    }
}
