package dev.rapport.jdbc;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.AgentRules;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Agents over JDBC: one row per agent, skills, languages and per-channel figures as JSON text. Writes check the agent
 * with {@link AgentRules} before they touch the database; every insert and update sets {@code written_at} from the
 * database's clock ({@link Dialect#clockNow()}), which orders the change feed with the id. Thread-safe.
 */
final class JdbcAgents implements AgentRepository {

    private static final String COLUMNS = "id, name, skills, languages, capacity, presence, work_load,"
            + " last_assigned_at, team, created_at, updated_at, version";

    private final Db db;
    private final String table;
    private final String clock;
    private final TimeBounds bounds;

    JdbcAgents(Db db, Names names) {
        this.db = db;
        this.table = names.of("agent");
        this.clock = db.dialect.clockNow();
        this.bounds = new TimeBounds(db.dialect);
    }

    @Override
    public Agent insert(Agent agent) {
        AgentRules.check(agent);
        Agent stored = agent.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ", written_at) VALUES ("
                    + Stmt.marks(12) + ", " + clock + ")")) {
                st.uuid(stored.id().value());
                bindValues(st, stored);
                st.bigint(stored.version()).update();
            }
            return stored;
        }, c -> exists(c, stored.id()) ? DuplicateEntityException.ofId("agent", stored.id()) : null);
    }

    @Override
    public Agent update(Agent agent) {
        AgentRules.check(agent);
        Agent stored = agent.withVersion(agent.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET name = ?, skills = ?, languages = ?, capacity = ?,"
                    + " presence = ?, work_load = ?, last_assigned_at = ?, team = ?, created_at = ?, updated_at = ?,"
                    + " version = ?, written_at = " + clock + " WHERE id = ? AND version = ?")) {
                bindValues(st, stored);
                n = st.bigint(stored.version()).uuid(stored.id().value()).bigint(agent.version()).update();
            }
            if (n == 0) {
                if (exists(c, agent.id())) {
                    throw new StaleVersionException("agent", agent.id(), agent.version());
                }
                throw new AgentNotFoundException(agent.id());
            }
            return stored;
        }, null);
    }

    private static void bindValues(Stmt st, Agent a) throws SQLException {
        st.text(a.name())
                .text(Encodings.stringIntMap(a.skills()))
                .text(Encodings.localeSet(a.languages()))
                .text(Encodings.channelIntMap(a.capacity()))
                .text(a.presence().name())
                .text(Encodings.channelIntMap(a.load()))
                .text(Encodings.channelInstantMap(a.lastAssignedAt()))
                .text(a.team().map(TeamId::code))
                .instant(a.createdAt())
                .instant(a.updatedAt());
    }

    private boolean exists(Connection c, AgentId id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private static Agent row(Stmt.Row r) throws SQLException {
        return Agent.builder()
                .id(new AgentId(r.uuid("id")))
                .name(r.text("name"))
                .skills(Encodings.readStringIntMap(r.text("skills")))
                .languages(Encodings.readLocaleSet(r.text("languages")))
                .capacity(Encodings.readChannelIntMap(r.text("capacity")))
                .presence(Presence.valueOf(r.text("presence")))
                .load(Encodings.readChannelIntMap(r.text("work_load")))
                .lastAssignedAt(Encodings.readChannelInstantMap(r.text("last_assigned_at")))
                .team(r.optText("team").map(TeamId::new).orElse(null))
                .createdAt(r.instant("created_at"))
                .updatedAt(r.instant("updated_at"))
                .version(r.bigint("version"))
                .build();
    }

    @Override
    public Optional<Agent> findById(AgentId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                return st.uuid(id.value()).first(JdbcAgents::row);
            }
        });
    }

    @Override
    public Page<Agent> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " ORDER BY created_at, id", page,
                st -> { },
                (c, st) -> st.list(JdbcAgents::row));
    }

    @Override
    public List<Agent> listAfter(Optional<AgentId> after, int limit) {
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        // served by the primary key
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + (after.isPresent() ? " WHERE id > ?" : "") + " ORDER BY id LIMIT ?")) {
                if (after.isPresent()) {
                    st.uuid(after.get().value());
                }
                return st.integer(limit).list(JdbcAgents::row);
            }
        });
    }

    @Override
    public Page<Agent> findByTeam(TeamId team, PageRequest page) {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE team = ? ORDER BY created_at, id", page,
                st -> st.text(team.code()),
                (c, st) -> st.list(JdbcAgents::row));
    }

    @Override
    public List<AgentChange> changedSince(Instant since, Optional<AgentId> after, int limit) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw ValidationException.of("changedSince", "limit", "Range", "must be between 1 and "
                    + PageRequest.MAX_LIMIT);
        }
        Instant from = bounds.clamp(since);
        // (written_at, id) > (?, ?) spelt out with a leading range on written_at, which both databases read from
        // the (written_at, id) index in its order; the rest filters the ties at the first instant
        String where = after.isPresent() ? "written_at >= ? AND (written_at > ? OR id > ?)" : "written_at >= ?";
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + ", written_at FROM " + table + " WHERE " + where
                    + " ORDER BY written_at, id LIMIT ?")) {
                st.instant(from);
                if (after.isPresent()) {
                    st.instant(from).uuid(after.get().value());
                }
                return st.integer(limit).list(r -> new AgentChange(row(r), r.instant("written_at")));
            }
        });
    }

    @Override
    public Instant storeTime() {
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + clock + " AS store_time")) {
                return st.first(r -> r.instant("store_time")).orElseThrow();
            }
        });
    }
}
