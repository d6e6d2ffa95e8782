package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.interaction.Visibility;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Interactions over JDBC, append-only, with idempotent bulk ingest. Thread-safe. */
final class JdbcInteractions implements InteractionRepository {

    /**
     * Rows per multi-row ingest statement where the dialect returns the keys of the rows stored: measured on
     * PostgreSQL 14, statements of 16 rows (320 parameters), batched, stored a 500-row batch faster than larger
     * statements of 64 or 500 rows, and about as fast as a plain batched insert.
     */
    static final int ROWS_PER_STATEMENT = 16;
    /** Bytes reserved per row of COPY text before it grows: a typical row takes 250 to 350. */
    private static final int COPY_BYTES_PER_ROW = 384;
    private static final String[] ID_KEY = {"id"};
    /** SQL states after which an ingest batch is tried again: see {@link #ingestWithRetry}. */
    private static final Set<String> RETRIED_STATES = Set.of("23505", "40P01", "0A000");

    /** How many columns {@link #COLUMNS} names. */
    static final int COLUMN_COUNT = 22;

    static final String COLUMNS = "id, customer_id, channel, direction, occurred_at, agent_id, case_id, kind,"
            + " handled_by, visibility, talk_nanos, hold_nanos, after_contact_work_nanos, summary, external_id,"
            + " order_ref, amount, currency, reason, recorded_at, wait_nanos, abandoned";

    private final Db db;
    private final String table;
    private final String insertSql;
    private final String copySql;
    private final String storedKeysSql;
    private final TimeBounds bounds;
    /** Multi-row ingest statements by row count: {@link #ROWS_PER_STATEMENT} and the smaller remainders. */
    private final Map<Integer, String> multiRowInserts = new ConcurrentHashMap<>();

    JdbcInteractions(Db db, Names names) {
        this.db = db;
        this.table = names.of("interaction");
        this.insertSql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(COLUMN_COUNT) + ")";
        this.copySql = "COPY " + table + " (" + COLUMNS + ") FROM STDIN";
        // each half probes its own unique index once per key, the keys sorted so that consecutive probes walk the
        // index in its order; LIMIT 1 (each key matches at most one row) keeps the lateral subquery a nested loop of
        // index probes, never a hash join over the whole table; a row stored under both keys is returned twice,
        // which does no harm
        this.storedKeysSql = "SELECT x.id, x.external_id FROM (SELECT unnest(?::uuid[]) AS k ORDER BY 1) keys,"
                + " LATERAL (SELECT id, external_id FROM " + table + " WHERE id = keys.k LIMIT 1) x"
                + " UNION ALL SELECT x.id, x.external_id FROM (SELECT unnest(?::text[]) AS k ORDER BY 1) keys,"
                + " LATERAL (SELECT id, external_id FROM " + table + " WHERE external_id = keys.k LIMIT 1) x";
        this.bounds = new TimeBounds(db.dialect);
    }

