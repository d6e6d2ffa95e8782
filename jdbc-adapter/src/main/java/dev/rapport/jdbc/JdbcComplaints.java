package dev.rapport.jdbc;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.complaint.Assessment;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintOutcome;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueDimension;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.OutcomeDecision;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.CustomerId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Complaints, their audit trails, the reference sequence and improvement items over JDBC. A complaint is one row
 * (assessment and outcome as columns, deadlines, escalations, remedies and agents as JSON text) plus its root causes
 * in a child table, in their stored order, with the receipt time copied for lookups by root cause. Audit entries
 * are rows ordered by an identity column. Reference numbers come from one counter row per year, raised through
 * {@link Dialect#incrementCounter} and locked until the transaction ends, so nodes sharing the database never get
 * the same number. Thread-safe.
 */
final class JdbcComplaints implements ComplaintRepository {

    /** Every column but id and version, in binding order. */
    private static final List<String> VALUE_COLUMNS = List.of("reference", "kind", "customer_id", "channel",
            "description", "product", "order_ref", "remedy_sought", "severity", "stage", "regime", "received_at",
            "deadlines", "assessed_severity", "assessed_complexity", "assessed_priority", "assessed_impact",
            "assessed_by", "assessed_at", "case_id", "agent_ids", "escalations", "outcome_decision", "outcome_reasons",
            "outcome_remedies", "outcome_decided_at", "outcome_accepted", "outcome_replied_at", "acknowledged_at",
            "responded_at", "closed_at", "reopen_count", "updated_at");
    private static final String COLUMNS = "id, " + String.join(", ", VALUE_COLUMNS) + ", version";
    private static final String QUALIFIED_COLUMNS = "c.id, "
            + VALUE_COLUMNS.stream().map(column -> "c." + column).collect(Collectors.joining(", ")) + ", c.version";
    private static final String SET_VALUES = VALUE_COLUMNS.stream().map(column -> column + " = ?")
            .collect(Collectors.joining(", ")) + ", version = ?";

    private static final String IMPROVEMENT_COLUMNS = "id, issue_dimension, issue_code, status, detection_round,"
            + " detected_at, complaint_ids, plan_text, updated_at, version";
    private static final String AUDIT_COLUMNS = "complaint_id, happened_at, actor, audit_action, from_stage, to_stage,"
            + " detail";

    private final Db db;
    private final String table;
    private final String rootCauses;
    private final String audit;
    private final String improvements;
    private final String counters;
    private final TimeBounds bounds;

    JdbcComplaints(Db db, Names names) {
        this.db = db;
        this.table = names.of("complaint");
        this.rootCauses = names.of("complaint_root_cause");
        this.audit = names.of("complaint_audit");
        this.improvements = names.of("complaint_improvement");
        this.counters = names.of("complaint_ref_counter");
        this.bounds = new TimeBounds(db.dialect);
    }

    // ------------------------------------------------------------------------------------------------ complaints

    @Override
    public Complaint insert(Complaint complaint) {
        ValueDomain.check(complaint);
        Objects.requireNonNull(complaint, "complaint");
        Complaint stored = complaint.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES ("
                    + Stmt.marks(VALUE_COLUMNS.size() + 2) + ")")) {
                st.uuid(stored.id().value());
                bindValues(st, stored);
                st.bigint(stored.version()).update();
            }
            insertRootCauses(c, stored);
            return stored;
        }, c -> explainClash(c, stored, true));
    }

    @Override
    public Complaint update(Complaint complaint) {
        ValueDomain.check(complaint);
        Objects.requireNonNull(complaint, "complaint");
        Complaint stored = complaint.withVersion(complaint.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET " + SET_VALUES + " WHERE id = ? AND version = ?")) {
                bindValues(st, stored);
                n = st.bigint(stored.version()).uuid(stored.id().value()).bigint(complaint.version()).update();
            }
            if (n == 0) {
                if (exists(c, complaint.id())) {
                    throw new StaleVersionException("complaint", complaint.id(), complaint.version());
                }
                throw new ComplaintNotFoundException(complaint.id());
            }
            try (Stmt st = new Stmt(c, "DELETE FROM " + rootCauses + " WHERE complaint_id = ?")) {
                st.uuid(stored.id().value()).update();
            }
            insertRootCauses(c, stored);
            return stored;
        }, c -> explainClash(c, stored, false));
    }

    private static void bindValues(Stmt st, Complaint k) throws SQLException {
        Optional<Assessment> a = k.assessment();
        Optional<ComplaintOutcome> o = k.outcome();
        st.text(k.reference().value())
                .text(k.kind().name())
                .uuid(k.customerId().value())
                .text(k.channel().code())
                .text(k.description())
                .text(k.product())
                .text(k.orderRef())
                .text(k.remedySought())
                .text(k.severity().name())
                .text(k.stage().name())
                .text(k.regime())
                .instant(k.receivedAt())
                .text(ComplaintEncodings.deadlines(k.deadlines()))
                .text(a.map(x -> x.severity().name()))
                .text(a.map(x -> x.complexity().name()))
                .text(a.map(x -> x.priority().name()))
                .text(a.flatMap(Assessment::impact))
                .text(a.map(Assessment::assessedBy))
                .instant(a.map(Assessment::assessedAt))
                .uuid(k.caseId().map(CaseId::value).orElse(null))
                .text(ComplaintEncodings.agentIds(k.agentIds()))
                .text(ComplaintEncodings.escalations(k.escalations()))
                .text(o.map(x -> x.decision().name()))
                .text(o.map(ComplaintOutcome::reasons))
                .text(o.map(x -> ComplaintEncodings.remedies(x.remedies())))
                .instant(o.map(ComplaintOutcome::decidedAt))
                .bool(o.flatMap(ComplaintOutcome::customerAccepted))
                .instant(o.flatMap(ComplaintOutcome::customerRepliedAt))
                .instant(k.acknowledgedAt())
                .instant(k.respondedAt())
                .instant(k.closedAt())
                .integer(k.reopenCount())
                .instant(k.updatedAt());
    }

    /** Writes the root causes in their stored order, each with the complaint's receipt time. */
    private void insertRootCauses(Connection c, Complaint complaint) throws SQLException {
        if (complaint.rootCauses().isEmpty()) {
            return;
        }
        try (Stmt st = new Stmt(c, "INSERT INTO " + rootCauses + " (complaint_id, ordinal, root_cause, received_at)"
                + " VALUES (?, ?, ?, ?)")) {
            int ordinal = 0;
            for (String rootCause : complaint.rootCauses()) {
                st.uuid(complaint.id().value()).integer(ordinal++).text(rootCause).instant(complaint.receivedAt());
                st.addBatch();
            }
            st.statement().executeBatch();
        }
    }

    /** After a unique violation: which key clashed. */
    private RuntimeException explainClash(Connection c, Complaint complaint, boolean insert) throws SQLException {
        if (insert && exists(c, complaint.id())) {
            return DuplicateEntityException.ofId("complaint", complaint.id());
        }
        Optional<UUID> holder;
        try (Stmt st = new Stmt(c, "SELECT id FROM " + table + " WHERE reference = ?")) {
            holder = st.text(complaint.reference().value()).first(r -> r.uuid("id"));
        }
        if (holder.isPresent() && !holder.get().equals(complaint.id().value())) {
            return new DuplicateEntityException("complaint", "reference",
                    "a complaint with reference " + complaint.reference() + " already exists");
        }
        return null;
    }

    private boolean exists(Connection c, ComplaintId id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private static Complaint.Builder row(Stmt.Row r) throws SQLException {
        Assessment assessment = null;
        if (r.optInstant("assessed_at").isPresent()) {
            assessment = new Assessment(Severity.valueOf(r.text("assessed_severity")),
                    Complexity.valueOf(r.text("assessed_complexity")), Priority.valueOf(r.text("assessed_priority")),
                    r.optText("assessed_impact"), r.text("assessed_by"), r.instant("assessed_at"));
        }
        ComplaintOutcome outcome = null;
        if (r.optText("outcome_decision").isPresent()) {
            outcome = new ComplaintOutcome(OutcomeDecision.valueOf(r.text("outcome_decision")),
                    r.text("outcome_reasons"), ComplaintEncodings.readRemedies(r.text("outcome_remedies")),
                    r.instant("outcome_decided_at"), r.optBool("outcome_accepted"),
                    r.optInstant("outcome_replied_at"));
        }
        return Complaint.builder()
                .id(new ComplaintId(r.uuid("id")))
                .reference(new ComplaintReference(r.text("reference")))
                .kind(ComplaintKind.valueOf(r.text("kind")))
                .customerId(new CustomerId(r.uuid("customer_id")))
                .channel(new Channel(r.text("channel")))
                .description(r.text("description"))
                .product(r.optText("product").orElse(null))
                .orderRef(r.optText("order_ref").orElse(null))
                .remedySought(r.optText("remedy_sought").orElse(null))
                .severity(Severity.valueOf(r.text("severity")))
                .stage(ComplaintStage.valueOf(r.text("stage")))
                .regime(r.text("regime"))
                .receivedAt(r.instant("received_at"))
                .deadlines(ComplaintEncodings.readDeadlines(r.text("deadlines")))
                .assessment(assessment)
                .caseId(r.optUuid("case_id").map(CaseId::new).orElse(null))
                .agentIds(ComplaintEncodings.readAgentIds(r.text("agent_ids")))
                .escalations(ComplaintEncodings.readEscalations(r.text("escalations")))
                .outcome(outcome)
                .acknowledgedAt(r.optInstant("acknowledged_at").orElse(null))
                .respondedAt(r.optInstant("responded_at").orElse(null))
                .closedAt(r.optInstant("closed_at").orElse(null))
                .reopenCount(r.integer("reopen_count"))
                .updatedAt(r.instant("updated_at"))
                .version(r.bigint("version"));
    }

    /** Loads the root causes of the complaints in one query and builds them, in the given order. */
    private List<Complaint> withRootCauses(Connection c, List<Complaint.Builder> builders) throws SQLException {
        if (builders.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (Complaint.Builder b : builders) {
            ids.add(b.build().id().value());
        }
        Map<UUID, Set<String>> byComplaint = new HashMap<>();
        try (Stmt st = new Stmt(c, "SELECT complaint_id, root_cause FROM " + rootCauses
                + " WHERE complaint_id IN (" + Stmt.marks(ids.size()) + ") ORDER BY complaint_id, ordinal")) {
            st.uuids(ids).list(r -> byComplaint.computeIfAbsent(r.uuid("complaint_id"), k -> new LinkedHashSet<>())
                    .add(r.text("root_cause")));
        }
        List<Complaint> out = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            out.add(builders.get(i).rootCauses(byComplaint.getOrDefault(ids.get(i), Set.of())).build());
        }
        return out;
    }

    @Override
    public Optional<Complaint> findById(ComplaintId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                return withRootCauses(c, st.uuid(id.value()).list(JdbcComplaints::row)).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<Complaint> findByReference(ComplaintReference reference) {
        Objects.requireNonNull(reference, "reference");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE reference = ?")) {
                return withRootCauses(c, st.text(reference.value()).list(JdbcComplaints::row)).stream().findFirst();
            }
        });
    }

    @Override
    public Page<Complaint> findByCustomer(CustomerId customerId, PageRequest page) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE customer_id = ? ORDER BY received_at, id", page,
                st -> st.uuid(customerId.value()),
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    @Override
    public Page<Complaint> findByStage(Set<ComplaintStage> stages, PageRequest page) {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(page, "page");
        if (stages.isEmpty()) {
            return Page.empty(page);
        }
        List<String> names = stages.stream().map(Enum::name).sorted().toList();
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE stage IN ("
                    + Stmt.marks(names.size()) + ") ORDER BY received_at, id", page,
                st -> st.texts(names),
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    @Override
    public List<Complaint> listByStageAfter(Set<ComplaintStage> stages, Optional<ComplaintId> after, int limit) {
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return new KeyWalkSql(COLUMNS, table, "stage").page(db, stages, after.map(ComplaintId::value), limit,
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    @Override
    public Page<Complaint> findReceivedBetween(TimeRange received, PageRequest page) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id", page,
                st -> bounds.bind(st, received),
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    @Override
    public Page<Complaint> findByRootCause(String rootCause, TimeRange received, PageRequest page) {
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + QUALIFIED_COLUMNS + " FROM " + rootCauses + " r JOIN " + table
                    + " c ON c.id = r.complaint_id WHERE r.root_cause = ? AND r.received_at >= ?"
                    + " AND r.received_at < ? ORDER BY r.received_at, r.complaint_id", page,
                st -> {
                    st.text(rootCause);
                    bounds.bind(st, received);
                },
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    @Override
    public Page<Complaint> findByProduct(String product, TimeRange received, PageRequest page) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table + " WHERE product = ?"
                    + " AND received_at >= ? AND received_at < ? ORDER BY received_at, id", page,
                st -> {
                    st.text(product);
                    bounds.bind(st, received);
                },
                (c, st) -> withRootCauses(c, st.list(JdbcComplaints::row)));
    }

    // ------------------------------------------------------------------------------------------ reference numbers

    /**
     * Raises the year's counter row by one. Inside a transaction the row stays locked until it ends, so a
     * concurrent receipt of the same year on any node waits for it; a rollback gives the number back.
     */
    @Override
    public long nextReferenceNumber(int year) {
        if (year < 1000 || year > 9999) {
            throw ValidationException.of("nextReferenceNumber", "year", "Range", "must have four digits");
        }
        return db.write(c -> db.dialect.incrementCounter(c, counters, "ref_year", "last_number", year, 1), null);
    }

    // ------------------------------------------------------------------------------------------------ audit trail

    @Override
    public void appendAudit(ComplaintId complaintId, AuditEntry entry) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(entry, "entry");
        db.write(c -> {
            if (!exists(c, complaintId)) {
                throw new ComplaintNotFoundException(complaintId);
            }
            try (Stmt st = new Stmt(c, "INSERT INTO " + audit + " (" + AUDIT_COLUMNS + ") VALUES ("
                    + Stmt.marks(7) + ")")) {
                st.uuid(complaintId.value())
                        .instant(entry.at())
                        .text(entry.actor())
                        .text(entry.action().name())
                        .text(entry.from().map(Enum::name))
                        .text(entry.to().map(Enum::name))
                        .text(entry.detail())
                        .update();
            }
            return null;
        }, null);
    }

    @Override
    public List<AuditEntry> auditTrail(ComplaintId complaintId) {
        Objects.requireNonNull(complaintId, "complaintId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + AUDIT_COLUMNS + " FROM " + audit
                    + " WHERE complaint_id = ? ORDER BY id")) {
                return List.copyOf(st.uuid(complaintId.value()).list(r -> new AuditEntry(r.instant("happened_at"),
                        r.text("actor"), AuditAction.valueOf(r.text("audit_action")),
                        r.optText("from_stage").map(ComplaintStage::valueOf),
                        r.optText("to_stage").map(ComplaintStage::valueOf), r.optText("detail"))));
            }
        });
    }

    @Override
    public int redactAuditDetails(ComplaintId complaintId, Map<Integer, Optional<String>> details) {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(details, "details");
        details.forEach((position, detail) -> {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(detail, "detail");
        });
        return db.write(c -> {
            if (!exists(c, complaintId)) {
                throw new ComplaintNotFoundException(complaintId);
            }
            List<Long> rows;
            try (Stmt st = new Stmt(c, "SELECT id FROM " + audit + " WHERE complaint_id = ? ORDER BY id")) {
                rows = st.uuid(complaintId.value()).list(r -> r.bigint("id"));
            }
            for (int position : details.keySet()) {
                if (position < 0 || position >= rows.size()) {
                    throw new IllegalArgumentException("audit position " + position + " is outside the trail of "
                            + rows.size() + " entries of complaint " + complaintId);
                }
            }
            int changed = 0;
            try (Stmt st = new Stmt(c, "UPDATE " + audit + " SET detail = ? WHERE id = ?"
                    + " AND detail IS DISTINCT FROM ?")) {
                for (Map.Entry<Integer, Optional<String>> e : details.entrySet()) {
                    changed += st.reset().text(e.getValue()).bigint(rows.get(e.getKey())).text(e.getValue())
                            .update();
                }
            }
            return changed;
        }, null);
    }

    // ------------------------------------------------------------------------------------------ improvement items

    @Override
    public ImprovementItem insertImprovement(ImprovementItem item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "item");
        ImprovementItem stored = item.withVersion(1);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + improvements + " (" + IMPROVEMENT_COLUMNS + ") VALUES ("
                    + Stmt.marks(10) + ")")) {
                st.uuid(stored.id().value());
                bindImprovement(st, stored);
                st.bigint(stored.version()).update();
            }
            return stored;
        }, c -> explainImprovementClash(c, stored, true));
    }

    @Override
    public ImprovementItem updateImprovement(ImprovementItem item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "item");
        ImprovementItem stored = item.withVersion(item.version() + 1);
        return db.write(c -> {
            int n;
            try (Stmt st = new Stmt(c, "UPDATE " + improvements + " SET issue_dimension = ?, issue_code = ?,"
                    + " status = ?, detection_round = ?, detected_at = ?, complaint_ids = ?, plan_text = ?,"
                    + " updated_at = ?, version = ? WHERE id = ? AND version = ?")) {
                bindImprovement(st, stored);
                n = st.bigint(stored.version()).uuid(stored.id().value()).bigint(item.version()).update();
            }
            if (n == 0) {
                if (findImprovement(c, item.id().value()).isPresent()) {
                    throw new StaleVersionException("improvement", item.id(), item.version());
                }
                throw new ImprovementNotFoundException(item.id());
            }
            return stored;
        }, c -> explainImprovementClash(c, stored, false));
    }

    private static void bindImprovement(Stmt st, ImprovementItem i) throws SQLException {
        st.text(i.issue().dimension().name())
                .text(i.issue().code())
                .text(i.status().name())
                .integer(i.round())
                .instant(i.detectedAt())
                .text(ComplaintEncodings.complaintIds(i.complaints()))
                .text(i.plan())
                .instant(i.updatedAt());
    }

    private RuntimeException explainImprovementClash(Connection c, ImprovementItem item, boolean insert)
            throws SQLException {
        if (insert && findImprovement(c, item.id().value()).isPresent()) {
            return DuplicateEntityException.ofId("improvement", item.id());
        }
        Optional<ImprovementItem> holder = findImprovementByIssue(c, item.issue());
        if (holder.isPresent() && !holder.get().id().equals(item.id())) {
            return new DuplicateEntityException("improvement", "issue",
                    "an improvement item for " + item.issue() + " already exists");
        }
        return null;
    }

    private static ImprovementItem improvementRow(Stmt.Row r) throws SQLException {
        return new ImprovementItem(new ImprovementId(r.uuid("id")),
                new IssueKey(IssueDimension.valueOf(r.text("issue_dimension")), r.text("issue_code")),
                ImprovementStatus.valueOf(r.text("status")), r.integer("detection_round"), r.instant("detected_at"),
                ComplaintEncodings.readComplaintIds(r.text("complaint_ids")), r.optText("plan_text"),
                r.instant("updated_at"), r.bigint("version"));
    }

    private Optional<ImprovementItem> findImprovement(Connection c, UUID id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + IMPROVEMENT_COLUMNS + " FROM " + improvements + " WHERE id = ?")) {
            return st.uuid(id).first(JdbcComplaints::improvementRow);
        }
    }

    private Optional<ImprovementItem> findImprovementByIssue(Connection c, IssueKey issue) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT " + IMPROVEMENT_COLUMNS + " FROM " + improvements
                + " WHERE issue_dimension = ? AND issue_code = ?")) {
            return st.text(issue.dimension().name()).text(issue.code()).first(JdbcComplaints::improvementRow);
        }
    }

    @Override
    public Optional<ImprovementItem> findImprovementById(ImprovementId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> findImprovement(c, id.value()));
    }

    @Override
    public Optional<ImprovementItem> findImprovementByIssue(IssueKey issue) {
        Objects.requireNonNull(issue, "issue");
        return db.read(c -> findImprovementByIssue(c, issue));
    }

    @Override
    public Page<ImprovementItem> findImprovementsByStatus(Set<ImprovementStatus> statuses, PageRequest page) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(page, "page");
        if (statuses.isEmpty()) {
            return Page.empty(page);
        }
        List<String> names = statuses.stream().map(Enum::name).sorted().toList();
        return db.page("SELECT " + IMPROVEMENT_COLUMNS + " FROM " + improvements
                    + " WHERE status IN (" + Stmt.marks(names.size()) + ") ORDER BY detected_at, id", page,
                st -> st.texts(names),
                (c, st) -> st.list(JdbcComplaints::improvementRow));
    }
}
