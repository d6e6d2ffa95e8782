package dev.rapport.jdbc;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.AuditTrails;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.validation.ValueDomain;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The audit trails of customers and cases over JDBC (table {@code audit_trail}, schema version 13): one row per
 * entry, whose identity column orders a subject's entries at equal times by append. Thread-safe.
 */
final class JdbcAuditTrails implements AuditTrails {

    private static final String COLUMNS = "id, subject_kind, subject_id, happened_at, actor_kind, actor_name, "
            + "trail_action, from_value, to_value, detail";

    private final Db db;
    private final String table;

    JdbcAuditTrails(Db db, Names names) {
        this.db = db;
        this.table = names.of("audit_trail");
    }

    @Override
    public TrailEntry append(TrailEntry entry) {
        Objects.requireNonNull(entry, "entry");
        ValueDomain.check(entry);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(10)
                    + ")")) {
                bindRow(st, entry).update();
            }
            return entry;
        }, c -> DuplicateEntityException.ofId("audit entry", entry.id()));
    }

    @Override
    public List<TrailEntry> appendAll(List<TrailEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        for (TrailEntry entry : entries) {
            Objects.requireNonNull(entry, "entry");
            ValueDomain.check(entry);
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        List<TrailEntry> stored = List.copyOf(entries);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(10)
                    + ")")) {
                for (TrailEntry entry : stored) {
                    bindRow(st, entry).addBatch();
                }
                st.statement().executeBatch();
            }
            return stored;
        }, c -> {
            Set<UUID> seen = new HashSet<>();
            for (TrailEntry entry : stored) {
                if (!seen.add(entry.id()) || exists(c, entry.id())) {
                    return DuplicateEntityException.ofId("audit entry", entry.id());
                }
            }
            return null;
        });
    }

    private boolean exists(java.sql.Connection c, UUID id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id).first(r -> Boolean.TRUE).isPresent();
        }
    }

    /** Binds an entry's columns, in the order of {@code COLUMNS}, for one insert or one row of a batch. */
    private static Stmt bindRow(Stmt st, TrailEntry entry) throws SQLException {
        return st.uuid(entry.id()).text(entry.subject().kind().name()).uuid(entry.subject().id())
                .instant(entry.at()).text(entry.actor().kind().name()).text(entry.actor().name())
                .text(entry.action().name()).text(entry.from()).text(entry.to()).text(entry.detail());
    }

    @Override
    public Page<TrailEntry> find(AuditSubject subject, PageRequest page) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                        + " WHERE subject_id = ? AND subject_kind = ? ORDER BY happened_at, seq", page,
                st -> st.uuid(subject.id()).text(subject.kind().name()),
                (c, st) -> st.list(JdbcAuditTrails::row));
    }

    @Override
    public int redact(AuditSubject subject, List<TrailEntry> entries) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(entries, "entries");
        entries.forEach(e -> Objects.requireNonNull(e, "entry"));
        if (entries.isEmpty()) {
            return 0;
        }
        return db.write(c -> {
            Set<UUID> stored = new HashSet<>();
            try (Stmt st = new Stmt(c, "SELECT id FROM " + table + " WHERE subject_id = ? AND subject_kind = ?")) {
                stored.addAll(st.uuid(subject.id()).text(subject.kind().name()).list(r -> r.uuid("id")));
            }
            for (TrailEntry given : entries) {
                if (!stored.contains(given.id())) {
                    throw new IllegalArgumentException("audit entry " + given.id() + " is not in the trail of "
                            + subject);
                }
            }
            int changed = 0;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET from_value = ?, to_value = ?, detail = ?"
                    + " WHERE id = ? AND (from_value IS DISTINCT FROM ? OR to_value IS DISTINCT FROM ?"
                    + " OR detail IS DISTINCT FROM ?)")) {
                for (TrailEntry given : entries) {
                    changed += st.reset().text(given.from()).text(given.to()).text(given.detail()).uuid(given.id())
                            .text(given.from()).text(given.to()).text(given.detail()).update();
                }
            }
            return changed;
        }, null);
    }

    private static TrailEntry row(Stmt.Row r) throws SQLException {
        return new TrailEntry(r.uuid("id"), new AuditSubject(AuditSubject.Kind.valueOf(r.text("subject_kind")),
                r.uuid("subject_id")), r.instant("happened_at"),
                new Actor(Actor.Kind.valueOf(r.text("actor_kind")), r.text("actor_name")),
                TrailAction.valueOf(r.text("trail_action")), r.optText("from_value"), r.optText("to_value"),
                r.optText("detail"));
    }
}