    @Override
    public Interaction insert(Interaction interaction) {
        ValueDomain.check(interaction);
        Objects.requireNonNull(interaction, "interaction");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, insertSql)) {
                bind(st, interaction);
                st.update();
            }
            return interaction;
        }, c -> explainClash(c, interaction));
    }

    /** One batched statement, under one savepoint. */
    @Override
    public List<Interaction> insertAll(List<Interaction> interactions) {
        Objects.requireNonNull(interactions, "interactions");
        for (Interaction interaction : interactions) {
            Objects.requireNonNull(interaction, "interaction");
            ValueDomain.check(interaction);
        }
        if (interactions.isEmpty()) {
            return List.of();
        }
        List<Interaction> stored = List.copyOf(interactions);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, insertSql)) {
                for (Interaction interaction : stored) {
                    bind(st, interaction);
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
            return stored;
        }, c -> {
            java.util.Map<InteractionId, Boolean> ids = new java.util.HashMap<>();
            java.util.Map<String, InteractionId> externalIds = new java.util.HashMap<>();
            for (Interaction interaction : stored) {
                if (ids.put(interaction.id(), Boolean.TRUE) != null) {
                    return DuplicateEntityException.ofId("interaction", interaction.id());
                }
                if (interaction.externalId().isPresent()) {
                    InteractionId earlier = externalIds.putIfAbsent(interaction.externalId().get(), interaction.id());
                    if (earlier != null) {
                        return new DuplicateExternalIdException(interaction.externalId().get(), earlier);
                    }
                }
                RuntimeException clash = explainClash(c, interaction);
                if (clash != null) {
                    return clash;
                }
            }
            return null;
        });
    }

    private RuntimeException explainClash(Connection c, Interaction interaction) throws SQLException {
        if (findById(c, interaction.id().value()).isPresent()) {
            return DuplicateEntityException.ofId("interaction", interaction.id());
        }
        if (interaction.externalId().isPresent()) {
            Optional<Interaction> holder = findByExternalId(c, interaction.externalId().get());
            if (holder.isPresent()) {
                return new DuplicateExternalIdException(interaction.externalId().get(), holder.get().id());
            }
        }
        return null;
    }

    static void bind(Stmt st, Interaction i) throws SQLException {
        Optional<HandleTime> ht = i.handleTime();
        st.uuid(i.id().value())
                .uuid(i.customerId().value())
                .text(i.channel().code())
                .text(i.direction().name())
                .instant(i.occurredAt())
                .uuid(i.agentId().map(AgentId::value).orElse(null))
                .uuid(i.caseId().map(CaseId::value).orElse(null))
                .text(i.kind().name())
                .text(i.handledBy().name())
                .text(i.visibility().name())
                .bigint(ht.map(h -> nanos(h.talk())).orElse(null))
                .bigint(ht.map(h -> nanos(h.hold())).orElse(null))
                .bigint(ht.map(h -> nanos(h.afterContactWork())).orElse(null))
                .text(i.summary())
                .text(i.externalId())
                .text(i.orderRef())
                .money(i.amount())
                .text(i.reason())
                .instant(i.recordedAt())
                .bigint(i.waitTime().map(JdbcInteractions::nanos).orElse(null))
                .bool(i.abandoned());
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw new StorageException("a handle time longer than 292 years cannot be stored");
        }
    }

    static Interaction row(Stmt.Row r) throws SQLException {
        Optional<Long> talk = r.optBigint("talk_nanos");
        HandleTime handleTime = talk.isEmpty() ? null : new HandleTime(Duration.ofNanos(talk.get()),
                Duration.ofNanos(r.bigint("hold_nanos")), Duration.ofNanos(r.bigint("after_contact_work_nanos")));
        return Interaction.builder()
                .id(new InteractionId(r.uuid("id")))
                .customerId(new CustomerId(r.uuid("customer_id")))
                .channel(new Channel(r.text("channel")))
                .direction(Direction.valueOf(r.text("direction")))
                .occurredAt(r.instant("occurred_at"))
                .agentId(r.optUuid("agent_id").map(AgentId::new).orElse(null))
                .caseId(r.optUuid("case_id").map(CaseId::new).orElse(null))
                .kind(InteractionKind.valueOf(r.text("kind")))
                .handledBy(Handler.valueOf(r.text("handled_by")))
                .visibility(Visibility.valueOf(r.text("visibility")))
                .handleTime(handleTime)
                .summary(r.optText("summary").orElse(null))
                .externalId(r.optText("external_id").orElse(null))
                .orderRef(r.optText("order_ref").orElse(null))
                .amount(r.money("amount", "currency").orElse(null))
                .reason(r.optText("reason").orElse(null))
                .recordedAt(r.instant("recorded_at"))
                .waitTime(r.optBigint("wait_nanos").map(Duration::ofNanos).orElse(null))
                .abandoned(r.bool("abandoned"))
                .build();
    }

    private Optional<Interaction> findById(Connection c, UUID id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
            return st.uuid(id).first(JdbcInteractions::row);
        }
    }

    private Optional<Interaction> findByExternalId(Connection c, String externalId) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE external_id = ?")) {
            return st.text(externalId).first(JdbcInteractions::row);
        }
    }

    @Override
    public Optional<Interaction> findById(InteractionId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> findById(c, id.value()));
    }

    @Override
    public Optional<Interaction> findByExternalId(String externalId) {
        if (externalId == null || !Lookups.matchable(externalId)) {
            return Optional.empty();
        }
        return db.read(c -> findByExternalId(c, externalId));
    }

    /** One query per 500 ids. */
    @Override
    public Map<String, Interaction> findAllByExternalId(Collection<String> externalIds) {
        List<String> distinct = externalIds.stream().filter(Objects::nonNull).filter(Lookups::matchable).distinct()
                .toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<String, Interaction> found = new HashMap<>();
            for (List<String> part : Db.chunks(distinct)) {
                try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE external_id IN ("
                        + Stmt.marks(part.size()) + ")")) {
                    for (Interaction i : st.texts(part).list(JdbcInteractions::row)) {
                        found.put(i.externalId().orElseThrow(), i);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<Interaction> findByCase(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + " WHERE case_id = ? ORDER BY occurred_at, id")) {
                return st.uuid(caseId.value()).list(JdbcInteractions::row);
            }
        });
    }

    @Override
    public Page<Interaction> findByCustomer(CustomerId customerId, TimeRange occurred, PageRequest page) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurred, "occurred");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE customer_id = ?"
                    + " AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id", page,
                st -> {
                    st.uuid(customerId.value());
                    bounds.bind(st, occurred);
                },
                (c, st) -> st.list(JdbcInteractions::row));
    }

    @Override
    public Page<Interaction> findOccurredBetween(TimeRange occurred, PageRequest page) {
        Objects.requireNonNull(occurred, "occurred");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id", page,
                st -> bounds.bind(st, occurred),
                (c, st) -> st.list(JdbcInteractions::row));
    }

    /**
     * Stores many interactions in batches, skipping every one whose id or external id is already stored or
     * repeats an earlier one of the same call. On PostgreSQL through pgjdbc, the stored ids and external ids of the
     * whole call are looked up first (one statement per {@value #LOOKUP_KEYS} rows, see {@link #storedKeys}), and the
     * rest is streamed with {@code COPY} in batches of {@code batchSize} rows not stored, one transaction each (see
     * {@link #copy}); should a concurrent transaction store one of a batch's rows first, that batch is rolled back
     * and inserted again skipping duplicates in the database. Where the connection is not pgjdbc's (a pool that does
     * not unwrap), PostgreSQL inserts skipping duplicates and counts the ids returned, with no look-up before.
     * Elsewhere (H2) the stored ids and external ids of a batch are looked up first, then the rest is inserted.
     */
    BulkIngestResult ingest(Collection<Interaction> interactions, int batchSize) {
        Objects.requireNonNull(interactions, "interactions");
        // first occurrence wins within the call
        Map<UUID, Interaction> unique = new LinkedHashMap<>();
        Set<String> externalIds = new HashSet<>();
        long skipped = 0;
        for (Interaction i : interactions) {
            Objects.requireNonNull(i, "interaction");
            if (unique.containsKey(i.id().value())
                    || i.externalId().isPresent() && !externalIds.add(i.externalId().get())) {
                skipped++;
                continue;
            }
            unique.put(i.id().value(), i);
        }
        List<Interaction> all = new ArrayList<>(unique.values());
        if (all.isEmpty()) {
            return new BulkIngestResult(0, skipped);
        }
        if (db.dialect.returnsKeysOfRowsStoredSkippingDuplicates()) {
            StoredKeys stored = db.read(c -> PgCopyGate.usable(c) ? storedKeys(c, all) : null);
            if (stored != null) {
                return ingestNotStored(all, stored, batchSize, skipped);
            }
        }
        return ingestInBatches(all, batchSize, skipped, false);
    }

    /**
     * Stores {@code rows} in batches of {@code batchSize}, each by {@link #ingestWithRetry}, adding the rows a batch
     * skipped to the {@code skipped} counted before.
     */
    private BulkIngestResult ingestInBatches(List<Interaction> rows, int batchSize, long skipped, boolean lookedUp) {
        long inserted = 0;
        long notStored = skipped;
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<Interaction> chunk = rows.subList(from, Math.min(rows.size(), from + batchSize));
            long added = ingestWithRetry(chunk, lookedUp);
            inserted += added;
            notStored += chunk.size() - added;
        }
        return new BulkIngestResult(inserted, notStored);
    }

    /**
     * Tries a batch up to three times, each in a transaction of its own (or under a savepoint of the running one).
     *
     * @param lookedUp whether the batch holds only rows the call's look-up found not stored, so that its first
     *        attempt may stream them with {@code COPY}
     */
    private long ingestWithRetry(List<Interaction> chunk, boolean lookedUp) {
        for (int attempt = 1; ; attempt++) {
            boolean copy = lookedUp && attempt == 1;
            try {
                return db.write(c -> ingestChunk(c, chunk, copy), null);
            } catch (StorageException e) {
                // the batch was rolled back; try again if another node stored one of these between the look-up
                // and the insert (23505), if two ingests of overlapping rows in different orders waited for each
                // other (40P01), or if PostgreSQL refused COPY (0A000: row-level security is enabled for this role);
                // the retry inserts skipping duplicates, without COPY
                if (attempt >= 3
                        || !(e.getCause() instanceof SQLException sql && RETRIED_STATES.contains(sql.getSQLState()))) {
                    throw e;
                }
            }
        }
    }

    private long ingestChunk(Connection c, List<Interaction> chunk, boolean copy) throws SQLException {
        if (db.dialect.returnsKeysOfRowsStoredSkippingDuplicates()) {
            // PostgreSQL: COPY of rows looked up where the driver allows it; a retry skips duplicates in the
            // database instead, as a concurrent ingest of the same rows may still be storing them
            if (copy && CopyBinary.canWrite(chunk) && PgCopyGate.usable(c)) {
                return copy(c, chunk);
            }
            return insertReturningStored(c, chunk);
        }
        List<Interaction> fresh = withoutStored(c, chunk);
        if (fresh.isEmpty()) {
            return 0;
        }
        Optional<String> skipping = db.dialect.insertSkippingDuplicates(insertSql);
        try (Stmt st = new Stmt(c, skipping.orElse(insertSql))) {
            for (Interaction i : fresh) {
                bind(st, i);
                st.addBatch();
            }
            int[] counts = st.statement().executeBatch();
            long added = 0;
            boolean unknown = false;
            for (int n : counts) {
                if (n == Statement.SUCCESS_NO_INFO) {
                    unknown = true;
                } else if (n > 0) {
                    added += n;
                }
            }
            if (!unknown) {
                return added;
            }
        }
        // the driver rewrote the batch (PostgreSQL's reWriteBatchedInserts) and reports no counts: count the rows
        // of this chunk now stored, which the pre-check showed were not stored before
        List<UUID> ids = fresh.stream().map(i -> i.id().value()).toList();
        try (Stmt st = new Stmt(c, "SELECT COUNT(*) AS n FROM " + table + " WHERE id IN (" + Stmt.marks(ids.size())
                + ")")) {
            return st.uuids(ids).first(r -> r.bigint("n")).orElse(0L);
        }
    }

    /**
     * Streams rows the call's look-up found not stored into the table with {@code COPY ... FROM STDIN} in binary
     * format (see {@link CopyBinary}), which PostgreSQL stores several rows at a time rather than row by row, without
     * parsing text. A row a concurrent transaction stored since the look-up makes the copy fail with a unique
     * violation (after waiting for that transaction), which rolls the batch back for {@link #ingestWithRetry} to
     * insert it again skipping duplicates.
     *
     * @return how many rows were stored
     */
    private long copy(Connection c, List<Interaction> chunk) throws SQLException {
        CopyBinary data = new CopyBinary(chunk.size() * COPY_BYTES_PER_ROW);
        for (Interaction i : chunk) {
            data.row(i);
        }
        data.end();
        return PgCopy.copyIn(c, copySql + " (FORMAT binary)", data.bytes(), data.size());
    }

    /**
     * Inserts the rows, with no look-up before, as multi-row statements of {@value #ROWS_PER_STATEMENT} rows sent as
     * one JDBC batch (and one statement for the rest): every row whose id or external id clashes with a stored one,
     * or with one a concurrent transaction commits first, is skipped by the database, and the ids the statements
     * return are the rows they stored.
     *
     * @return how many rows were stored
     */
    private long insertReturningStored(Connection c, List<Interaction> chunk) throws SQLException {
        int whole = chunk.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        long added = 0;
        if (whole > 0) {
            try (Stmt st = new Stmt(c, multiRowInsertSkipping(ROWS_PER_STATEMENT), ID_KEY)) {
                for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
                    for (Interaction i : chunk.subList(from, from + ROWS_PER_STATEMENT)) {
                        bind(st, i);
                    }
                    st.addBatch();
                }
                st.statement().executeBatch();
                added += st.countGeneratedKeys();
            }
        }
        if (whole < chunk.size()) {
            try (Stmt st = new Stmt(c, multiRowInsertSkipping(chunk.size() - whole), ID_KEY)) {
                for (Interaction i : chunk.subList(whole, chunk.size())) {
                    bind(st, i);
                }
                st.update();
                added += st.countGeneratedKeys();
            }
        }
        return added;
    }

    /** The {@code INSERT} of {@code rows} rows in one statement that skips duplicates; built once per size. */
    private String multiRowInsertSkipping(int rows) {
        return multiRowInserts.computeIfAbsent(rows, n -> {
            StringBuilder sql = new StringBuilder(64 + COLUMNS.length() + n * 64)
                    .append("INSERT INTO ").append(table).append(" (").append(COLUMNS).append(") VALUES ");
            String values = "(" + Stmt.marks(COLUMN_COUNT) + ")";
            for (int r = 0; r < n; r++) {
                sql.append(r > 0 ? ", " : "").append(values);
            }
            return db.dialect.insertSkippingDuplicates(sql.toString()).orElseThrow();
        });
    }

    private List<Interaction> withoutStored(Connection c, List<Interaction> chunk) throws SQLException {
        List<UUID> ids = chunk.stream().map(i -> i.id().value()).toList();
        List<String> externalIds = chunk.stream().flatMap(i -> i.externalId().stream()).toList();
        Set<UUID> storedIds = new HashSet<>();
        Set<String> storedExternalIds = new HashSet<>();
        // two queries rather than one with OR, so that each uses its index
        try (Stmt st = new Stmt(c, "SELECT id FROM " + table + " WHERE id IN (" + Stmt.marks(ids.size()) + ")")) {
            storedIds.addAll(st.uuids(ids).list(r -> r.uuid("id")));
        }
        if (!externalIds.isEmpty()) {
            try (Stmt st = new Stmt(c, "SELECT external_id FROM " + table + " WHERE external_id IN ("
                    + Stmt.marks(externalIds.size()) + ")")) {
                storedExternalIds.addAll(st.texts(externalIds).list(r -> r.text("external_id")));
            }
        }
        List<Interaction> fresh = new ArrayList<>();
        for (Interaction i : chunk) {
            if (!storedIds.contains(i.id().value())
                    && i.externalId().map(e -> !storedExternalIds.contains(e)).orElse(true)) {
                fresh.add(i);
            }
        }
        return fresh;
    }

    @Override
    public int redactForCustomer(CustomerId customerId, String placeholder) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(placeholder, "placeholder");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET summary = ? WHERE customer_id = ?"
                    + " AND summary IS NOT NULL AND summary <> ?")) {
                return st.text(placeholder).uuid(customerId.value()).text(placeholder).update();
            }
        }, null);
    }

    @Override
    public boolean redact(InteractionId id, Optional<String> summary) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        return db.write(c -> {
            int changed;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET summary = ? WHERE id = ?"
                    + " AND summary IS DISTINCT FROM ?")) {
                changed = st.text(summary).uuid(id.value()).text(summary).update();
            }
            if (changed == 0) {
                try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
                    if (st.uuid(id.value()).first(r -> Boolean.TRUE).isEmpty()) {
                        throw new InteractionNotFoundException(id);
                    }
                }
            }
            return changed > 0;
        }, null);
    }

    // ingest of a whole call by one look-up, then COPY of the rows not stored (PostgreSQL through pgjdbc)

    /**
     * Keys per look-up statement of {@link #storedKeys}: a call of 10,000 rows, the size the benchmarks offer, is
     * looked up in one round trip instead of one per batch.
     */
    static final int LOOKUP_KEYS = 10_000;

    /** The ids and external ids of a call's rows found stored. */
    private record StoredKeys(Set<UUID> ids, Set<String> externalIds) {

        boolean holds(Interaction i) {
            return ids.contains(i.id().value()) || i.externalId().isPresent()
                    && externalIds.contains(i.externalId().get());
        }
    }

    /**
     * Looks up which of the rows are stored, by id or external id, in one statement per {@value #LOOKUP_KEYS} rows,
     * each half of which probes its own unique index.
     */
    private StoredKeys storedKeys(Connection c, List<Interaction> rows) throws SQLException {
        Set<UUID> storedIds = new HashSet<>();
        Set<String> storedExternalIds = new HashSet<>();
        try (Stmt st = new Stmt(c, storedKeysSql)) {
            for (int from = 0; from < rows.size(); from += LOOKUP_KEYS) {
                List<Interaction> slice = rows.subList(from, Math.min(rows.size(), from + LOOKUP_KEYS));
                Object[] ids = new Object[slice.size()];
                List<String> externalIds = new ArrayList<>(slice.size());
                for (int k = 0; k < ids.length; k++) {
                    Interaction i = slice.get(k);
                    ids[k] = i.id().value();
                    i.externalId().ifPresent(externalIds::add);
                }
                st.reset().array("uuid", ids).array("text", externalIds.toArray());
                // at most two rows per key: read at once, not through a cursor
                try (ResultSet rs = st.statement().executeQuery()) {
                    Stmt.Row row = new Stmt.Row(rs);
                    while (rs.next()) {
                        storedIds.add(row.uuid("id"));
                        row.optText("external_id").ifPresent(storedExternalIds::add);
                    }
                }
            }
        }
        return new StoredKeys(storedIds, storedExternalIds);
    }

    /**
     * Stores the rows the look-up did not find, in batches of {@code batchSize} of them, each streamed with
     * {@code COPY} in a transaction of its own; the rows found stored are skipped and counted.
     */
    private BulkIngestResult ingestNotStored(List<Interaction> all, StoredKeys stored, int batchSize, long skipped) {
        List<Interaction> fresh = new ArrayList<>(all.size());
        for (Interaction i : all) {
            if (!stored.holds(i)) {
                fresh.add(i);
            }
        }
        return ingestInBatches(fresh, batchSize, skipped + all.size() - fresh.size(), true);
    }
}
