package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Follow-ups over JDBC. Due times and leases are compared with the database's clock. Claims lock their rows with
 * {@code FOR UPDATE SKIP LOCKED} where the dialect can, so concurrent dispatchers take disjoint batches without
 * waiting; elsewhere they are optimistic: each candidate is taken only if its version is unchanged. Thread-safe.
 */
final class JdbcFollowUps implements FollowUpRepository {

    private static final String COLUMNS = "id, customer_id, case_id, kind, channel, due_at, expires_at, status,"
            + " attempts, idempotency_key, lease_owner, lease_until, last_error, cancel_reason, item_values,"
            + " created_at, updated_at, rule_id, occasion_date, version";

    private final Db db;
    private final String table;
    private final String due;
    private final String updateSql;

    JdbcFollowUps(Db db, Names names) {
        this.db = db;
        this.table = names.of("follow_up");
        this.updateSql = "UPDATE " + table + " SET customer_id = ?, case_id = ?, kind = ?, channel = ?, due_at = ?,"
                + " expires_at = ?, status = ?, attempts = ?, idempotency_key = ?, lease_owner = ?, lease_until = ?,"
                + " last_error = ?, cancel_reason = ?, item_values = ?, created_at = ?, updated_at = ?,"
                + " rule_id = ?, occasion_date = ?, version = ?"
                + " WHERE id = ? AND version = ?";
        String now = db.dialect.now();
        this.due = "((status = 'SCHEDULED' AND due_at <= " + now + ") OR (status = 'CLAIMED' AND (lease_until IS NULL"
                + " OR lease_until < " + now + ")))";
    }

