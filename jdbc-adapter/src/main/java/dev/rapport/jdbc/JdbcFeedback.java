package dev.rapport.jdbc;

import dev.rapport.spi.feedback.SurveyAnswers;
import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.interaction.InteractionId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Feedback responses over JDBC, append-only but for redaction. Thread-safe. */
final class JdbcFeedback implements FeedbackRepository {

    private static final String COLUMNS = "id, customer_id, metric, scale_min, scale_max, scale_direction, score,"
            + " comment_text, received_at, case_id, interaction_id, order_ref, agent_id, channel, follow_up_id";

    private final Db db;
    private final String table;
    private final String answers;
    private final TimeBounds bounds;

    JdbcFeedback(Db db, Names names) {
        this.db = db;
        this.table = names.of("feedback");
        this.answers = names.of("survey_answer");
        this.bounds = new TimeBounds(db.dialect);
    }

    @Override
    public Feedback insert(Feedback f) {
        ValueDomain.check(f);
        Objects.requireNonNull(f, "feedback");
        return db.write(c -> insertRow(c, f), c -> exists(c, f.id()) ? DuplicateEntityException.ofId("feedback", f.id()) : null);
    }

    /** One batched statement, under one savepoint. */
    @Override
    public List<Feedback> insertAll(List<Feedback> responses) {
        Objects.requireNonNull(responses, "responses");
        for (Feedback f : responses) {
            Objects.requireNonNull(f, "feedback");
            ValueDomain.check(f);
        }
        if (responses.isEmpty()) {
            return List.of();
        }
        List<Feedback> stored = List.copyOf(responses);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(15) + ")")) {
                for (Feedback f : stored) {
                    bindRow(st, f);
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
            return stored;
        }, c -> {
            java.util.Set<FeedbackId> seen = new java.util.HashSet<>();
            for (Feedback f : stored) {
                if (!seen.add(f.id()) || exists(c, f.id())) {
                    return DuplicateEntityException.ofId("feedback", f.id());
                }
            }
            return null;
        });
    }

    /** Binds a response's columns, in the order of {@code COLUMNS}, for one insert or one row of a batch. */
    private static Stmt bindRow(Stmt st, Feedback f) throws SQLException {
        return st.uuid(f.id().value())
                .uuid(f.customerId().value())
                .text(f.metric().name())
                .integer(f.scale().min())
                .integer(f.scale().max())
                .text(f.scale().direction().name())
                .integer(f.score())
                .text(f.comment())
                .instant(f.receivedAt())
                .uuid(f.caseId().map(CaseId::value).orElse(null))
                .uuid(f.interactionId().map(InteractionId::value).orElse(null))
                .text(f.orderRef())
                .uuid(f.agentId().map(AgentId::value).orElse(null))
                .text(f.channel().map(Channel::code))
                .uuid(f.followUpId().map(FollowUpId::value).orElse(null));
    }

    private Feedback insertRow(Connection c, Feedback f) throws SQLException {
            try (Stmt st = new Stmt(c, "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + Stmt.marks(15) + ")")) {
                bindRow(st, f).update();
            }
            return f;
    }

    private boolean exists(Connection c, FeedbackId id) throws SQLException {
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + table + " WHERE id = ?")) {
            return st.uuid(id.value()).first(r -> Boolean.TRUE).isPresent();
        }
    }

    private static Feedback row(Stmt.Row r) throws SQLException {
        return Feedback.builder()
                .id(new FeedbackId(r.uuid("id")))
                .customerId(new CustomerId(r.uuid("customer_id")))
                .metric(FeedbackMetric.valueOf(r.text("metric")))
                .scale(new Scale(r.integer("scale_min"), r.integer("scale_max"),
                        ScaleDirection.valueOf(r.text("scale_direction"))))
                .score(r.integer("score"))
                .comment(r.optText("comment_text").orElse(null))
                .receivedAt(r.instant("received_at"))
                .caseId(r.optUuid("case_id").map(CaseId::new).orElse(null))
                .interactionId(r.optUuid("interaction_id").map(InteractionId::new).orElse(null))
                .orderRef(r.optText("order_ref").orElse(null))
                .agentId(r.optUuid("agent_id").map(AgentId::new).orElse(null))
                .channel(r.optText("channel").map(Channel::new).orElse(null))
                .followUpId(r.optUuid("follow_up_id").map(FollowUpId::new).orElse(null))
                .build();
    }

    @Override
    public Optional<Feedback> findById(FeedbackId id) {
        Objects.requireNonNull(id, "id");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
                return st.uuid(id.value()).first(JdbcFeedback::row);
            }
        });
    }

    @Override
    public List<Feedback> findByCase(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + " WHERE case_id = ? ORDER BY received_at, id")) {
                return st.uuid(caseId.value()).list(JdbcFeedback::row);
            }
        });
    }

    @Override
    public Page<Feedback> findByCustomer(CustomerId customerId, PageRequest page) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE customer_id = ? ORDER BY received_at, id", page,
                st -> st.uuid(customerId.value()),
                (c, st) -> st.list(JdbcFeedback::row));
    }

    @Override
    public Page<Feedback> findReceivedBetween(TimeRange received, PageRequest page) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(page, "page");
        return db.page("SELECT " + COLUMNS + " FROM " + table
                    + " WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id", page,
                st -> bounds.bind(st, received),
                (c, st) -> st.list(JdbcFeedback::row));
    }

    @Override
    public int redactForCustomer(CustomerId customerId, String placeholder) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(placeholder, "placeholder");
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET comment_text = ? WHERE customer_id = ?"
                    + " AND comment_text IS NOT NULL AND comment_text <> ?")) {
                return st.text(placeholder).uuid(customerId.value()).text(placeholder).update();
            }
        }, null);
    }

    @Override
    public boolean redact(FeedbackId id, Optional<String> comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(comment, "comment");
        return db.write(c -> {
            int changed;
            try (Stmt st = new Stmt(c, "UPDATE " + table + " SET comment_text = ? WHERE id = ?"
                    + " AND comment_text IS DISTINCT FROM ?")) {
                changed = st.text(comment).uuid(id.value()).text(comment).update();
            }
            if (changed == 0 && !exists(c, id)) {
                throw new FeedbackNotFoundException(id);
            }
            return changed > 0;
        }, null);
    }
    @Override
    public List<Feedback> insertSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return db.write(c -> {
            try (Stmt st = new Stmt(c, "INSERT INTO " + answers + " (follow_up_id, answered_at) VALUES (?, ?)")) {
                st.uuid(followUpId.value()).instant(responses.get(0).receivedAt()).update();
            }
            for (Feedback f : responses) {
                insertRow(c, f);
            }
            return List.copyOf(responses);
        }, c -> clash(c, followUpId, responses));
    }

    @Override
    public List<Feedback> replaceSurveyAnswer(FollowUpId followUpId, List<Feedback> responses) {
        SurveyAnswers.check(followUpId, responses);
        return db.write(c -> {
            int updated;
            // the answer's row is locked first, so that concurrent replacements of one answer run one after the other
            try (Stmt st = new Stmt(c, "UPDATE " + answers + " SET answered_at = ? WHERE follow_up_id = ?")) {
                updated = st.instant(responses.get(0).receivedAt()).uuid(followUpId.value()).update();
            }
            if (updated == 0) {
                try (Stmt st = new Stmt(c, "INSERT INTO " + answers + " (follow_up_id, answered_at) VALUES (?, ?)")) {
                    st.uuid(followUpId.value()).instant(responses.get(0).receivedAt()).update();
                }
            }
            try (Stmt st = new Stmt(c, "DELETE FROM " + table + " WHERE follow_up_id = ?")) {
                st.uuid(followUpId.value()).update();
            }
            for (Feedback f : responses) {
                insertRow(c, f);
            }
            return List.copyOf(responses);
        }, c -> clash(c, followUpId, responses));
    }

    @Override
    public List<Feedback> findBySurvey(FollowUpId followUpId) {
        Objects.requireNonNull(followUpId, "followUpId");
        return db.read(c -> {
            try (Stmt st = new Stmt(c, "SELECT " + COLUMNS + " FROM " + table
                    + " WHERE follow_up_id = ? ORDER BY received_at, id")) {
                return st.uuid(followUpId.value()).list(JdbcFeedback::row);
            }
        });
    }

    /** Which key a failed survey answer clashed on: a response id taken by another answer, else the follow-up. */
    private RuntimeException clash(Connection c, FollowUpId followUpId, List<Feedback> responses) throws SQLException {
        for (Feedback f : responses) {
            try (Stmt st = new Stmt(c, "SELECT follow_up_id FROM " + table + " WHERE id = ?")) {
                Optional<Optional<java.util.UUID>> taken = st.uuid(f.id().value()).first(r -> r.optUuid("follow_up_id"));
                if (taken.isPresent() && !taken.get().equals(Optional.of(followUpId.value()))) {
                    return DuplicateEntityException.ofId("feedback", f.id());
                }
            }
        }
        try (Stmt st = new Stmt(c, "SELECT 1 FROM " + answers + " WHERE follow_up_id = ?")) {
            if (st.uuid(followUpId.value()).first(r -> Boolean.TRUE).isPresent()) {
                return new DuplicateEntityException("feedback", "followUpId",
                        "survey follow-up " + followUpId + " is already answered");
            }
        }
        return null;
    }
}
