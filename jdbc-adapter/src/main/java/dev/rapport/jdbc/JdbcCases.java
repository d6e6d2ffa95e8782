package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.field.TagsAndFields;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Cases over JDBC: one row per case, the history as JSON text. Thread-safe. */
final class JdbcCases implements CaseRepository {

    static final String COLUMNS = "id, customer_id, subject, category, case_type, priority, origin_channel,"
            + " language, required_skills, status, assignee, team, created_at, created_at_quality, first_reply_at,"
            + " first_resolved_at, resolved_at, closed_at, snoozed_until, reopen_count, history, updated_at, version";

    private final Db db;
    private final String table;
    private final TimeBounds bounds;
    private final JdbcTagsAndFields children;

    JdbcCases(Db db, Names names) {
        this.db = db;
        this.table = names.of("support_case");
        this.bounds = new TimeBounds(db.dialect);
        this.children = new JdbcTagsAndFields(names, "case", "case_id");
    }

    @Override
    public Case insert(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        Case stored = supportCase.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(23) + ")")) {
                st.uuid(stored.id().value());
                bindValues(st, stored);
                st.bigint(stored.version()).update();
            }
            children.write(c, stored.id().value(), stored.tags(), stored.fields(), false);
            return stored;
        }, c -> exists(c, stored.id()) ? DuplicateEntityException.ofId("case", stored.id()) : null);
    }

    /** One batched statement for the cases, under one savepoint. */
    @Override
    public List<Case> insertAll(List<Case> cases) {
        Objects.requireNonNull(cases, "cases");
        List<Case> stored = new ArrayList<>(cases.size());
        for (Case supportCase : cases) {
            Objects.requireNonNull(supportCase, "supportCase");
            ValueDomain.check(supportCase);
            TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
            stored.add(supportCase.withVersion(1));
        }
        if (stored.isEmpty()) {
            return List.of();
        }
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(23) + ")")) {
                for (Case supportCase : stored) {
                    st.uuid(supportCase.id().value());
                    bindValues(st, supportCase);
                    st.bigint(supportCase.version());
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
            for (Case supportCase : stored) {
                children.write(c, supportCase.id().value(), supportCase.tags(), supportCase.fields(), false);
            }
            return List.copyOf(stored);
        }, c -> {
            java.util.Set<CaseId> seen = new java.util.HashSet<>();
            for (Case supportCase : stored) {
                if (!seen.add(supportCase.id()) || exists(c, supportCase.id())) {
                    return DuplicateEntityException.ofId("case", supportCase.id());
                }
            }
            return null;
        });
    }

    @Override
    public Case update(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        Case stored = supportCase.withVersion(supportCase.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET customer_id = ?, subject = ?, category = ?,"
                    + " case_type = ?, priority = ?, origin_channel = ?, language = ?, required_skills = ?, status = ?,"
                    + " assignee = ?, team = ?, created_at = ?, created_at_quality = ?, first_reply_at = ?,"
                    + " first_resolved_at = ?, resolved_at = ?, closed_at = ?, snoozed_until = ?, reopen_count = ?,"
                    + " history = ?, updated_at = ?, version = ?"
                    + " WHERE id = ? AND version = ?")) {
                bindValues(st, stored);
                n = st.bigint(stored.version()).uuid(stored.id().value()).bigint(supportCase.version()).update();
            }
            if (n == 0) {
                if (exists(c, supportCase.id())) {
                    throw new StaleVersionException("case", supportCase.id(), supportCase.version());
                }
                throw new CaseNotFoundException(supportCase.id());
            }
            children.write(c, stored.id().value(), stored.tags(), stored.fields(), true);
            return stored;
        }, null);
    }

    private static void bindValues(Stmt st, Case k) throws SQLException {
        st.uuid(k.customerId().value())
                .text(k.subject())
                .text(k.category())
                .text(k.type())
                .text(k.priority().name())
                .text(k.originChannel().code())
                .text(k.language().map(Locale::toLanguageTag))
                .text(Encodings.stringSet(k.requiredSkills()))
                .text(k.status().name())
                .uuid(k.assignee().map(AgentId::value).orElse(null))
                .text(k.team().map(TeamId::code))
                .instant(k.createdAt())
                .text(k.createdAtQuality().name())
                .instant(k.firstReplyAt())
                .instant(k.firstResolvedAt())
                .instant(k.resolvedAt())
                .instant(k.closedAt())
                .instant(k.snoozedUntil())
                .integer(k.reopenCount())
                .text(Encodings.history(k.history()))
                .instant(k.updatedAt());
    }

    private boolean exists(Connection c, CaseId id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    /** The case in a row selected with {@link #COLUMNS}; shared with the automation firings' candidate scan. */
    static Case row(Stmt.Row r) throws SQLException {
        return Case.builder()
                .id(new CaseId(r.uuid("id")))
                .customerId(new CustomerId(r.uuid("customer_id")))
                .subject(r.text("subject"))
                .category(r.optText("category").orElse(null))
                .type(r.optText("case_type").orElse(null))
                .priority(Priority.valueOf(r.text("priority")))
                .originChannel(new Channel(r.text("origin_channel")))
                .language(r.optText("language").map(Locale::forLanguageTag).orElse(null))
                .requiredSkills(Encodings.readStringSet(r.text("required_skills")))
                .status(CaseStatus.valueOf(r.text("status")))
                .assignee(r.optUuid("assignee").map(AgentId::new).orElse(null))
                .team(r.optText("team").map(TeamId::new).orElse(null))
                .createdAt(r.instant("created_at"))
                .createdAtQuality(CreationTimeQuality.valueOf(r.text("created_at_quality")))
                .firstReplyAt(r.optInstant("first_reply_at").orElse(null))
                .firstResolvedAt(r.optInstant("first_resolved_at").orElse(null))
                .resolvedAt(r.optInstant("resolved_at").orElse(null))
                .closedAt(r.optInstant("closed_at").orElse(null))
                .snoozedUntil(r.optInstant("snoozed_until").orElse(null))
                .reopenCount(r.integer("reopen_count"))
                .history(Encodings.readHistory(r.text("history")))
                .updatedAt(r.instant("updated_at"))
                .version(r.bigint("version"))
                .build();
    }

    @Override
    public Optional<Case> findById(CaseId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> {
            // on PostgreSQL the row and its children in one statement
            JdbcTagsAndFields.One<Case> one = children.readOne(c, db.dialect instanceof PostgresDialect, COLUMNS,
                    table, id.value(), JdbcCases::row, null, null);
            JdbcTagsAndFields.Values v = one.values();
            return one.owner().map(k -> v == JdbcTagsAndFields.Values.NONE ? k
                    : k.toBuilder().tags(v.tags()).fields(v.fields()).build());
        });
    }

    /** One query per 500 ids. */
    @Override
    public Map<CaseId, Case> findAllById(Collection<CaseId> ids) {
        List<UUID> distinct = Db.distinctIds(ids, CaseId::value);
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.read(c -> {
            Map<CaseId, Case> found = new HashMap<>();
            for (List<UUID> part : Db.chunks(distinct)) {
                try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
                        + Stmt.marks(part.size()) + ")")) {
                    for (Case supportCase : withChildren(c, st.uuids(part).list(JdbcCases::row))) {
                        found.put(supportCase.id(), supportCase);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Page<Case> findByCustomer(CustomerId customerId, PageRequest page) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE customer_id = ? ORDER BY created_at, id", page,
                st -> st.uuid(customerId.value()),
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    @Override
    public List<Case> listByStatusAfter(Set<CaseStatus> statuses, Optional<CaseId> after, int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return new KeyWalkSql(COLUMNS, table, "status").page(db, statuses, after.map(CaseId::value), limit,
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    @Override
    public Page<Case> findByStatus(Set<CaseStatus> statuses, PageRequest page) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(page, "page");
        if (statuses.isEmpty()) {
            return Page.empty(page);
        }
        List<String> names = statuses.stream().map(Enum::name).sorted().toList();
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE status IN ("
                    + Stmt.marks(names.size()) + ") ORDER BY created_at, id", page,
                st -> st.texts(names),
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    @Override
    public Page<Case> findCreatedBetween(TimeRange created, PageRequest page) {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id", page,
                st -> bounds.bind(st, created),
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    @Override
    public Page<Case> findByTag(String tag, PageRequest page) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(page, "page");
        if (!Lookups.matchable(tag)) {
            return Page.empty(page);
        }
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (SELECT case_id FROM "
                    + children.tagTable() + " WHERE tag = ?) ORDER BY created_at, id", page,
                st -> st.text(tag),
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    @Override
    public Page<Case> findByField(String field, FieldValue value, PageRequest page) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (SELECT case_id FROM "
                    + children.fieldTable() + " WHERE name = ? AND kind = ? AND field_value = ?)"
                    + " ORDER BY created_at, id", page,
                st -> st.text(field).text(value.kind().name()).text(value.text()),
                (c, st) -> withChildren(c, st.list(JdbcCases::row)));
    }

    /** The cases with their tags and field values, read in one more query per 500 cases. */
    private List<Case> withChildren(Connection c, List<Case> cases) throws SQLException {
        if (cases.isEmpty()) {
            return cases;
        }
        Map<UUID, JdbcTagsAndFields.Values> values = children.read(c,
                JdbcTagsAndFields.ids(cases, k -> k.id().value()));
        List<Case> out = new java.util.ArrayList<>(cases.size());
        for (Case k : cases) {
            JdbcTagsAndFields.Values v = values.getOrDefault(k.id().value(), JdbcTagsAndFields.Values.NONE);
            out.add(v == JdbcTagsAndFields.Values.NONE ? k : k.toBuilder().tags(v.tags()).fields(v.fields()).build());
        }
        return out;
    }
}
