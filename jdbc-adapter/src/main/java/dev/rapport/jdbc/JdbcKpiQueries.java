package dev.rapport.jdbc;

import dev.rapport.spi.kpi.BacklogSnapshot;
import dev.rapport.spi.kpi.CallCounts;
import dev.rapport.spi.kpi.Containment;
import dev.rapport.spi.kpi.Count;
import dev.rapport.spi.kpi.CustomerBase;
import dev.rapport.spi.kpi.CustomerValue;
import dev.rapport.spi.kpi.DurationSummary;
import dev.rapport.spi.kpi.FcrCounts;
import dev.rapport.spi.kpi.HandleTimeTotals;
import dev.rapport.spi.kpi.Loyalty;
import dev.rapport.spi.kpi.PurchaseTotals;
import dev.rapport.spi.kpi.ReopenCounts;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.RevenueAfterService;
import dev.rapport.spi.kpi.ScoreCount;
import dev.rapport.spi.kpi.ScoreHistogram;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.SurveyResponses;
import dev.rapport.spi.kpi.Tallies;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The KPI questions answered in SQL, on PostgreSQL and H2: grouping, counting, summing, exclusion counting by
 * reason and percentiles ({@code PERCENTILE_CONT}) run in the database, so that a report reads a few aggregated
 * rows instead of every record. Where the definitions need a case's status history (kept as JSON text), a walk in
 * time order (next reply waits, forward repeat-contact windows) or a time basis other than calendar time, the rows
 * the figure needs are streamed by one query each and finished in Java with the same rules as the reference; see
 * {@code docs/kpis.md}, "Pushdown". Gives the reference's answers, as the spi-tck's {@code KpiParityContract}
 * proves. Thread-safe: holds no state between calls.
 */
final class JdbcKpiQueries extends KpiSql implements KpiQueries {

    private final ReplyKpiSql replies;
    private final ContactKpiSql contacts;
    private final CustomerKpiSql customerQuestions;

    JdbcKpiQueries(Db db, Names names) {
        super(db, names);
        this.replies = new ReplyKpiSql(db, names);
        this.contacts = new ContactKpiSql(db, names);
        this.customerQuestions = new CustomerKpiSql(db, names);
    }

    // ----------------------------------------------------------------------------------------------- feedback

    @Override
    public Tallies<ScoreHistogram> feedbackScores(FeedbackMetric metric, Slice slice) {
        Objects.requireNonNull(metric, "metric");
        // the rating's case, customer and agent joined only when its group reads them (see KpiSql.reads)
        String g = group(slice, FEEDBACK).toString();
        boolean agent = reads(g, "ag");
        Sql sql = sql().add("SELECT g, scale_min, scale_max, scale_direction, score, COUNT(*) AS n FROM (SELECT ")
                .add(group(slice, FEEDBACK)).add(" AS g, f.scale_min, f.scale_max, f.scale_direction, f.score FROM "
                        + feedback + " f" + (agent || reads(g, "k") ? " LEFT JOIN " + cases + " k ON k.id = f.case_id"
                        : "") + (reads(g, "cu") ? " LEFT JOIN " + customers + " cu ON cu.id = f.customer_id" : "")
                        + (agent ? " LEFT JOIN " + agents + " ag ON ag.id = COALESCE(f.agent_id, k.assignee)" : ""))
                .add(labelJoin(slice, "f.case_id", "f.customer_id"))
                .text(" WHERE f.metric = ? AND ", metric.name()).add(period("f.received_at", slice.period()))
                .add(") r GROUP BY g, scale_min, scale_max, scale_direction, score");
        KpiGroups<List<ScoreCount>> groups = new KpiGroups<>(slice, ArrayList::new);
        db.read(c -> {
            try (Stmt st = sql.prepare(c)) {
                st.forEach(row -> {
                    GroupKey key = KpiGroups.read(row, slice);
                    Scale scale = new Scale(row.integer("scale_min"), row.integer("scale_max"),
                            ScaleDirection.valueOf(row.text("scale_direction")));
                    int score = row.integer("score");
                    long n = row.bigint("n");
                    if (onScale(metric, scale, score)) {
                        groups.at(key).add(new ScoreCount(scale, score, n));
                    } else {
                        groups.exclude(key, ExclusionReason.SCORE_OFF_SCALE, n);
                    }
                });
            }
            return null;
        });
        return groups.finish(counts -> new ScoreHistogram(counts.stream().sorted(SCORE_ORDER).toList()));
    }

    private static boolean onScale(FeedbackMetric metric, Scale scale, int score) {
        if (scale.min() >= scale.max() || !scale.contains(score)) {
            return false;
        }
        return metric != FeedbackMetric.NPS || scale.equals(Scale.NPS_0_TO_10);
    }

    @Override
    public Tallies<DurationSummary> firstReplyTimes(Slice slice, ElapsedTime elapsed) {
        return replies.firstReplyTimes(slice, elapsed);
    }

    @Override
    public Tallies<DurationSummary> nextReplyTimes(Slice slice, ElapsedTime elapsed) {
        return replies.nextReplyTimes(slice, elapsed);
    }

    @Override
    public Tallies<DurationSummary> resolutionTimes(ResolutionMilestone milestone, Set<CaseStatus> paused, Slice slice,
            ElapsedTime elapsed) {
        return replies.resolutionTimes(milestone, paused, slice, elapsed);
    }

    @Override
    public Tallies<ReopenCounts> reopens(Slice slice) {
        return replies.reopens(slice);
    }

    @Override
    public Tallies<FcrCounts> firstContactResolution(FcrDefinition definition, Duration repeatWindow, Slice slice) {
        return replies.firstContactResolution(definition, repeatWindow, slice);
    }

    @Override
    public Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice) {
        return contacts.repeatContacts(window, slice);
    }

    @Override
    public Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice) {
        return contacts.containment(window, automatedChannels, slice);
    }

    @Override
    public Tallies<HandleTimeTotals> handleTimes(Slice slice) {
        return contacts.handleTimes(slice);
    }

    @Override
    public Tallies<Count> compliments(Slice slice) {
        return contacts.compliments(slice);
    }

    @Override
    public Tallies<Count> inboundContacts(Slice slice) {
        return contacts.inboundContacts(slice);
    }

    @Override
    public Tallies<CallCounts> calls(Slice slice) {
        return contacts.calls(slice);
    }

    @Override
    public Tallies<DurationSummary> speedOfAnswer(Slice slice) {
        return contacts.speedOfAnswer(slice);
    }

    @Override
    public Tallies<SurveyResponses> surveyResponses(Slice slice) {
        return contacts.surveyResponses(slice);
    }

    @Override
    public Tallies<BacklogSnapshot> backlog(List<Duration> ageBounds, Slice slice, ElapsedTime elapsed) {
        return contacts.backlog(ageBounds, slice, elapsed);
    }

    @Override
    public Tallies<CustomerBase> customerBase(CustomerBaseRule rule, Duration activityWindow, Slice slice) {
        return customerQuestions.customerBase(rule, activityWindow, slice);
    }

    @Override
    public Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        return customerQuestions.purchases(currency, slice);
    }

    @Override
    public Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice) {
        return customerQuestions.loyalty(window, minimumPurchases, slice);
    }

    @Override
    public Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice) {
        return customerQuestions.customerValue(currency, cost, slice);
    }

    @Override
    public Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice) {
        return customerQuestions.revenueAfterService(window, currency, slice);
    }

    @Override
    public String toString() {
        return "SQL KPI queries on " + dialect.name();
    }
}
