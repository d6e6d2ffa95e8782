package dev.rapport.jdbc;

import dev.rapport.jdbc.KpiGroups.Subject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.BacklogSnapshot;
import dev.rapport.spi.kpi.CallCounts;
import dev.rapport.spi.kpi.Containment;
import dev.rapport.spi.kpi.Count;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.HandleTimeTotals;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.SurveyResponses;
import dev.rapport.spi.kpi.Tallies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The contact questions in SQL: repeat contacts, containment, handle times, compliments, inbound contacts,
 * calls, speed of answer, survey responses and the backlog. Part of {@link JdbcKpiQueries}.
 */
final class ContactKpiSql extends KpiSql {

    ContactKpiSql(Db db, Names names) {
        super(db, names);
    }

    // ----------------------------------------------------------------------------------------------- contacts

    /**
     * Uncategorised contacts are counted in SQL; repeats need the forward, non-sliding windows of each customer and
     * category over all history, so the categorised contacts up to the period's end are streamed in time order and
     * walked here.
     */
    public Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice) {
        Objects.requireNonNull(window, "window");
        KpiGroups<long[]> groups = new KpiGroups<>(slice, () -> new long[2]);
        Sql uncategorised = sql().add("SELECT g, COUNT(*) AS n FROM (SELECT ")
                .add(group(slice, caseSubject("c.assignee"))).add(" AS g FROM " + cases + " c")
                .add(caseJoins(slice, "c.assignee")).add(labelJoin(slice, "c.id", "c.customer_id"))
                .add(" WHERE c.category IS NULL AND ")
                .add(period("c.created_at", slice.period())).add(" UNION ALL SELECT ").add(group(slice, INTERACTION))
                .add(" AS g FROM " + interactions + " i").add(interactionJoins(slice))
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.case_id IS NULL AND "
                        + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NULL AND ")
                .add(period("i.occurred_at", slice.period())).add(") r GROUP BY g");
        Sql contacts = sql().add("SELECT g, customer_id, category, at, id, in_period FROM (SELECT ")
                .add(group(slice, caseSubject("c.assignee"))).add(" AS g, c.customer_id, c.category AS category,"
                        + " c.created_at AS at, c.id, CASE WHEN ").add(period("c.created_at", slice.period()))
                .add(" THEN 1 ELSE 0 END AS in_period FROM " + cases + " c").add(caseJoins(slice, "c.assignee"))
                .add(labelJoin(slice, "c.id", "c.customer_id"))
                .instant(" WHERE c.category IS NOT NULL AND c.created_at < ?", slice.period().to())
                .add(" UNION ALL SELECT ").add(group(slice, INTERACTION)).add(" AS g, i.customer_id,"
                        + " i.reason AS category, i.occurred_at AS at, i.id, CASE WHEN ")
                .add(period("i.occurred_at", slice.period())).add(" THEN 1 ELSE 0 END AS in_period FROM "
                        + interactions + " i").add(interactionJoins(slice))
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.case_id IS NULL AND "
                        + CUSTOMER_MESSAGE.formatted("i") + " AND i.reason IS NOT NULL")
                .instant(" AND i.occurred_at < ?", slice.period().to())
                .add(") r ORDER BY customer_id, category, at, id");
        db.read(c -> {
            try (Stmt st = uncategorised.prepare(c)) {
                st.forEach(row -> {
                    groups.exclude(KpiGroups.read(row, slice), ExclusionReason.UNCATEGORISED, row.bigint("n"));
                });
            }
            try (Stmt st = contacts.prepare(c)) {
                // customer, category, window start, last contact, whether it was a repeat
                Object[] run = new Object[5];
                st.forEach(row -> {
                    UUID customer = row.uuid("customer_id");
                    String category = row.text("category");
                    Instant at = row.instant("at");
                    UUID id = row.uuid("id");
                    boolean repeat;
                    if (id.equals(run[3])) {
                        // the same contact again, in another of its groups (by tag): walked once
                        repeat = (Boolean) run[4];
                    } else {
                        if (!customer.equals(run[0]) || !category.equals(run[1])) {
                            run[0] = customer;
                            run[1] = category;
                            run[2] = null;
                        }
                        Instant windowStart = (Instant) run[2];
                        repeat = windowStart != null && at.isBefore(plus(windowStart, window));
                        if (!repeat) {
                            run[2] = at;
                        }
                        run[3] = id;
                        run[4] = repeat;
                    }
                    if (row.integer("in_period") == 1) {
                        long[] counts = groups.at(KpiGroups.read(row, slice));
                        counts[0]++;
                        if (repeat) {
                            counts[1]++;
                        }
                    }
                });
            }
            return null;
        });
        return groups.finish(t -> new RepeatContacts(t[0], t[1]));
    }

    /**
     * The period's automated contacts, each with whether a human contact of the customer followed within the window
     * (an index probe per contact); on H2 the contacts are read from the table whole where the period covers much
     * of the interactions' time span (see {@link #scanFor}).
     */
    public Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice) {
        Objects.requireNonNull(window, "window");
        List<String> automated = automatedChannels.stream().map(Channel::code).sorted().toList();
        Sql inAutomated = channelIn("i.channel", automated);
        Sql humanChannel = sql().add("NOT (").add(channelIn("h.channel", automated)).add(")");
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION))
                .instant(" AS g, CASE WHEN i.occurred_at > ? THEN 'WINDOW_OPEN' END AS reason,"
                        + " CASE WHEN NOT EXISTS (SELECT 1 FROM " + interactions
                        + " h WHERE h.customer_id = i.customer_id"
                        + " AND h.occurred_at >= i.occurred_at AND h.occurred_at < ", minus(slice.asOf(), window))
                .bigint(dialect.plusMicros("i.occurred_at"), windowMicros(window))
                .add(" AND h.handled_by = 'HUMAN' AND h.visibility = 'PUBLIC' AND h.kind NOT IN ('NOTE', 'PURCHASE',"
                        + " 'FEEDBACK') AND ").add(humanChannel).add(") THEN 1 ELSE 0 END AS s1 FROM " + interactions
                        + " i" + scanFor(interactions, "occurred_at", slice.period())).add(interactionJoins(slice)).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE " + CUSTOMER_MESSAGE.formatted("i") + " AND (")
                .add(inAutomated).add(" OR i.handled_by = 'BOT') AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 1, t -> new Containment(t[0], t[1]));
    }

    private Sql channelIn(String column, List<String> codes) {
        if (codes.isEmpty()) {
            return sql().add("1 = 0");
        }
        Sql sql = sql().add(column + " IN (");
        for (int n = 0; n < codes.size(); n++) {
            sql.text(n == 0 ? "?" : ", ?", codes.get(n));
        }
        return sql.add(")");
    }

    /**
     * The period's interactions with a talk time; on H2, where the period covers much of the interactions' time
     * span, read from the table whole rather than row by row through the time index (see {@link #scanFor}).
     */
    public Tallies<HandleTimeTotals> handleTimes(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CASE WHEN i.talk_nanos < 0"
                        + " OR i.hold_nanos < 0 OR i.after_contact_work_nanos < 0 THEN 'NEGATIVE_HANDLE_TIME'"
                        + " WHEN i.handled_by <> 'HUMAN' THEN 'AUTOMATED_HANDLING' END AS reason,"
                        + " i.talk_nanos / 1000 AS s1, i.hold_nanos / 1000 AS s2,"
                        + " i.after_contact_work_nanos / 1000 AS s3"
                        + " FROM " + interactions + " i" + scanFor(interactions, "occurred_at", slice.period()))
                .add(interactionJoins(slice)).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.talk_nanos IS NOT NULL AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 3, t -> new HandleTimeTotals(t[0], t[1], t[2], t[3]));
    }

    /**
     * Compliment interactions, and compliments taken in through the complaints door. A complaint's credited agents
     * are a JSON array of ids; under an agent or team breakdown each is joined to the agents whose id it contains,
     * and each compliment counts once per group ({@code DISTINCT} group and id).
     */
    public Tallies<Count> compliments(Slice slice) {
        Dimension dimension = slice.breakdown().dimension();
        boolean byAgent = dimension == Dimension.AGENT || dimension == Dimension.TEAM;
        Subject compliment = new Subject("c.received_at", "c.channel", "k.category", "cu.segment",
                byAgent ? "ag.id" : null, byAgent ? "COALESCE(k.team, ag.team)" : "k.team", "k.priority");
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason FROM " + interactions + " i").add(interactionJoins(slice))
                .add(labelJoin(slice, "i.case_id", "i.customer_id")).add(" WHERE i.kind = 'COMPLIMENT' AND ").add(period("i.occurred_at", slice.period()))
                .add(" UNION ALL SELECT g, CAST(NULL AS VARCHAR(32)) AS reason FROM (SELECT DISTINCT ")
                .add(group(slice, compliment)).add(" AS g, c.id FROM " + complaints + " c LEFT JOIN " + cases
                        + " k ON k.id = c.case_id LEFT JOIN " + customers + " cu ON cu.id = c.customer_id");
        if (byAgent) {
            records.add(" LEFT JOIN " + agents + " ag ON c.agent_ids LIKE '%' || CAST(ag.id AS VARCHAR(36)) || '%'");
        }
        records.add(labelJoin(slice, "c.case_id", "c.customer_id")).add(" WHERE c.kind = 'COMPLIMENT' AND ").add(period("c.received_at", slice.period())).add(") cc");
        return counted(slice, records, 0, t -> new Count(t[0]));
    }

    // ----------------------------------------------------------------------------------------------- contacts and calls

    /**
     * The period's customer messages; on H2, where the period covers much of the interactions' time span, read
     * from the table whole rather than row by row through the time index (see {@link #scanFor}).
     */
    public Tallies<Count> inboundContacts(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason FROM " + interactions + " i" + scanFor(interactions, "occurred_at",
                        slice.period())).add(interactionJoins(slice))
                .add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE " + CUSTOMER_MESSAGE.formatted("i") + " AND ").add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 0, t -> new Count(t[0]));
    }

    public Tallies<CallCounts> calls(Slice slice) {
        Sql records = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CAST(NULL AS VARCHAR(32))"
                        + " AS reason, CASE WHEN i.kind = 'CALL' THEN 1 ELSE 0 END AS s1,"
                        + " CASE WHEN i.kind = 'MISSED_CALL' THEN 1 ELSE 0 END AS s2,"
                        + " CASE WHEN i.kind = 'MISSED_CALL' AND i.abandoned = TRUE THEN 1 ELSE 0 END AS s3 FROM "
                        + interactions + " i").add(interactionJoins(slice))
                .add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.direction = 'INBOUND' AND i.kind IN ('CALL', 'MISSED_CALL') AND ")
                .add(period("i.occurred_at", slice.period()));
        return counted(slice, records, 3, t -> new CallCounts(t[1], t[2], t[3]));
    }

    /** Summarised in SQL: the wait is stored in nanoseconds and truncated to microseconds, as the reference does. */
    public Tallies<DurationSummary> speedOfAnswer(Slice slice) {
        Sql measured = sql().add("SELECT ").add(group(slice, INTERACTION)).add(" AS g, CASE WHEN i.wait_nanos IS NULL"
                        + " THEN 'MISSING_WAIT_TIME' END AS reason, i.wait_nanos / 1000 AS m FROM " + interactions
                        + " i").add(interactionJoins(slice)).add(labelJoin(slice, "i.case_id", "i.customer_id"))
                .add(" WHERE i.direction = 'INBOUND' AND i.kind = 'CALL' AND ")
                .add(period("i.occurred_at", slice.period()));
        return summarised(slice, measured);
    }

    // ----------------------------------------------------------------------------------------------- surveys

    public Tallies<SurveyResponses> surveyResponses(Slice slice) {
        Subject survey = new Subject("fu.due_at", "fu.channel", "k.category", "cu.segment", "k.assignee",
                "COALESCE(k.team, ag.team)", "k.priority");
        Sql records = sql().add("SELECT ").add(group(slice, survey)).add(" AS g, CAST(NULL AS VARCHAR(32)) AS reason,"
                        + " CASE WHEN EXISTS (SELECT 1 FROM " + feedback + " a WHERE a.follow_up_id = fu.id)"
                        + " THEN 1 ELSE 0 END AS s1 FROM " + followUps + " fu LEFT JOIN " + cases
                        + " k ON k.id = fu.case_id LEFT JOIN " + customers + " cu ON cu.id = fu.customer_id"
                        + " LEFT JOIN " + agents + " ag ON ag.id = k.assignee")
                .add(labelJoin(slice, "fu.case_id", "fu.customer_id")).add(" WHERE fu.kind = 'survey' AND fu.status = 'SENT' AND ").add(period("fu.due_at", slice.period()));
        return counted(slice, records, 1, t -> new SurveyResponses(t[0], t[1]));
    }

    // ----------------------------------------------------------------------------------------------- backlog

    /** Streamed: the status at the moment, and whether the history adds up, are read from the history JSON. */
    public Tallies<BacklogSnapshot> backlog(List<Duration> ageBounds, Slice slice, ElapsedTime elapsed) {
        Instant at = slice.period().to();
        Sql sql = sql().add("SELECT ").add(group(slice, caseSubject("c.assignee"))).add(" AS g, c.created_at,"
                        + " c.status, c.history FROM " + cases + " c").add(caseJoins(slice, "c.assignee"))
                .add(labelJoin(slice, "c.id", "c.customer_id")).instant(" WHERE c.created_at < ?", at);
        KpiGroups<Backlog> groups = new KpiGroups<>(slice, () -> new Backlog(ageBounds));
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                boolean byStatus = slice.breakdown().dimension() == Dimension.CASE_STATUS;
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Instant created = row.instant("created_at");
                    CaseStatus status = CaseStatus.valueOf(row.text("status"));
                    List<StatusChange> history = Encodings.readHistory(row.text("history"));
                    if (!historyConsistent(created, status, history)) {
                        groups.exclude(key, ExclusionReason.INCONSISTENT_HISTORY, 1);
                    } else {
                        CaseStatus then = statusAt(status, history, at);
                        if (then.isUnresolved()) {
                            // by status: the status the case had at the moment, not its status now
                            groups.at(byStatus ? GroupKey.of(Dimension.CASE_STATUS, then.name()) : key)
                                    .add(elapsed.between(created, at));
                        }
                    }
                });
            }
            return null;
        });
        return groups.finish(Backlog::snapshot);
    }

    static final class Backlog {
        private final List<Duration> bounds;
        private final long[] bands;
        private final Micros ages = new Micros();
        private long cases;

        Backlog(List<Duration> bounds) {
            this.bounds = bounds;
            this.bands = new long[bounds.size() + 1];
        }

        void add(Duration age) {
            cases++;
            ages.add(micros(age));
            int band = 0;
            while (band < bounds.size() && age.compareTo(bounds.get(band)) >= 0) {
                band++;
            }
            bands[band]++;
        }

        BacklogSnapshot snapshot() {
            List<Long> counts = new ArrayList<>();
            for (long band : bands) {
                counts.add(band);
            }
            return new BacklogSnapshot(cases, ages.summary(), counts);
        }
    }

}