    @Override
    public FollowUp insert(FollowUp followUp) {
        ValueDomain.check(followUp);
        Objects.requireNonNull(followUp, "followUp");
        FollowUp stored = followUp.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(20) + ")")) {
                st.uuid(stored.id().value());
                bindValues(st, stored);
                st.bigint(stored.version()).update();
            }
            return stored;
        }, c -> explainClash(c, stored, true));
    }

    @Override
    public FollowUp update(FollowUp followUp) {
        ValueDomain.check(followUp);
        Objects.requireNonNull(followUp, "followUp");
        FollowUp stored = followUp.withVersion(followUp.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, updateSql)) {
                bindValues(st, stored);
                n = st.bigint(stored.version()).uuid(stored.id().value()).bigint(followUp.version()).update();
            }
            if (n == 0) {
                if (find(c, followUp.id().value()).isPresent()) {
                    throw new StaleVersionException("follow-up", followUp.id(), followUp.version());
                }
                throw new FollowUpNotFoundException(followUp.id());
            }
            return stored;
        }, c -> explainClash(c, stored, false));
    }

    /**
     * One JDBC batch of version-checked updates under one savepoint: the driver sends it in one round trip, and the
     * update count of each statement tells which follow-ups were stale or gone, without an exception.
     */
    @Override
    public List<Optional<FollowUp>> updateEach(List<FollowUp> followUps) {
        followUps.forEach(ValueDomain::check);
        Objects.requireNonNull(followUps, "followUps");
        Set<FollowUpId> ids = new HashSet<>();
        List<FollowUp> next = new ArrayList<>(followUps.size());
        for (FollowUp followUp : followUps) {
            Objects.requireNonNull(followUp, "followUp");
            if (!ids.add(followUp.id())) {
                throw ValidationException.of("updateEach", "followUps", "Unique", "must not hold follow-up "
                        + followUp.id() + " twice");
            }
            next.add(followUp.withVersion(followUp.version() + 1));
        }
        if (followUps.isEmpty()) {
            return List.of();
        }
        if (db.dialect.updatesFromArrays()) {
            return db.write(c -> updateFromArrays(c, followUps, next), c -> explainClashes(c, next));
        }
        return db.write(c -> {
            int[] counts;
            try (Stmt st = new Stmt(c, updateSql)) {
                for (int i = 0; i < followUps.size(); i++) {
                    FollowUp stored = next.get(i);
                    bindValues(st, stored);
                    st.bigint(stored.version()).uuid(stored.id().value()).bigint(followUps.get(i).version());
                    st.addBatch();
                }
                counts = st.statement().executeBatch();
            }
            List<Optional<FollowUp>> results = new ArrayList<>(counts.length);
            for (int i = 0; i < counts.length; i++) {
                boolean written = counts[i] == Statement.SUCCESS_NO_INFO
                        ? isStored(c, next.get(i)) : counts[i] > 0;
                results.add(written ? Optional.of(next.get(i)) : Optional.empty());
            }
            return List.copyOf(results);
        }, c -> explainClashes(c, next));
    }

    private RuntimeException explainClashes(Connection c, List<FollowUp> next) throws SQLException {
        for (FollowUp stored : next) {
            RuntimeException clash = explainClash(c, stored, false);
            if (clash != null) {
                return clash;
            }
        }
        return null;
    }

    /**
     * Every follow-up of the call in one statement: a parameter array per column, unnested into rows, joined to the
     * stored rows on id and version; the statement returns the ids it changed. Times travel as ISO-8601 text, which
     * keeps their microseconds.
     */
    private List<Optional<FollowUp>> updateFromArrays(Connection c, List<FollowUp> given, List<FollowUp> next)
            throws SQLException {
        int n = next.size();
        Object[][] columns = new Object[21][n];
        for (int i = 0; i < n; i++) {
            FollowUp f = next.get(i);
            Object[] row = {f.id().value(), f.customerId().value(), f.caseId().map(CaseId::value).orElse(null),
                f.kind().code(), f.channel().code(), text(f.dueAt()), f.expiresAt().map(JdbcFollowUps::text).orElse(null),
                f.status().name(), f.attempts(), f.idempotencyKey(), f.leaseOwner().orElse(null),
                f.leaseUntil().map(JdbcFollowUps::text).orElse(null), f.lastError().orElse(null),
                f.cancelReason().orElse(null), Encodings.stringMap(f.values()), text(f.createdAt()),
                text(f.updatedAt()), f.ruleId().orElse(null), f.occasionDate().map(LocalDate::toString).orElse(null),
                f.version(), given.get(i).version()};
            for (int column = 0; column < row.length; column++) {
                columns[column][i] = row[column];
            }
        }
        String[] types = {"uuid", "uuid", "uuid", "text", "text", "text", "text", "text", "int4", "text", "text",
            "text", "text", "text", "text", "text", "text", "text", "text", "int8", "int8"};
        List<java.sql.Array> arrays = new ArrayList<>();
        try (Stmt st = new Stmt(c, "UPDATE " + table + " AS f SET customer_id = v.customer_id, case_id = v.case_id,"
                + " kind = v.kind, channel = v.channel, due_at = v.due_at::timestamptz,"
                + " expires_at = v.expires_at::timestamptz, status = v.status, attempts = v.attempts,"
                + " idempotency_key = v.idempotency_key, lease_owner = v.lease_owner,"
                + " lease_until = v.lease_until::timestamptz, last_error = v.last_error,"
                + " cancel_reason = v.cancel_reason, item_values = v.item_values,"
                + " created_at = v.created_at::timestamptz, updated_at = v.updated_at::timestamptz,"
                + " rule_id = v.rule_id, occasion_date = v.occasion_date::date,"
                + " version = v.version FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[]) AS v(id, customer_id, case_id,"
                + " kind, channel, due_at, expires_at, status, attempts, idempotency_key, lease_owner, lease_until,"
                + " last_error, cancel_reason, item_values, created_at, updated_at, rule_id, occasion_date, version,"
                + " old_version)"
                + " WHERE f.id = v.id AND f.version = v.old_version RETURNING f.id")) {
            for (int column = 0; column < columns.length; column++) {
                java.sql.Array array = c.createArrayOf(types[column], columns[column]);
                arrays.add(array);
                st.statement().setArray(column + 1, array);
            }
            Set<UUID> changed = new HashSet<>(st.list(r -> r.uuid("id")));
            List<Optional<FollowUp>> results = new ArrayList<>(n);
            for (FollowUp f : next) {
                results.add(changed.contains(f.id().value()) ? Optional.of(f) : Optional.empty());
            }
            return List.copyOf(results);
        } finally {
            for (java.sql.Array array : arrays) {
                array.free();
            }
        }
    }

    /**
     * A time as PostgreSQL reads a {@code timestamptz} literal, to the microsecond, in UTC, with {@code BC} for years
     * before 1 and as many digits as the year needs.
     */
    static String text(Instant instant) {
        OffsetDateTime t = Stmt.toTimestamp(instant);
        int year = t.getYear();
        boolean beforeChrist = year <= 0;
        StringBuilder out = new StringBuilder(36);
        String digits = Integer.toString(beforeChrist ? 1 - year : year);
        out.append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append(' ');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, t.getNano() / 1_000, 6).append("+00");
        return beforeChrist ? out.append(" BC").toString() : out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        return out.append("0".repeat(width - digits.length())).append(digits);
    }

    /** For drivers that do not report batch update counts: whether the row now has the new version. */
    private boolean isStored(Connection c, FollowUp stored) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ? AND version = ?")) {
            return st.uuid(stored.id().value()).bigint(stored.version()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private static void bindValues(Stmt st, FollowUp f) throws SQLException {
        st.uuid(f.customerId().value())
                .uuid(f.caseId().map(CaseId::value).orElse(null))
                .text(f.kind().code())
                .text(f.channel().code())
                .instant(f.dueAt())
                .instant(f.expiresAt())
                .text(f.status().name())
                .integer(f.attempts())
                .text(f.idempotencyKey())
                .text(f.leaseOwner())
                .instant(f.leaseUntil())
                .text(f.lastError())
                .text(f.cancelReason())
                .text(Encodings.stringMap(f.values()))
                .instant(f.createdAt())
                .instant(f.updatedAt())
                .text(f.ruleId())
                .date(f.occasionDate().orElse(null));
    }

    private RuntimeException explainClash(Connection c, FollowUp f, boolean insert) throws SQLException {
        if (insert && find(c, f.id().value()).isPresent()) {
            return DuplicateEntityException.ofId("follow-up", f.id());
        }
        Optional<FollowUp> holder = findByKey(c, f.idempotencyKey());
        if (holder.isPresent() && !holder.get().id().equals(f.id())) {
            return new DuplicateIdempotencyKeyException(f.idempotencyKey(), holder.get().id());
        }
        return null;
    }

    private static FollowUp row(Stmt.Row r) throws SQLException {
        return FollowUp.builder()
                .id(new FollowUpId(r.uuid("id")))
                .customerId(new CustomerId(r.uuid("customer_id")))
                .caseId(r.optUuid("case_id").map(CaseId::new).orElse(null))
                .kind(new FollowUpKind(r.text("kind")))
                .channel(new Channel(r.text("channel")))
                .dueAt(r.instant("due_at"))
                .expiresAt(r.optInstant("expires_at").orElse(null))
                .status(FollowUpStatus.valueOf(r.text("status")))
                .attempts(r.integer("attempts"))
                .idempotencyKey(r.text("idempotency_key"))
                .leaseOwner(r.optText("lease_owner").orElse(null))
                .leaseUntil(r.optInstant("lease_until").orElse(null))
                .lastError(r.optText("last_error").orElse(null))
                .cancelReason(r.optText("cancel_reason").orElse(null))
                .values(Encodings.readStringMap(r.text("item_values")))
                .createdAt(r.instant("created_at"))
                .updatedAt(r.instant("updated_at"))
                .ruleId(r.optText("rule_id").orElse(null))
                .occasionDate(r.optDate("occasion_date").orElse(null))
                .version(r.bigint("version"))
                .build();
    }

    private Optional<FollowUp> find(Connection c, UUID id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
            return st.uuid(id).first(JdbcFollowUps::row);
        }
    }

    private Optional<FollowUp> findByKey(Connection c, String key) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE idempotency_key = ?")) {
            return st.text(key).first(JdbcFollowUps::row);
        }
    }

    @Override
    public Optional<FollowUp> findById(FollowUpId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> find(c, id.value()));
    }

    @Override
    public Optional<FollowUp> findByIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey == null || !Lookups.matchable(idempotencyKey)) {
            return Optional.empty();
        }
        return db.read(c -> findByKey(c, idempotencyKey));
    }

    @Override
    public Page<FollowUp> findByCustomer(CustomerId customerId, PageRequest page) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE customer_id = ? ORDER BY due_at, id", page,
                st -> st.uuid(customerId.value()),
                (c, st) -> st.list(JdbcFollowUps::row));
    }

    @Override
    public Page<FollowUp> findByStatus(Set<FollowUpStatus> statuses, PageRequest page) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(page, "page");
        if (statuses.isEmpty()) {
            return Page.empty(page);
        }
        List<String> names = statuses.stream().map(Enum::name).sorted().toList();
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE status IN ("
                    + Stmt.marks(names.size()) + ") ORDER BY due_at, id", page,
                st -> st.texts(names),
                (c, st) -> st.list(JdbcFollowUps::row));
    }

    @Override
    public List<FollowUp> listByStatusAfter(Set<FollowUpStatus> statuses, Optional<FollowUpId> after, int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        // served by follow_up_status_id_idx (status, id), from V15, one run per status
        return new KeyWalkSql(COLUMNS, table, "status").page(db, statuses, after.map(FollowUpId::value), limit,
                (c, st) -> st.list(JdbcFollowUps::row));
    }

    /** Served by follow_up_status_idx {@code (status, due_at, id)}, from V1, in one or two runs ({@link DueWalkSql}). */
    @Override
    public List<FollowUp> listDueBetween(FollowUpStatus status, FollowUpKind kind, dev.rapport.spi.TimeRange due,
            Optional<FollowUp> after, int limit) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        TimeBounds bounds = new TimeBounds(db.dialect);
        Instant to = bounds.clamp(due.to());
        Optional<FollowUp> position = after.filter(f -> !f.dueAt().isBefore(due.from()));
        if (position.isPresent() && !position.get().dueAt().isBefore(due.to()) || !due.from().isBefore(due.to())) {
            return List.of();
        }
        String sql = DueWalkSql.sql(COLUMNS, table, position.isPresent());
        return db.read(c -> {
            try (Stmt st = new Stmt(c, sql)) {
                st.text(status.name()).text(kind.code());
                if (position.isEmpty()) {
                    st.instant(bounds.clamp(due.from())).instant(to).integer(limit);
                } else {
                    Instant at = bounds.clamp(position.get().dueAt());
                    st.instant(at).uuid(position.get().id().value()).integer(limit)
                            .text(status.name()).text(kind.code()).instant(at).instant(to).integer(limit)
                            .integer(limit);
                }
                return List.copyOf(st.list(JdbcFollowUps::row));
            }
        });
    }

    @Override
    public List<FollowUp> claimDue(String owner, Duration lease, int limit) {
        if (owner == null || owner.isBlank()) {
            throw ValidationException.of("claimDue", "owner", "NotBlank", "must not be blank");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw ValidationException.of("claimDue", "lease", "Positive", "must be positive");
        }
        if (limit < 1) {
            throw ValidationException.of("claimDue", "limit", "Positive", "must be positive");
        }
        long leaseMicros = Leases.micros(lease);
        Optional<String> skipLocked = db.dialect.forUpdateSkipLocked();
        if (skipLocked.isPresent() && db.dialect.claimsInOneStatement()) {
            return db.write(c -> claimReturning(c, owner, leaseMicros, limit, skipLocked.get()), null);
        }
        return db.write(c -> {
            List<UUID> claimed = skipLocked.isPresent()
                    ? claimLocking(c, owner, leaseMicros, limit, skipLocked.get())
                    : claimOptimistic(c, owner, leaseMicros, limit);
            if (claimed.isEmpty()) {
                return List.of();
            }
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
                    + Stmt.marks(claimed.size()) + ") ORDER BY due_at, id")) {
                return List.copyOf(st.uuids(claimed).list(JdbcFollowUps::row));
            }
        }, null);
    }

    /** Oldest due first, then by id in the database's order of UUIDs (unsigned, byte by byte). */
    private static final Comparator<FollowUp> CLAIM_ORDER = Comparator.comparing(FollowUp::dueAt)
            .thenComparing(f -> f.id().value().getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(f -> f.id().value().getLeastSignificantBits(), Long::compareUnsigned);

    /**
     * The claim as one statement: the sub-selects pick and lock the due rows, skipping those other claimers hold;
     * the array keeps it from being evaluated more than once; the update returns the claimed rows, sorted here.
     * The two kinds of due rows, scheduled ones that fell due and claimed ones whose lease ran out, are picked by
     * two sub-selects, each walking its own index in order and stopping at the limit (scheduled: the status index,
     * {@code (status, due_at, id)}; expired leases: the partial lease index), and the oldest of both are claimed.
     * One condition with {@code OR} made PostgreSQL read and sort every due row on each claim, so a claim's cost
     * grew with the backlog (docs/benchmarks.md: 19 ms at 10,000 due, 1.8 s at 1,000,000); this way it does not.
     * Up to twice the limit may be locked while the statement runs; the rows not claimed are unlocked at commit.
     */
    private List<FollowUp> claimReturning(Connection c, String owner, long leaseMicros, int limit, String skipLocked)
            throws SQLException {
        String now = db.dialect.now();
        try (Stmt st = new Stmt(c, "WITH s AS (SELECT id, due_at FROM " + table + " WHERE status = 'SCHEDULED'"
                + " AND due_at <= " + now + " ORDER BY due_at, id LIMIT ?" + skipLocked + "), e AS (SELECT id, due_at"
                + " FROM " + table + " WHERE status = 'CLAIMED' AND (lease_until IS NULL OR lease_until < " + now
                + ") ORDER BY due_at, id LIMIT ?" + skipLocked + ") " + claimUpdate() + " WHERE id = ANY(ARRAY("
                + "SELECT id FROM (SELECT id, due_at FROM s UNION ALL SELECT id, due_at FROM e) d"
                + " ORDER BY due_at, id LIMIT ?)) RETURNING " + COLUMNS)) {
            List<FollowUp> claimed = new ArrayList<>(st.integer(limit).integer(limit).text(owner).bigint(leaseMicros)
                    .integer(limit).list(JdbcFollowUps::row));
            claimed.sort(CLAIM_ORDER);
            return List.copyOf(claimed);
        }
    }

    private String claimUpdate() {
        return "UPDATE " + table + " SET status = 'CLAIMED', lease_owner = ?, lease_until = " + db.dialect.nowPlusMicros()
                + ", updated_at = " + db.dialect.now() + ", version = version + 1";
    }

    private List<UUID> claimLocking(Connection c, String owner, long leaseMicros, int limit, String skipLocked)
            throws SQLException {
        List<UUID> ids;
        try (Stmt st = new Stmt(c, "SELECT id FROM " + table + " WHERE " + due + " ORDER BY due_at, id LIMIT ?"
                + skipLocked)) {
            ids = st.integer(limit).list(r -> r.uuid("id"));
        }
        if (!ids.isEmpty()) {
            try (Stmt st = new Stmt(c, claimUpdate() + " WHERE id IN (" + Stmt.marks(ids.size()) + ")")) {
                st.text(owner).bigint(leaseMicros).uuids(ids).update();
            }
        }
        return ids;
    }

    private List<UUID> claimOptimistic(Connection c, String owner, long leaseMicros, int limit) throws SQLException {
        List<UUID> claimed = new ArrayList<>();
        record Candidate(UUID id, long version) { }
        List<Candidate> candidates;
        try (Stmt st = new Stmt(c, "SELECT id, version FROM " + table + " WHERE " + due
                + " ORDER BY due_at, id LIMIT ?")) {
            candidates = st.integer(limit * 2).list(r -> new Candidate(r.uuid("id"), r.bigint("version")));
        }
        try (Stmt st = new Stmt(c, claimUpdate() + " WHERE id = ? AND version = ? AND " + due)) {
            for (Candidate candidate : candidates) {
                if (claimed.size() >= limit) {
                    break;
                }
                st.reset().text(owner).bigint(leaseMicros).uuid(candidate.id()).bigint(candidate.version());
                if (Leases.tryUpdate(st)) {
                    claimed.add(candidate.id());
                }
            }
        }
        return claimed;
    }
}
