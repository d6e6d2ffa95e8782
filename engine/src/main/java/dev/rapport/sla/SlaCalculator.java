package dev.rapport.sla;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.cases.StatusChange;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a case's SLA clocks from its history alone: its status changes, its interactions and its reply and
 * resolution times. The same inputs always give the same clocks, so state is never stored and follows any change of
 * policy or calendar. Stateless and thread-safe.
 *
 * <p>The clocks: first reply runs from creation to the first public reply by a human agent (bots and automatic
 * replies never count); next reply runs from a customer message after the first reply that waits for an answer to
 * the next human reply, a new cycle for each such wait; first resolution runs from creation to the first resolve
 * and a reopen does not restart it; full resolution runs from creation to the last resolve and continues after a
 * reopen. Time counts only while the case is unresolved and not in a state its target pauses in.
 */
public final class SlaCalculator {

    /** The inbound kinds that wait for an answer and so start a next-reply cycle. */
    static final Set<InteractionKind> AWAITING_ANSWER = EnumSet.of(InteractionKind.MESSAGE, InteractionKind.QUESTION,
            InteractionKind.REQUEST, InteractionKind.COMPLAINT, InteractionKind.MISSED_CALL);

    private final SlaPolicy policy;
    private final BusinessCalendars calendars;

    /**
     * A calculator for a policy whose calendar ids are looked up in the given registry at each computation.
     *
     * @param policy the targets to compute clocks for
     * @param calendars the registry the calendar ids of the policy's targets are looked up in
     */
    public SlaCalculator(SlaPolicy policy, BusinessCalendars calendars) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
    }

    /**
     * The policy.
     *
     * @return the policy whose targets this calculator computes
     */
    public SlaPolicy policy() {
        return policy;
    }

    /**
     * The case's clocks at {@code now}.
     *
     * @param supportCase the case, with its history
     * @param interactions the case's interactions, in any order
     * @param segment the customer's segment, if any
     * @param now the instant to compute for
     * @return one clock per target the policy sets for the case, and one per next-reply cycle, in target then cycle
     *         order
     * @throws dev.rapport.spi.NotFoundException if a target names a calendar that is not registered
     */
    public SlaStatus compute(Case supportCase, List<Interaction> interactions, Optional<String> segment, Instant now) {
        Objects.requireNonNull(supportCase, "supportCase");
        Objects.requireNonNull(now, "now");
        List<Interaction> ordered = new ArrayList<>(interactions);
        ordered.sort(Comparator.comparing(Interaction::occurredAt).thenComparing(i -> i.id().value()));
        List<Span> timeline = timeline(supportCase);
        Optional<Instant> firstReply = firstReply(supportCase, ordered);
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaTarget target : SlaTarget.values()) {
            Optional<SlaTargetSpec> found = policy.targetFor(target, supportCase.priority(),
                    supportCase.originChannel(), segment);
            if (found.isEmpty()) {
                continue;
            }
            SlaTargetSpec spec = found.get();
            Instant created = supportCase.createdAt();
            switch (target) {
                case FIRST_REPLY -> clocks.add(clock(target, 0, created, firstReply, spec, timeline, now));
                case FIRST_RESOLUTION -> clocks.add(clock(target, 0, created, firstResolution(supportCase), spec,
                        timeline, now));
                case FULL_RESOLUTION -> clocks.add(clock(target, 0, created, fullResolution(supportCase), spec,
                        timeline, now));
                case NEXT_REPLY -> clocks.addAll(nextReplies(firstReply, ordered, spec, timeline, now));
            }
        }
        return new SlaStatus(supportCase.id(), now, clocks);
    }

    private List<SlaClock> nextReplies(Optional<Instant> firstReply, List<Interaction> ordered, SlaTargetSpec spec,
            List<Span> timeline, Instant now) {
        List<SlaClock> clocks = new ArrayList<>();
        if (firstReply.isEmpty()) {
            return clocks;
        }
        Instant waitingSince = null;
        for (Interaction interaction : ordered) {
            if (interaction.occurredAt().isAfter(now)) {
                break;
            }
            if (interaction.isHumanPublicReply()) {
                if (waitingSince != null) {
                    clocks.add(clock(SlaTarget.NEXT_REPLY, clocks.size(), waitingSince,
                            Optional.of(interaction.occurredAt()), spec, timeline, now));
                    waitingSince = null;
                }
            } else if (waitingSince == null && awaitsAnswer(interaction)
                    && interaction.occurredAt().isAfter(firstReply.get())) {
                waitingSince = interaction.occurredAt();
            }
        }
        if (waitingSince != null) {
            clocks.add(clock(SlaTarget.NEXT_REPLY, clocks.size(), waitingSince, Optional.empty(), spec, timeline, now));
        }
        return clocks;
    }

    private static boolean awaitsAnswer(Interaction interaction) {
        return interaction.isFromCustomer() && interaction.visibility() == Visibility.PUBLIC
                && AWAITING_ANSWER.contains(interaction.kind());
    }

    private SlaClock clock(SlaTarget target, int cycle, Instant start, Optional<Instant> stop, SlaTargetSpec spec,
            List<Span> timeline, Instant now) {
        BusinessCalendar calendar = spec.calendarId().map(calendars::get).orElse(BusinessCalendar.alwaysOpen());
        Optional<Instant> stopAt = stop.filter(s -> !s.isAfter(now));
        Instant measuredTo = stopAt.orElse(now);
        Duration goal = spec.within();
        Duration warningGoal = Duration.ofNanos(Math.round(goal.toNanos() * policy.warningShare()));
        Duration counted = Duration.ZERO; // counted so far along the walk, for finding the due and warning times
        Duration elapsed = Duration.ZERO; // counted up to measuredTo
        Instant due = null;
        Instant warning = null;
        boolean runningNow = false;
        for (int i = 0; i < timeline.size(); i++) {
            Span span = timeline.get(i);
            if (!spec.counts(span.status)) {
                continue;
            }
            boolean last = i == timeline.size() - 1;
            Instant from = later(span.from, start);
            Instant to = last ? null : span.to; // the current state runs on
            if (stopAt.isPresent()) {
                to = to == null ? stopAt.get() : earlier(to, stopAt.get());
            }
            if (to != null && !from.isBefore(to)) {
                continue;
            }
            if (to == null) {
                runningNow = true;
            }
            Instant elapsedTo = to == null ? measuredTo : earlier(to, measuredTo);
            if (from.isBefore(elapsedTo)) {
                elapsed = elapsed.plus(calendar.businessTimeBetween(from, elapsedTo));
            }
            Duration length = to == null ? null : calendar.businessTimeBetween(from, to);
            if (warning == null && (length == null || counted.plus(length).compareTo(warningGoal) >= 0)) {
                warning = calendar.plus(from, warningGoal.minus(counted));
            }
            if (due == null && (length == null || counted.plus(length).compareTo(goal) >= 0)) {
                due = calendar.plus(from, goal.minus(counted));
            }
            if (length != null) {
                counted = counted.plus(length);
            }
        }
        if (stopAt.isPresent()) {
            if (due == null) {
                due = calendar.plus(stopAt.get(), goal.minus(counted));
            }
            if (warning == null && counted.compareTo(warningGoal) < 0) {
                warning = calendar.plus(stopAt.get(), warningGoal.minus(counted));
            }
        }
        SlaOutcome outcome = due != null && due.isBefore(measuredTo) ? SlaOutcome.BREACHED
                : stopAt.isPresent() ? SlaOutcome.ACHIEVED : SlaOutcome.IN_PROGRESS;
        boolean paused = stopAt.isEmpty() && !runningNow;
        return new SlaClock(target, cycle, start, goal, spec.calendarId(), elapsed, goal.minus(elapsed), paused,
                outcome, Optional.ofNullable(due), Optional.ofNullable(warning), stopAt);
    }

    private static Optional<Instant> firstReply(Case supportCase, List<Interaction> ordered) {
        Optional<Instant> fromInteractions = ordered.stream().filter(Interaction::isHumanPublicReply)
                .map(Interaction::occurredAt).filter(t -> !t.isBefore(supportCase.createdAt())).findFirst();
        return earliest(fromInteractions, supportCase.firstReplyAt());
    }

    private static Optional<Instant> firstResolution(Case supportCase) {
        Optional<Instant> fromHistory = supportCase.history().stream().filter(c -> c.to() == CaseStatus.RESOLVED)
                .map(StatusChange::at).findFirst();
        return earliest(fromHistory, supportCase.firstResolvedAt());
    }

    private static Optional<Instant> fullResolution(Case supportCase) {
        if (supportCase.status().isUnresolved()) {
            return Optional.empty();
        }
        Optional<Instant> lastResolve = Optional.empty();
        for (StatusChange change : supportCase.history()) {
            if (change.to() == CaseStatus.RESOLVED) {
                lastResolve = Optional.of(change.at());
            }
        }
        return lastResolve.or(supportCase::resolvedAt);
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(earlier(a.get(), b.get()));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The case's states over time, from creation; the last one has no end. */
    private static List<Span> timeline(Case supportCase) {
        List<Span> spans = new ArrayList<>();
        List<StatusChange> history = supportCase.history();
        CaseStatus status = history.isEmpty() ? supportCase.status() : history.get(0).from();
        Instant from = supportCase.createdAt();
        for (StatusChange change : history) {
            Instant at = later(change.at(), from);
            spans.add(new Span(from, at, status));
            status = change.to();
            from = at;
        }
        spans.add(new Span(from, null, status));
        return spans;
    }

    private record Span(Instant from, Instant to, CaseStatus status) {
    }
}
