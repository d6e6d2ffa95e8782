package dev.rapport.kpi;

import dev.rapport.spi.PageWalk;
import dev.rapport.kpi.Grouper.CustomerSubject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    private static final BigDecimal MICROS_PER_HOUR = BigDecimal.valueOf(3_600_000_000L);

    private final RapportStorage storage;
    private final int pageSize;

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
        for (Case c : casesCreated(slice.period())) {
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
        for (Case c : casesCreated(slice.period())) {
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
        for (Case c : casesCreated(slice.period())) {
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
        for (Case c : casesCreated(slice.period())) {
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
        for (Case c : casesCreated(slice.period())) {
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
        for (Case other : casesOf(c.customerId())) {
            if (!other.id().equals(c.id()) && range.contains(other.createdAt())
                    && (category.isEmpty() || category.equals(other.category()))) {
                return true;
            }
        }
        for (Interaction i : interactionsOf(c.customerId(), range)) {
            if (CaseFacts.isCaselessContact(i) && (category.isEmpty() || category.equals(i.reason()))) {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------- contacts

    @Override
    public Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Case c : casesCreated(slice.period())) {
            countContact(groups, grouper.keys(new CaseSubject(c, c.assignee())), c.customerId(), c.category(),
                    new ContactPoint(c.createdAt(), c.id().value()), window);
        }
        for (Interaction i : interactionsIn(slice.period())) {
            if (CaseFacts.isCaselessContact(i)) {
                countContact(groups, grouper.keys(new InteractionSubject(i, grouper)), i.customerId(), i.reason(),
                        new ContactPoint(i.occurredAt(), i.id().value()), window);
            }
        }
        return groups.finish(counts -> new RepeatContacts(counts[0], counts[1]));
    }

    private void countContact(Groups<long[]> groups, List<GroupKey> keys, CustomerId customer,
            Optional<String> category, ContactPoint contact, Duration window) {
        if (category.isEmpty()) {
            groups.exclude(keys, ExclusionReason.UNCATEGORISED);
            return;
        }
        boolean repeat = isRepeat(customer, category.get(), contact, window);
        groups.each(keys, counts -> {
            counts[0]++;
            if (repeat) {
                counts[1]++;
            }
        });
    }

    /**
     * Whether the contact falls within the window of an earlier first contact: walks the customer's contacts on the
     * category in time order, each one outside the current window opening a new one.
     */
    private boolean isRepeat(CustomerId customer, String category, ContactPoint target, Duration window) {
        Iterator<ContactPoint> cases = new FilteringIterator<>(casesOf(customer).iterator(),
                c -> c.category().filter(category::equals).isPresent() && !c.createdAt().isAfter(target.at()),
                c -> new ContactPoint(c.createdAt(), c.id().value()));
        // up to and including the target: stores keep microseconds (a bound of target + 1 ns would be cut to the
        // target itself, leaving the target out); contacts after it are never reached by the walk below
        TimeRange upToTarget = TimeRange.of(Instant.MIN, Times.plus(target.at(), Duration.ofNanos(1_000)));
        Iterator<ContactPoint> interactions = new FilteringIterator<>(
                interactionsOf(customer, upToTarget).iterator(),
                i -> CaseFacts.isCaselessContact(i) && i.reason().filter(category::equals).isPresent(),
                i -> new ContactPoint(i.occurredAt(), i.id().value()));
        Instant windowStart = null;
        ContactPoint a = next(cases);
        ContactPoint b = next(interactions);
        while (a != null || b != null) {
            ContactPoint current;
            if (b == null || (a != null && a.compareTo(b) <= 0)) {
                current = a;
                a = next(cases);
            } else {
                current = b;
                b = next(interactions);
            }
            boolean repeat = windowStart != null && current.at().isBefore(Times.plus(windowStart, window));
            if (!repeat) {
                windowStart = current.at();
            }
            if (current.id().equals(target.id())) {
                return repeat;
            }
        }
        return false;
    }

    private static <T> T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    @Override
    public Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Interaction i : interactionsIn(slice.period())) {
            if (!CaseFacts.isAutomatedContact(i, automatedChannels)) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            Instant windowEnd = Times.plus(i.occurredAt(), window);
            if (windowEnd.isAfter(slice.asOf())) {
                groups.exclude(keys, ExclusionReason.WINDOW_OPEN);
                continue;
            }
            boolean followedByHuman = false;
            for (Interaction later : interactionsOf(i.customerId(), TimeRange.of(i.occurredAt(), windowEnd))) {
                if (CaseFacts.isHumanContact(later, automatedChannels)) {
                    followedByHuman = true;
                    break;
                }
            }
            boolean contained = !followedByHuman;
            groups.each(keys, counts -> {
                counts[0]++;
                if (contained) {
                    counts[1]++;
                }
            });
        }
        return groups.finish(counts -> new Containment(counts[0], counts[1]));
    }

    @Override
    public Tallies<HandleTimeTotals> handleTimes(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[4]);
        for (Interaction i : interactionsIn(slice.period())) {
            if (i.handleTime().isEmpty()) {
                continue;
            }
            HandleTime time = i.handleTime().get();
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            if (time.talk().isNegative() || time.hold().isNegative() || time.afterContactWork().isNegative()) {
                groups.exclude(keys, ExclusionReason.NEGATIVE_HANDLE_TIME);
            } else if (i.handledBy() != Handler.HUMAN) {
                groups.exclude(keys, ExclusionReason.AUTOMATED_HANDLING);
            } else {
                groups.each(keys, totals -> {
                    totals[0]++;
                    totals[1] += Times.micros(time.talk());
                    totals[2] += Times.micros(time.hold());
                    totals[3] += Times.micros(time.afterContactWork());
                });
            }
        }
        return groups.finish(t -> new HandleTimeTotals(t[0], t[1], t[2], t[3]));
    }

    @Override
    public Tallies<Count> compliments(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[1]);
        for (Interaction i : interactionsIn(slice.period())) {
            if (i.kind() == InteractionKind.COMPLIMENT) {
                groups.each(grouper.keys(new InteractionSubject(i, grouper)), c -> c[0]++);
            }
        }
        // compliments taken in through the complaints door: once in each group of the agents they credit
        Map<AgentId, Boolean> stored = new HashMap<>();
        for (Complaint c : PageWalk.byTime(slice.period(), pageSize, storage.complaints()::findReceivedBetween,
                Complaint::receivedAt)) {
            if (!c.isCompliment()) {
                continue;
            }
            List<Optional<AgentId>> credited = new ArrayList<>();
            for (AgentId agent : c.agentIds()) {
                if (stored.computeIfAbsent(agent, a -> storage.agents().findById(a).isPresent())) {
                    credited.add(Optional.of(agent));
                }
            }
            if (credited.isEmpty()) {
                credited.add(Optional.empty());
            }
            Set<GroupKey> keys = new HashSet<>();
            for (Optional<AgentId> agent : credited) {
                keys.addAll(grouper.keys(new ComplimentSubject(c, agent, grouper)));
            }
            keys.forEach(key -> groups.at(key)[0]++);
        }
        return groups.finish(c -> new Count(c[0]));
    }

    // ----------------------------------------------------------------------------------------------- contacts and calls

    @Override
    public Tallies<Count> inboundContacts(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[1]);
        for (Interaction i : interactionsIn(slice.period())) {
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
        for (Interaction i : interactionsIn(slice.period())) {
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
        for (Interaction i : interactionsIn(slice.period())) {
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
        for (FollowUp f : PageWalk.byOffset(pageSize,
                p -> storage.followUps().findByStatus(Set.of(FollowUpStatus.SENT), p))) {
            if (!FollowUpKind.SURVEY.equals(f.kind()) || !slice.period().contains(f.dueAt())) {
                continue;
            }
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
        for (Case c : casesCreated(TimeRange.of(Instant.MIN, at))) {
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
        Instant start = slice.period().from();
        Instant end = slice.period().to();
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[5]);
        for (Customer customer : customers()) {
            if (!customer.createdAt().isBefore(end)) {
                break; // listed by creation time: nobody later was a customer in the period
            }
            List<GroupKey> keys = grouper.keys(new CustomerSubject(customer));
            if (customer.status() == CustomerStatus.PROSPECT) {
                groups.exclude(keys, ExclusionReason.PROSPECT);
                continue;
            }
            Instant startWindow = Times.minus(start, activityWindow);
            Instant endWindow = Times.minus(end, activityWindow);
            boolean boughtBeforeStart = false;
            boolean boughtBeforeEnd = false;
            Instant from = startWindow.isBefore(endWindow) ? startWindow : endWindow;
            for (Interaction i : interactionsOf(customer.id(), TimeRange.of(from, end))) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    boughtBeforeStart |= !i.occurredAt().isBefore(startWindow) && i.occurredAt().isBefore(start);
                    boughtBeforeEnd |= !i.occurredAt().isBefore(endWindow);
                }
            }
            boolean atStart = counts(customer, start, startWindow, boughtBeforeStart, rule);
            boolean atEnd = counts(customer, end, endWindow, boughtBeforeEnd, rule);
            groups.each(keys, totals -> {
                if (atStart) {
                    totals[0]++;
                }
                if (atEnd) {
                    totals[1]++;
                }
                if (atStart && atEnd) {
                    totals[2]++;
                } else if (atEnd) {
                    if (customer.createdAt().isBefore(start)) {
                        totals[4]++;
                    } else {
                        totals[3]++;
                    }
                }
            });
        }
        return groups.finish(t -> new CustomerBase(t[0], t[1], t[2], t[3], t[4]));
    }

    /** Whether the customer counts at {@code t}, given whether they purchased in {@code [windowStart, t)}. */
    private static boolean counts(Customer customer, Instant t, Instant windowStart, boolean purchased,
            CustomerBaseRule rule) {
        if (!customer.createdAt().isBefore(t)) {
            return false;
        }
        if (rule == CustomerBaseRule.ACTIVITY_UNLESS_CHURNED && customer.status() == CustomerStatus.CHURNED
                && customer.updatedAt().isBefore(t)) {
            return false;
        }
        return !customer.createdAt().isBefore(windowStart) || purchased;
    }

    @Override
    public Tallies<PurchaseTotals> purchases(Currency currency, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<PurchaseAccumulator> groups = new Groups<>(PurchaseAccumulator::new);
        for (Customer customer : customers()) {
            Set<GroupKey> boughtIn = new HashSet<>();
            for (Interaction i : interactionsOf(customer.id(), slice.period())) {
                if (i.kind() != InteractionKind.PURCHASE) {
                    continue;
                }
                List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
                Optional<ExclusionReason> problem = amountProblem(i, currency);
                if (problem.isPresent()) {
                    groups.exclude(keys, problem.get());
                    continue;
                }
                groups.each(keys, totals -> {
                    totals.orders++;
                    totals.revenue = totals.revenue.add(i.amount().get().amount());
                });
                boughtIn.addAll(keys);
            }
            boughtIn.forEach(key -> groups.at(key).purchasers++);
        }
        return groups.finish(t -> new PurchaseTotals(t.orders, t.revenue, t.purchasers));
    }

    private static final class PurchaseAccumulator {
        long orders;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasers;
    }

    private static Optional<ExclusionReason> amountProblem(Interaction purchase, Currency currency) {
        if (purchase.amount().isEmpty()) {
            return Optional.of(ExclusionReason.MISSING_AMOUNT);
        }
        if (!purchase.amount().get().currency().equals(currency)) {
            return Optional.of(ExclusionReason.OTHER_CURRENCY);
        }
        return Optional.empty();
    }

    @Override
    public Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice) {
        Instant at = slice.period().to();
        TimeRange range = TimeRange.of(Times.minus(at, window), at);
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Customer customer : customers()) {
            if (!customer.createdAt().isBefore(at)) {
                break;
            }
            long purchases = 0;
            for (Interaction i : interactionsOf(customer.id(), range)) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    purchases++;
                }
            }
            if (purchases > 0) {
                boolean loyal = purchases >= minimumPurchases;
                groups.each(grouper.keys(new CustomerSubject(customer)), counts -> {
                    counts[0]++;
                    if (loyal) {
                        counts[1]++;
                    }
                });
            }
        }
        return groups.finish(c -> new Loyalty(c[0], c[1]));
    }

    @Override
    public Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice) {
        Instant at = slice.period().to();
        Grouper grouper = new Grouper(storage, slice);
        Groups<ValueAccumulator> groups = new Groups<>(ValueAccumulator::new);
        for (Customer customer : customers()) {
            if (!customer.createdAt().isBefore(at)) {
                break;
            }
            List<GroupKey> keys = grouper.keys(new CustomerSubject(customer));
            if (customer.status() == CustomerStatus.PROSPECT) {
                groups.exclude(keys, ExclusionReason.PROSPECT);
                continue;
            }
            Optional<Money> acquisition = customer.acquisitionCost();
            boolean missingAmount = false;
            boolean otherCurrency = acquisition.isPresent() && !acquisition.get().currency().equals(currency);
            boolean negativeHandleTime = false;
            BigDecimal revenue = BigDecimal.ZERO;
            long contacts = 0;
            long handleMicros = 0;
            for (Interaction i : interactionsOf(customer.id(), TimeRange.of(Instant.MIN, at))) {
                if (i.kind() == InteractionKind.PURCHASE) {
                    Optional<ExclusionReason> problem = amountProblem(i, currency);
                    missingAmount |= problem.filter(ExclusionReason.MISSING_AMOUNT::equals).isPresent();
                    otherCurrency |= problem.filter(ExclusionReason.OTHER_CURRENCY::equals).isPresent();
                    if (problem.isEmpty()) {
                        revenue = revenue.add(i.amount().get().amount());
                    }
                }
                if (CaseFacts.isCaselessContact(i)) {
                    contacts++;
                }
                if (i.handledBy() == Handler.HUMAN && i.handleTime().isPresent()) {
                    HandleTime time = i.handleTime().get();
                    if (time.talk().isNegative() || time.hold().isNegative()
                            || time.afterContactWork().isNegative()) {
                        negativeHandleTime = true;
                    } else {
                        handleMicros += Times.micros(time.total());
                    }
                }
            }
            // one reason per customer: data-quality problems first, then the currency
            if (missingAmount) {
                groups.exclude(keys, ExclusionReason.MISSING_AMOUNT);
                continue;
            }
            if (negativeHandleTime && cost.perHandleHour().signum() > 0) {
                groups.exclude(keys, ExclusionReason.NEGATIVE_HANDLE_TIME);
                continue;
            }
            if (otherCurrency) {
                groups.exclude(keys, ExclusionReason.OTHER_CURRENCY);
                continue;
            }
            BigDecimal costToServe = BigDecimal.ZERO;
            if (!cost.isNone()) {
                if (cost.perContact().signum() > 0) {
                    for (Case c : casesOf(customer.id())) {
                        if (c.createdAt().isBefore(at)) {
                            contacts++;
                        }
                    }
                }
                BigDecimal scaled = cost.perContact().multiply(BigDecimal.valueOf(contacts)).multiply(MICROS_PER_HOUR)
                        .add(cost.perHandleHour().multiply(BigDecimal.valueOf(handleMicros)));
                costToServe = scaled.divide(MICROS_PER_HOUR, 4, RoundingMode.HALF_EVEN);
            }
            BigDecimal customerRevenue = revenue;
            BigDecimal customerCost = costToServe;
            BigDecimal customerAcquisition = acquisition.map(Money::amount).orElse(BigDecimal.ZERO);
            groups.each(keys, totals -> {
                totals.customers++;
                totals.revenue = totals.revenue.add(customerRevenue);
                totals.cost = totals.cost.add(customerCost);
                totals.acquisition = totals.acquisition.add(customerAcquisition);
            });
        }
        return groups.finish(t -> new CustomerValue(t.customers, t.revenue, t.cost, t.acquisition));
    }

    private static final class ValueAccumulator {
        long customers;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal acquisition = BigDecimal.ZERO;
    }

    @Override
    public Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<RevenueAccumulator> groups = new Groups<>(RevenueAccumulator::new);
        for (Interaction i : interactionsIn(slice.period())) {
            if (i.kind() != InteractionKind.PURCHASE) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            Optional<ExclusionReason> problem = amountProblem(i, currency);
            if (problem.isPresent()) {
                groups.exclude(keys, problem.get());
                continue;
            }
            BigDecimal amount = i.amount().get().amount();
            boolean afterService = followsResolution(i, window);
            groups.each(keys, totals -> {
                totals.purchases++;
                totals.revenue = totals.revenue.add(amount);
                if (afterService) {
                    totals.purchasesAfter++;
                    totals.revenueAfter = totals.revenueAfter.add(amount);
                }
            });
        }
        return groups.finish(t -> new RevenueAfterService(t.purchases, t.revenue, t.purchasesAfter, t.revenueAfter));
    }

    /** Whether one of the customer's cases was resolved at {@code r} with {@code r <= purchase < r + window}. */
    private boolean followsResolution(Interaction purchase, Duration window) {
        Instant at = purchase.occurredAt();
        for (Case c : casesOf(purchase.customerId())) {
            if (c.createdAt().isAfter(at)) {
                break; // listed by creation time
            }
            for (Instant resolved : CaseFacts.resolutionInstants(c)) {
                if (!resolved.isAfter(at) && at.isBefore(Times.plus(resolved, window))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class RevenueAccumulator {
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        long purchasesAfter;
        BigDecimal revenueAfter = BigDecimal.ZERO;
    }

    // ----------------------------------------------------------------------------------------------- reading

    private Iterable<Case> casesCreated(TimeRange range) {
        return PageWalk.byTime(range, pageSize, storage.cases()::findCreatedBetween, Case::createdAt);
    }

    private Iterable<Case> casesOf(CustomerId customer) {
        return PageWalk.byOffset(pageSize, p -> storage.cases().findByCustomer(customer, p));
    }

    private Iterable<Interaction> interactionsIn(TimeRange range) {
        return PageWalk.byTime(range, pageSize, storage.interactions()::findOccurredBetween,
                Interaction::occurredAt);
    }

    private Iterable<Interaction> interactionsOf(CustomerId customer, TimeRange range) {
        return PageWalk.byOffset(pageSize, p -> storage.interactions().findByCustomer(customer, range, p));
    }

    private Iterable<Customer> customers() {
        return PageWalk.byOffset(pageSize, p -> storage.customers().list(p));
    }

    // ----------------------------------------------------------------------------------------------- records

    private record ScoreKey(Scale scale, int score) {
    }

    /**
     * A contact in time order; ties broken by id compared as an unsigned 128-bit number, the order the storage lists
     * each kind of contact in (so that merging cases and interactions gives one consistent order).
     */
    private record ContactPoint(Instant at, UUID id) implements Comparable<ContactPoint> {
        @Override
        public int compareTo(ContactPoint other) {
            int byTime = at.compareTo(other.at);
            if (byTime != 0) {
                return byTime;
            }
            int high = Long.compareUnsigned(id.getMostSignificantBits(), other.id.getMostSignificantBits());
            return high != 0 ? high
                    : Long.compareUnsigned(id.getLeastSignificantBits(), other.id.getLeastSignificantBits());
        }
    }

    private static final class FilteringIterator<S, T> implements Iterator<T> {
        private final Iterator<S> source;
        private final java.util.function.Predicate<S> keep;
        private final java.util.function.Function<S, T> map;
        private T next;

        FilteringIterator(Iterator<S> source, java.util.function.Predicate<S> keep,
                java.util.function.Function<S, T> map) {
            this.source = source;
            this.keep = keep;
            this.map = map;
        }

        @Override
        public boolean hasNext() {
            while (next == null && source.hasNext()) {
                S item = source.next();
                if (keep.test(item)) {
                    next = map.apply(item);
                }
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            T item = next;
            next = null;
            return item;
        }
    }

    /** A case: placed by its creation, channel of origin, category, assignee (or the given agent), team. */
    private record CaseSubject(Case supportCase, Optional<AgentId> agentOrAssignee) implements Subject {
        @Override
        public Instant at() {
            return supportCase.createdAt();
        }

        @Override
        public CustomerId customer() {
            return supportCase.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(supportCase.originChannel());
        }

        @Override
        public Optional<String> category() {
            return supportCase.category();
        }

        @Override
        public Optional<AgentId> agent() {
            return agentOrAssignee;
        }

        @Override
        public Optional<TeamId> team() {
            return supportCase.team();
        }

        @Override
        public Optional<Priority> priority() {
            return Optional.of(supportCase.priority());
        }

        @Override
        public Optional<Case> linkedCase() {
            return Optional.of(supportCase);
        }
    }

    /** An interaction: its own fields first, then its case's. */
    /** A record that may belong to a case: its team and priority are its case's. */
    private interface CaseLinked extends Subject {
        /** The case the record belongs to, if any and if stored. */
        Optional<Case> linkedCase();

        @Override
        default Optional<TeamId> team() {
            return linkedCase().flatMap(Case::team);
        }

        @Override
        default Optional<Priority> priority() {
            return linkedCase().map(Case::priority);
        }
    }

    private record InteractionSubject(Interaction interaction, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return interaction.occurredAt();
        }

        @Override
        public CustomerId customer() {
            return interaction.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(interaction.channel());
        }

        @Override
        public Optional<String> category() {
            return interaction.reason().or(() -> linkedCase().flatMap(Case::category));
        }

        @Override
        public Optional<AgentId> agent() {
            return interaction.agentId().or(() -> linkedCase().flatMap(Case::assignee));
        }

        @Override
        public Optional<Case> linkedCase() {
            return interaction.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A compliment taken in through the complaints door, for one agent it credits (or none). */
    private record ComplimentSubject(Complaint compliment, Optional<AgentId> credited, Grouper grouper)
            implements CaseLinked {
        @Override
        public Instant at() {
            return compliment.receivedAt();
        }

        @Override
        public CustomerId customer() {
            return compliment.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(compliment.channel());
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return credited;
        }

        @Override
        public Optional<Case> linkedCase() {
            return compliment.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A survey follow-up: placed by its due time, its channel, and its case's category, assignee and team. */
    private record SurveySubject(FollowUp survey, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return survey.dueAt();
        }

        @Override
        public CustomerId customer() {
            return survey.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return Optional.of(survey.channel());
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return linkedCase().flatMap(Case::assignee);
        }

        @Override
        public Optional<Case> linkedCase() {
            return survey.caseId().flatMap(grouper::caseOf);
        }
    }

    /** A rating: its own channel and agent first, then its case's. */
    private record FeedbackSubject(Feedback feedback, Grouper grouper) implements CaseLinked {
        @Override
        public Instant at() {
            return feedback.receivedAt();
        }

        @Override
        public CustomerId customer() {
            return feedback.customerId();
        }

        @Override
        public Optional<Channel> channel() {
            return feedback.channel().or(() -> linkedCase().map(Case::originChannel));
        }

        @Override
        public Optional<String> category() {
            return linkedCase().flatMap(Case::category);
        }

        @Override
        public Optional<AgentId> agent() {
            return feedback.agentId().or(() -> linkedCase().flatMap(Case::assignee));
        }

        @Override
        public Optional<Case> linkedCase() {
            return feedback.caseId().flatMap(grouper::caseOf);
        }
    }
}
