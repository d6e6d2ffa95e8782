package dev.rapport.jdbc;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.automation.AutomationFiring;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.validation.ValueDomain;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Automation firings over JDBC: one row per firing, whose primary key (rule name, case, occasion) is what makes a
 * rule fire once per case and occasion across nodes; the candidate scan reads cases by status and id. Thread-safe.
 */
final class JdbcAutomationFirings implements AutomationFirings {

    private static final String COLUMNS = "rule_name, case_id, occasion, fired_at, outcome";

    private final Db db;
    private final String table;
    private final String cases;

    JdbcAutomationFirings(Db db, Names names) {
        this.db = db;
        this.table = names.of("automation_firing");
        this.cases = names.of("support_case");
    }

    @Override
    public AutomationFiring record(AutomationFiring firing) {
        Objects.requireNonNull(firing, "firing");
        ValueDomain.check(firing);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                st.text(firing.ruleName()).uuid(firing.caseId().value()).instant(firing.occasion())
                        .instant(firing.firedAt()).text(firing.outcome()).update();
            }
            return firing;
        }, c -> new DuplicateEntityException("automation firing", "occasion", "rule " + firing.ruleName()
                + " already fired on case " + firing.caseId() + " for occasion " + firing.occasion()));
    }

    @Override
    public boolean hasFired(String ruleName, CaseId caseId, Instant occasion) {
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occasion, "occasion");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table
                    + " WHERE rule_name = ? AND case_id = ? AND occasion = ?")) {
                return st.text(ruleName).uuid(caseId.value()).instant(occasion).first(r -> Boolean.TRUE)
                        .isPresent();
            }
        });
    }

    @Override
    public List<AutomationFiring> findByCase(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + " WHERE case_id = ? ORDER BY fired_at, rule_name")) {
                return st.uuid(caseId.value()).list(JdbcAutomationFirings::row);
            }
        });
    }

    private static AutomationFiring row(Stmt.Row r) throws SQLException {
        return new AutomationFiring(r.text("rule_name"), new CaseId(r.uuid("case_id")), r.instant("occasion"),
                r.instant("fired_at"), r.text("outcome"));
    }

    /** Served by the (status, id) index of V6: one range per status, merged by id. */
    @Override
    public List<Case> candidates(Set<CaseStatus> statuses, Instant now, Optional<CaseId> after, int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, was " + limit);
        }
        if (statuses.isEmpty()) {
            return List.of();
        }
        List<String> names = statuses.stream().map(Enum::name).sorted().toList();
        String sql = "SELECT " + JdbcCases.COLUMNS + " FROM " + cases + " WHERE status IN ("
                + Stmt.marks(names.size()) + ") AND (snoozed_until IS NULL OR snoozed_until <= ?)"
                + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT ?";
        return db.read(c -> {
            try (Stmt st = new Stmt(c, sql)) {
                st.texts(names).instant(now);
                if (after.isPresent()) {
                    st.uuid(after.get().value());
                }
                return st.integer(limit).list(JdbcCases::row);
            }
        });
    }
}
