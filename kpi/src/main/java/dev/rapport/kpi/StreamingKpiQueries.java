package dev.rapport.kpi;

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
import dev.rapport.kpi.StreamingSubjects.CaseSubject;
import dev.rapport.kpi.StreamingSubjects.FeedbackSubject;
import dev.rapport.kpi.StreamingSubjects.InteractionSubject;
import dev.rapport.kpi.StreamingSubjects.SurveySubject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.FcrDefinition;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.KpiQueries;
import dev.rapport.spi.kpi.ResolutionMilestone;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference answers to {@link KpiQueries}: streams over the storage ports page by page, holding one page and
 * one accumulator per group at a time (plus every duration of a group, for exact percentiles). Where a record needs
 * another one (a case's interactions, a customer's earlier contacts), it is looked up one record at a time. Works
 * on any {@link RapportStorage}; a database adapter can answer faster in SQL, but must give these answers.
 *
 * <p>Reads are not wrapped in a transaction: on a store that changes meanwhile, a figure reflects the data as each
 * page was read. Thread-safe: it holds no state between calls.
 */
public final class StreamingKpiQueries implements KpiQueries {

    /** The page size used unless another is given: {@value}. */
    public static final int DEFAULT_PAGE_SIZE = dev.rapport.spi.PageRequest.MAX_LIMIT;

    private static final Comparator<ScoreCount> SCORE_ORDER = Comparator
            .comparingInt((ScoreCount s) -> s.scale().min()).thenComparingInt(s -> s.scale().max())
            .thenComparing(s -> s.scale().direction()).thenComparingInt(ScoreCount::score);

    private final RapportStorage storage;
    private final int pageSize;
    private final StreamingReads read;
    private final StreamingContactQueries contacts;
    private final StreamingCustomerQueries customers;

    /**
     * Answers from the storage, reading {@value #DEFAULT_PAGE_SIZE} records per page.
     *
     * @param storage the storage whose records are read, page by page
     */
    public StreamingKpiQueries(RapportStorage storage) {
        this(storage, DEFAULT_PAGE_SIZE);
    }

    /**
     * Answers from the storage.
     *
     * @param storage the storage to read
     * @param pageSize records per page, 1 to {@link dev.rapport.spi.PageRequest#MAX_LIMIT}
     */
    public StreamingKpiQueries(RapportStorage storage, int pageSize) {
        this.storage = Objects.requireNonNull(storage, "storage");
        if (pageSize < 1 || pageSize > dev.rapport.spi.PageRequest.MAX_LIMIT) {
            throw dev.rapport.spi.ValidationException.of("StreamingKpiQueries", "pageSize", "Range",
                    "must be between 1 and " + dev.rapport.spi.PageRequest.MAX_LIMIT);
        }
        this.pageSize = pageSize;
        this.read = new StreamingReads(storage, pageSize);
        this.contacts = new StreamingContactQueries(read);
        this.customers = new StreamingCustomerQueries(read);
    }

    // ----------------------------------------------------------------------------------------------- feedback

