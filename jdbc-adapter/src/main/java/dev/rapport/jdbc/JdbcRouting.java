package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.RoutingWorkNotFoundException;
import dev.rapport.spi.routing.WorkExclusion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Routing's shared state over JDBC: waiting work in one row per case (its open offer and the capacity to move in
 * columns of their own, skills, preferred and excluded agents as JSON text), holdings in another. Waiting work is
 * optimistically locked by its version, so of two nodes updating the same work one wins. Thread-safe.
 */
final class JdbcRouting implements RoutingRepository {

    private static final String ENTITY = "routing_work";

    private static final String WORK_COLUMNS = "case_id, channel, priority, required_skills, optional_skills,"
            + " language, team, preferred_agents, sla_due_at, requested_at, queued_at, excluded, move_case_id,"
            + " move_agent_id, move_channel, move_units, move_since, offer_id, offer_agent_id, offer_channel,"
            + " offer_units, offered_at, offer_expires_at, version";

    private static final String HOLDING_COLUMNS = "case_id, agent_id, channel, units, since";

    private final Db db;
    private final String work;
    private final String holding;

    JdbcRouting(Db db, Names names) {
        this.db = db;
        this.work = names.of("routing_work");
        this.holding = names.of("routing_holding");
    }

    @Override
    public RoutingWork insertWork(RoutingWork item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "work");
        RoutingWork stored = item.withVersion(1);
        // only the case id can clash on a new row (its offer id is fresh): a unique violation means the case has
        // waiting work, or had it an instant ago and another router has already routed it
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + work + " (" + WORK_COLUMNS + ") VALUES (" + Stmt.marks(24)
                    + ")")) {
                st.uuid(stored.caseId().value());
                bindValues(st, stored);
                st.bigint(stored.version()).update();
            }
            return stored;
        }, c -> DuplicateEntityException.ofId(ENTITY, stored.caseId()));
    }

    @Override
    public RoutingWork updateWork(RoutingWork item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "work");
        RoutingWork stored = item.withVersion(item.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + work + " SET channel = ?, priority = ?, required_skills = ?,"
                    + " optional_skills = ?, language = ?, team = ?, preferred_agents = ?, sla_due_at = ?,"
                    + " requested_at = ?, queued_at = ?, excluded = ?, move_case_id = ?, move_agent_id = ?,"
                    + " move_channel = ?, move_units = ?, move_since = ?, offer_id = ?, offer_agent_id = ?,"
                    + " offer_channel = ?, offer_units = ?, offered_at = ?, offer_expires_at = ?, version = ?"
                    + " WHERE case_id = ? AND version = ?")) {
                bindValues(st, stored);
                n = st.bigint(stored.version()).uuid(item.caseId().value()).bigint(item.version()).update();
            }
            if (n == 0) {
                throw missingOrStale(c, item);
            }
            return stored;
        }, null);
    }

    @Override
    public void deleteWork(RoutingWork item) {
        Objects.requireNonNull(item, "work");
        db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "DELETE FROM " + work + " WHERE case_id = ? AND version = ?")) {
                n = st.uuid(item.caseId().value()).bigint(item.version()).update();
            }
            if (n == 0) {
                throw missingOrStale(c, item);
            }
            return null;
        }, null);
    }

    private RuntimeException missingOrStale(Connection c, RoutingWork item) throws SQLException {
        if (exists(c, item.caseId())) {
            return new StaleVersionException(ENTITY, item.caseId(), item.version());
        }
        return new RoutingWorkNotFoundException(item.caseId());
    }

    /**
     * Reads and deletes in one step under the row's lock: the read locks the row ({@code FOR UPDATE}), so a
     * concurrent remover waits and then finds nothing, and what is returned is exactly what was deleted.
     */
    @Override
    public Optional<RoutingWork> removeWork(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.write(c -> {
            Optional<RoutingWork> current;
            try (Stmt st = new Stmt(c, "SELECT " + WORK_COLUMNS + " FROM " + work + " WHERE case_id = ? FOR UPDATE")) {
                current = st.uuid(caseId.value()).first(JdbcRouting::workRow);
            }
            if (current.isPresent()) {
                try (Stmt st = new Stmt(c, "DELETE FROM " + work + " WHERE case_id = ?")) {
                    st.uuid(caseId.value()).update();
                }
            }
            return current;
        }, null);
    }

    @Override
    public Optional<RoutingWork> findWork(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + WORK_COLUMNS + " FROM " + work + " WHERE case_id = ?")) {
                return st.uuid(caseId.value()).first(JdbcRouting::workRow);
            }
        });
    }

    @Override
    public Optional<RoutingWork> findWorkByOffer(java.util.UUID offerId) {
        Objects.requireNonNull(offerId, "offerId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + WORK_COLUMNS + " FROM " + work + " WHERE offer_id = ?")) {
                return st.uuid(offerId).first(JdbcRouting::workRow);
            }
        });
    }

    /** Both databases order UUID columns as unsigned 128-bit numbers, the order of the ids' text. */
    @Override
    public List<RoutingWork> listWork(Optional<CaseId> after, int limit) {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw ValidationException.of("listWork", "limit", "Range", "must be between 1 and "
                    + PageRequest.MAX_LIMIT);
        }
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + WORK_COLUMNS + " FROM " + work
                    + (after.isPresent() ? " WHERE case_id > ?" : "") + " ORDER BY case_id LIMIT ?")) {
                if (after.isPresent()) {
                    st.uuid(after.get().value());
                }
                return st.integer(limit).list(JdbcRouting::workRow);
            }
        });
    }

    @Override
    public long countWork() {
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT COUNT(*) AS n FROM " + work)) {
                return st.first(r -> r.bigint("n")).orElse(0L);
            }
        });
    }

    /**
     * An update of the case's row, or an insert when there is none. When another writer inserts the same case's row
     * between the two, the insert clashes on the key and changes nothing (it runs under the write's savepoint); the
     * write is then tried once more and updates the row the other writer stored.
     */
    @Override
    public void putHolding(RoutingHolding item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "holding");
        Objects.requireNonNull(item.caseId(), "holding.caseId");
        for (int attempt = 1; ; attempt++) {
            boolean retry = attempt < 3;
            try {
                db.write(c -> {
                    if (updateHolding(c, item) == 0) {
                        try (Stmt st = new Stmt(c, "INSERT INTO " + holding + " (" + HOLDING_COLUMNS + ") VALUES ("
                                + Stmt.marks(5) + ")")) {
                            st.uuid(item.caseId().value()).uuid(item.agentId().value()).text(item.channel().code())
                                    .integer(item.units()).instant(item.since()).update();
                        }
                    }
                    return null;
                }, c -> retry && holdingExists(c, item.caseId()) ? new InsertedMeanwhile() : null);
                return;
            } catch (InsertedMeanwhile e) {
                // another writer stored the row first: update it
            }
        }
    }

    private boolean holdingExists(Connection c, CaseId caseId) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + holding + " WHERE case_id = ?")) {
            return st.uuid(caseId.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private int updateHolding(Connection c, RoutingHolding item) throws SQLException {
        try (Stmt st = new Stmt(c, "UPDATE " + holding + " SET agent_id = ?, channel = ?, units = ?, since = ?"
                + " WHERE case_id = ?")) {
            return st.uuid(item.agentId().value()).text(item.channel().code()).integer(item.units())
                    .instant(item.since()).uuid(item.caseId().value()).update();
        }
    }

    @Override
    public Optional<RoutingHolding> findHolding(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + HOLDING_COLUMNS + " FROM " + holding + " WHERE case_id = ?")) {
                return st.uuid(caseId.value()).first(JdbcRouting::holdingRow);
            }
        });
    }

    @Override
    public Optional<RoutingHolding> removeHolding(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.write(c -> {
            Optional<RoutingHolding> current;
            try (Stmt st = new Stmt(c, "SELECT " + HOLDING_COLUMNS + " FROM " + holding
                    + " WHERE case_id = ? FOR UPDATE")) {
                current = st.uuid(caseId.value()).first(JdbcRouting::holdingRow);
            }
            if (current.isPresent()) {
                try (Stmt st = new Stmt(c, "DELETE FROM " + holding + " WHERE case_id = ?")) {
                    st.uuid(caseId.value()).update();
                }
            }
            return current;
        }, null);
    }

    private boolean exists(Connection c, CaseId caseId) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + work + " WHERE case_id = ?")) {
            return st.uuid(caseId.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    /** Binds every column after the case id and before the version, in {@link #WORK_COLUMNS} order. */
    private static void bindValues(Stmt st, RoutingWork w) throws SQLException {
        st.text(w.channel().code())
                .text(w.priority().name())
                .text(Encodings.stringIntMap(w.requiredSkills()))
                .text(Encodings.stringIntMap(w.optionalSkills()))
                .text(w.language().map(Locale::toLanguageTag))
                .text(w.team().map(TeamId::code))
                .text(agentIds(w.preferredAgents()))
                .instant(w.slaDueAt())
                .instant(w.requestedAt())
                .instant(w.queuedAt())
                .text(exclusions(w.excluded()));
        Optional<RoutingHolding> move = w.moveFrom();
        st.uuid(move.map(h -> h.caseId().value()).orElse(null))
                .uuid(move.map(h -> h.agentId().value()).orElse(null))
                .text(move.map(h -> h.channel().code()))
                .bigint(move.map(h -> (long) h.units()).orElse(null))
                .instant(move.map(RoutingHolding::since));
        Optional<RoutingOffer> offer = w.offer();
        st.uuid(offer.map(RoutingOffer::offerId).orElse(null))
                .uuid(offer.map(o -> o.agentId().value()).orElse(null))
                .text(offer.map(o -> o.channel().code()))
                .bigint(offer.map(o -> (long) o.units()).orElse(null))
                .instant(offer.map(RoutingOffer::offeredAt))
                .instant(offer.map(RoutingOffer::expiresAt));
    }

    private static RoutingWork workRow(Stmt.Row r) throws SQLException {
        Optional<RoutingHolding> move = r.optUuid("move_agent_id").isEmpty() ? Optional.empty()
                : Optional.of(new RoutingHolding(new CaseId(r.uuid("move_case_id")),
                        new AgentId(r.uuid("move_agent_id")), new Channel(r.text("move_channel")),
                        r.integer("move_units"), r.instant("move_since")));
        Optional<RoutingOffer> offer = r.optUuid("offer_id").isEmpty() ? Optional.empty()
                : Optional.of(new RoutingOffer(r.uuid("offer_id"), new AgentId(r.uuid("offer_agent_id")),
                        new Channel(r.text("offer_channel")), r.integer("offer_units"), r.instant("offered_at"),
                        r.instant("offer_expires_at")));
        return new RoutingWork(
                new CaseId(r.uuid("case_id")),
                new Channel(r.text("channel")),
                Priority.valueOf(r.text("priority")),
                Encodings.readStringIntMap(r.text("required_skills")),
                Encodings.readStringIntMap(r.text("optional_skills")),
                r.optText("language").map(Locale::forLanguageTag),
                r.optText("team").map(TeamId::new),
                readAgentIds(r.text("preferred_agents")),
                r.optInstant("sla_due_at"),
                r.instant("requested_at"),
                r.instant("queued_at"),
                readExclusions(r.text("excluded")),
                move,
                offer,
                r.bigint("version"));
    }

    private static RoutingHolding holdingRow(Stmt.Row r) throws SQLException {
        return new RoutingHolding(new CaseId(r.uuid("case_id")), new AgentId(r.uuid("agent_id")),
                new Channel(r.text("channel")), r.integer("units"), r.instant("since"));
    }

    private static String agentIds(List<AgentId> ids) {
        List<Object> out = new ArrayList<>(ids.size());
        ids.forEach(id -> out.add(id.value().toString()));
        return Json.write(out);
    }

    private static List<AgentId> readAgentIds(String json) {
        List<AgentId> out = new ArrayList<>();
        Json.readArray(json).forEach(v -> out.add(new AgentId(UUID.fromString((String) v))));
        return out;
    }

    /** An array of {@code {"agent":..,"reason":..,"detail":..}} objects, in the list's order. */
    private static String exclusions(List<WorkExclusion> excluded) {
        List<Object> out = new ArrayList<>(excluded.size());
        for (WorkExclusion e : excluded) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("agent", e.agentId().value().toString());
            item.put("reason", e.reason());
            item.put("detail", e.detail());
            out.add(item);
        }
        return Json.write(out);
    }

    @SuppressWarnings("unchecked")
    private static List<WorkExclusion> readExclusions(String json) {
        List<WorkExclusion> out = new ArrayList<>();
        for (Object item : Json.readArray(json)) {
            Map<String, Object> map = (Map<String, Object>) item;
            out.add(new WorkExclusion(new AgentId(UUID.fromString((String) map.get("agent"))),
                    (String) map.get("reason"), (String) map.get("detail")));
        }
        return out;
    }

    /** A holding's insert clashed with one another writer stored meanwhile; never escapes {@link #putHolding}. */
    private static final class InsertedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InsertedMeanwhile() {
            super("the holding was inserted meanwhile", null, false, false);
        }
    }
}
