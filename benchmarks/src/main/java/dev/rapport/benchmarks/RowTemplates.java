package dev.rapport.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * Takes, once in a benchmark's set-up, the outbox and audit-trail rows that one call of a Rapport operation stored,
 * so that {@link SingleOperationBenchmark}'s raw contender can store the same rows: the same event types, aggregates
 * and JSON payloads, the same audit-trail columns, with fresh ids. Reads the rows past the newest ones stored before
 * the call (both tables have an identity key). Not thread-safe; used in a set-up only.
 */
final class RowTemplates {

    /** An outbox row Rapport stored: its event id, aggregate, type and payload. */
    record Event(UUID eventId, String aggregateId, String eventType, String payload) {
    }

    /** An audit-trail row Rapport stored; {@code subjectIsEntity} when its subject is the call's new entity. */
    record Audit(String subjectKind, UUID subjectId, boolean subjectIsEntity, String actorKind, String actorName,
            String action, String fromValue, String toValue, String detail) {
    }

    /** The rows one call stored beside its entity, and the id of the entity it created. */
    record Call(UUID entityId, List<Event> events, List<Audit> audits) {
    }

    private final DataSource dataSource;
    private final String prefix;

    RowTemplates(DataSource dataSource, String prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    /**
     * Runs one call and returns the rows it stored.
     *
     * @param call the call; returns the id of the entity it created
     * @return the outbox and audit-trail rows the call stored
     * @throws SQLException if the database fails
     */
    Call of(Callable<UUID> call) throws SQLException {
        long outboxBefore = newest("outbox");
        long auditBefore = newest("audit_trail");
        UUID entity;
        try {
            entity = call.call();
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Event> events = new ArrayList<>();
        List<Audit> audits = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, aggregate_id, event_type, payload FROM "
                    + prefix + "outbox WHERE id > ? ORDER BY id")) {
                ps.setLong(1, outboxBefore);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new Event(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT subject_kind, subject_id, actor_kind, actor_name,"
                    + " trail_action, from_value, to_value, detail FROM " + prefix + "audit_trail WHERE seq > ?"
                    + " ORDER BY seq")) {
                ps.setLong(1, auditBefore);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID subject = rs.getObject(2, UUID.class);
                        audits.add(new Audit(rs.getString(1), subject, subject.equals(entity), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)));
                    }
                }
            }
        }
        return new Call(entity, List.copyOf(events), List.copyOf(audits));
    }

    private long newest(String table) throws SQLException {
        String key = table.equals("outbox") ? "id" : "seq";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(" + key + "), 0) FROM " + prefix
                        + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