    @Override
    public Tallies<ScoreHistogram> feedbackScores(FeedbackMetric metric, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<Map<ScoreKey, Long>> groups = new Groups<>(HashMap::new);
        for (Feedback f : PageWalk.byTime(slice.period(), pageSize, storage.feedback()::findReceivedBetween,
                Feedback::receivedAt)) {
            if (f.metric() != metric) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new FeedbackSubject(f, grouper));
            if (!onScale(f)) {
                groups.exclude(keys, ExclusionReason.SCORE_OFF_SCALE);
                continue;
            }
            groups.each(keys, counts -> counts.merge(new ScoreKey(f.scale(), f.score()), 1L, Long::sum));
        }
        return groups.finish(counts -> new ScoreHistogram(counts.entrySet().stream()
                .map(e -> new ScoreCount(e.getKey().scale(), e.getKey().score(), e.getValue()))
                .sorted(SCORE_ORDER).toList()));
    }

    private static boolean onScale(Feedback f) {
        Scale scale = f.scale();
        if (scale == null || scale.direction() == null || scale.min() >= scale.max() || !scale.contains(f.score())) {
            return false;
        }
        return f.metric() != FeedbackMetric.NPS || scale.equals(Scale.NPS_0_TO_10);
    }

    // ----------------------------------------------------------------------------------------------- replies

    @Override
    public Tallies<DurationSummary> firstReplyTimes(Slice slice, ElapsedTime elapsed) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<Groups.Micros> groups = new Groups<>(Groups.Micros::new);
        for (Case c : read.casesCreated(slice.period())) {
            Optional<Interaction> firstReply = storage.interactions().findByCase(c.id()).stream()
                    .filter(Interaction::isHumanPublicReply).findFirst();
            Optional<Instant> replied = firstReply.map(Interaction::occurredAt).or(c::firstReplyAt);
            Optional<AgentId> agent = firstReply.flatMap(Interaction::agentId).or(c::assignee);
            List<GroupKey> keys = grouper.keys(new CaseSubject(c, agent));
            Optional<ExclusionReason> creation = CaseFacts.creationProblem(c);
            if (creation.isPresent()) {
                groups.exclude(keys, creation.get());
            } else if (replied.isEmpty()) {
                groups.exclude(keys, ExclusionReason.NOT_YET_REPLIED);
            } else if (replied.get().isBefore(c.createdAt())) {
                groups.exclude(keys, ExclusionReason.REPLIED_BEFORE_CREATED);
            } else if (CaseFacts.repliedAfterResolved(c, replied)) {
                groups.exclude(keys, ExclusionReason.REPLIED_AFTER_RESOLVED);
            } else {
                long micros = Times.micros(elapsed.between(c.createdAt(), replied.get()));
                groups.each(keys, m -> m.add(micros));
            }
        }
        return groups.finish(Groups.Micros::summary);
    }

    @Override
    public Tallies<DurationSummary> nextReplyTimes(Slice slice, ElapsedTime elapsed) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<Groups.Micros> groups = new Groups<>(Groups.Micros::new);
        for (Case c : read.casesCreated(slice.period())) {
            List<Interaction> interactions = storage.interactions().findByCase(c.id());
            if (CaseFacts.repliedBeforeCreated(c, interactions)) {
                groups.exclude(grouper.keys(new CaseSubject(c, c.assignee())), ExclusionReason.REPLIED_BEFORE_CREATED);
                continue;
            }
            List<Instant> resolutions = CaseFacts.resolutionInstants(c);
            int nextResolution = 0;
            boolean firstReplySeen = false;
            Instant waitingSince = null;
            for (Interaction i : interactions) {
                while (nextResolution < resolutions.size()
                        && resolutions.get(nextResolution).isBefore(i.occurredAt())) {
                    waitingSince = null; // a resolution answers whatever was waiting
                    nextResolution++;
                }
                if (CaseFacts.isCustomerMessage(i)) {
                    if (firstReplySeen && waitingSince == null) {
                        waitingSince = i.occurredAt();
                    }
                } else if (i.isHumanPublicReply()) {
                    if (!firstReplySeen) {
                        firstReplySeen = true;
                    } else if (waitingSince != null) {
                        long micros = Times.micros(elapsed.between(waitingSince, i.occurredAt()));
                        groups.each(grouper.keys(new CaseSubject(c, i.agentId().or(c::assignee))),
                                m -> m.add(micros));
                        waitingSince = null;
                    }
                }
            }
            if (nextResolution < resolutions.size()) {
                waitingSince = null; // resolved after the last interaction
            }
            if (waitingSince != null) {
                groups.exclude(grouper.keys(new CaseSubject(c, c.assignee())), ExclusionReason.AWAITING_REPLY);
            }
        }
        return groups.finish(Groups.Micros::summary);
    }

    // ----------------------------------------------------------------------------------------------- resolutions

    @Override
    public Tallies<DurationSummary> resolutionTimes(ResolutionMilestone milestone, Set<CaseStatus> paused,
            Slice slice, ElapsedTime elapsed) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<Groups.Micros> groups = new Groups<>(Groups.Micros::new);
        for (Case c : read.casesCreated(slice.period())) {
            List<GroupKey> keys = grouper.keys(new CaseSubject(c, c.assignee()));
            Optional<ExclusionReason> problem = CaseFacts.creationProblem(c).or(() -> CaseFacts.resolutionProblem(c));
            if (problem.isEmpty() && !paused.isEmpty() && !CaseFacts.historyConsistent(c)) {
                problem = Optional.of(ExclusionReason.INCONSISTENT_HISTORY);
            }
            if (problem.isPresent()) {
                groups.exclude(keys, problem.get());
                continue;
            }
            Optional<Instant> end = milestone == ResolutionMilestone.FIRST ? c.firstResolvedAt()
                    : c.status().isUnresolved() ? Optional.empty() : c.resolvedAt();
            if (end.isEmpty()) {
                groups.exclude(keys, ExclusionReason.UNRESOLVED);
                continue;
            }
            Duration time = paused.isEmpty() ? elapsed.between(c.createdAt(), end.get())
                    : CaseFacts.activeTime(c, end.get(), paused, elapsed);
            long micros = Times.micros(time);
            groups.each(keys, m -> m.add(micros));
        }
        return groups.finish(Groups.Micros::summary);
    }

    @Override
    public Tallies<ReopenCounts> reopens(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Case c : read.casesCreated(slice.period())) {
            List<GroupKey> keys = grouper.keys(new CaseSubject(c, c.assignee()));
            Optional<ExclusionReason> problem = CaseFacts.resolutionProblem(c);
            if (problem.isPresent()) {
                groups.exclude(keys, problem.get());
            } else if (c.firstResolvedAt().isEmpty()) {
                groups.exclude(keys, ExclusionReason.UNRESOLVED);
            } else {
                groups.each(keys, counts -> {
                    counts[0]++;
                    if (c.reopenCount() > 0) {
                        counts[1]++;
                    }
                });
            }
        }
        return groups.finish(counts -> new ReopenCounts(counts[0], counts[1]));
    }

    @Override
    public Tallies<FcrCounts> firstContactResolution(FcrDefinition definition, Duration repeatWindow, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Case c : read.casesCreated(slice.period())) {
            List<GroupKey> keys = grouper.keys(new CaseSubject(c, c.assignee()));
            Optional<ExclusionReason> problem = CaseFacts.resolutionProblem(c);
            if (problem.isPresent()) {
                groups.exclude(keys, problem.get());
                continue;
            }
            if (c.firstResolvedAt().isEmpty()) {
                groups.exclude(keys, ExclusionReason.UNRESOLVED);
                continue;
            }
            List<Interaction> interactions = storage.interactions().findByCase(c.id());
            if (CaseFacts.repliedBeforeCreated(c, interactions)) {
                groups.exclude(keys, ExclusionReason.REPLIED_BEFORE_CREATED);
                continue;
            }
            if (CaseFacts.repliedAfterResolved(c, CaseFacts.firstReply(c, interactions))) {
                groups.exclude(keys, ExclusionReason.REPLIED_AFTER_RESOLVED);
                continue;
            }
            boolean firstContact;
            if (c.reopenCount() > 0) {
                firstContact = false;
            } else {
                long replies = interactions.stream().filter(Interaction::isHumanPublicReply).count();
                switch (definition) {
                    case ONE_AGENT_REPLY -> firstContact = replies == 1;
                    case AT_MOST_ONE_AGENT_REPLY -> firstContact = replies <= 1;
                    case ONE_CUSTOMER_CONTACT ->
                        firstContact = interactions.stream().filter(CaseFacts::isCustomerMessage).count() == 1;
                    case NO_REPEAT_CONTACT -> {
                        Instant resolved = c.firstResolvedAt().get();
                        Instant windowEnd = Times.plus(resolved, repeatWindow);
                        if (windowEnd.isAfter(slice.asOf())) {
                            groups.exclude(keys, ExclusionReason.WINDOW_OPEN);
                            continue;
                        }
                        firstContact = !hasOtherContact(c, TimeRange.of(resolved, windowEnd));
                    }
                    default -> throw new IllegalStateException("unknown definition " + definition);
                }
            }
            boolean met = firstContact;
            groups.each(keys, counts -> {
                counts[0]++;
                if (met) {
                    counts[1]++;
                }
            });
        }
        return groups.finish(counts -> new FcrCounts(counts[0], counts[1]));
    }

    /** Whether the case's customer made another contact in the range, on its category (any, if it has none). */
    private boolean hasOtherContact(Case c, TimeRange range) {
        Optional<String> category = c.category();
        for (Case other : read.casesOf(c.customerId())) {
            if (!other.id().equals(c.id()) && range.contains(other.createdAt())
                    && (category.isEmpty() || category.equals(other.category()))) {
                return true;
            }
        }
        for (Interaction i : read.interactionsOf(c.customerId(), range)) {
            if (CaseFacts.isCaselessContact(i) && (category.isEmpty() || category.equals(i.reason()))) {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------- contacts

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

    // ----------------------------------------------------------------------------------------------- contacts and calls

    @Override
    public Tallies<Count> inboundContacts(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[1]);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (CaseFacts.isCustomerMessage(i)) {
                groups.each(grouper.keys(new InteractionSubject(i, grouper)), c -> c[0]++);
            }
        }
        return groups.finish(c -> new Count(c[0]));
    }

    @Override
    public Tallies<CallCounts> calls(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[3]);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (!isInboundCall(i)) {
                continue;
            }
            groups.each(grouper.keys(new InteractionSubject(i, grouper)), counts -> {
                if (i.kind() == InteractionKind.CALL) {
                    counts[0]++;
                } else {
                    counts[1]++;
                    if (i.abandoned()) {
                        counts[2]++;
                    }
                }
            });
        }
        return groups.finish(c -> new CallCounts(c[0], c[1], c[2]));
    }

    @Override
    public Tallies<DurationSummary> speedOfAnswer(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<Groups.Micros> groups = new Groups<>(Groups.Micros::new);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (i.kind() != InteractionKind.CALL || !i.isFromCustomer()) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            if (i.waitTime().isEmpty()) {
                groups.exclude(keys, ExclusionReason.MISSING_WAIT_TIME);
            } else {
                long micros = Times.micros(i.waitTime().get());
                groups.each(keys, m -> m.add(micros));
            }
        }
        return groups.finish(Groups.Micros::summary);
    }

    /** A call from the customer: inbound, answered or not. */
    private static boolean isInboundCall(Interaction i) {
        return i.isFromCustomer() && (i.kind() == InteractionKind.CALL || i.kind() == InteractionKind.MISSED_CALL);
    }

    // ----------------------------------------------------------------------------------------------- surveys

    @Override
    public Tallies<SurveyResponses> surveyResponses(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        // by key over the period only: each page is found through the (status, due_at, id) index, so the walk reads
        // the surveys sent in the period, however many follow-ups were sent before or after it
        for (FollowUp f : PageWalk.<FollowUp>byKey(pageSize, (last, size) -> storage.followUps()
                .listDueBetween(FollowUpStatus.SENT, FollowUpKind.SURVEY, slice.period(), last, size))) {
            boolean answered = !storage.feedback().findBySurvey(f.id()).isEmpty();
            groups.each(grouper.keys(new SurveySubject(f, grouper)), counts -> {
                counts[0]++;
                if (answered) {
                    counts[1]++;
                }
            });
        }
        return groups.finish(c -> new SurveyResponses(c[0], c[1]));
    }

    // ----------------------------------------------------------------------------------------------- backlog

    @Override
    public Tallies<BacklogSnapshot> backlog(List<Duration> ageBounds, Slice slice, ElapsedTime elapsed) {
        Instant at = slice.period().to();
        Grouper grouper = new Grouper(storage, slice);
        Groups<BacklogAccumulator> groups = new Groups<>(() -> new BacklogAccumulator(ageBounds));
        for (Case c : read.casesCreated(TimeRange.of(Instant.MIN, at))) {
            boolean byStatus = slice.breakdown().dimension() == Dimension.CASE_STATUS;
            List<GroupKey> keys = byStatus ? List.of(GroupKey.of(Dimension.CASE_STATUS, null))
                    : grouper.keys(new CaseSubject(c, c.assignee()));
            if (!CaseFacts.historyConsistent(c)) {
                groups.exclude(keys, ExclusionReason.INCONSISTENT_HISTORY);
            } else {
                CaseStatus status = CaseFacts.statusAt(c, at);
                if (status.isUnresolved()) {
                    // by status: the status the case had at the moment, not its status now
                    Duration age = elapsed.between(c.createdAt(), at);
                    groups.each(byStatus ? List.of(GroupKey.of(Dimension.CASE_STATUS, status.name())) : keys,
                            backlog -> backlog.add(age));
                }
            }
        }
        return groups.finish(BacklogAccumulator::snapshot);
    }

    private static final class BacklogAccumulator {
        private final List<Duration> bounds;
        private final long[] bands;
        private final Groups.Micros ages = new Groups.Micros();
        private long cases;

        BacklogAccumulator(List<Duration> bounds) {
            this.bounds = bounds;
            this.bands = new long[bounds.size() + 1];
        }

        void add(Duration age) {
            cases++;
            ages.add(Times.micros(age));
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

    // ----------------------------------------------------------------------------------------------- customers

    @Override
    public Tallies<CustomerBase> customerBase(CustomerBaseRule rule, Duration activityWindow, Slice slice) {
        return customers.customerBase(rule, activityWindow, slice);
    }

    @Override
    public Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        return customers.purchases(currency, slice);
    }

    @Override
    public Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice) {
        return customers.loyalty(window, minimumPurchases, slice);
    }

    @Override
    public Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice) {
        return customers.customerValue(currency, cost, slice);
    }

    @Override
    public Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice) {
        return customers.revenueAfterService(window, currency, slice);
    }

    // ----------------------------------------------------------------------------------------------- records

    private record ScoreKey(Scale scale, int score) {
    }
}
