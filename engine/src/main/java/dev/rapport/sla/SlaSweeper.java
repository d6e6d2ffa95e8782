package dev.rapport.sla;

import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.SlaBreached;
import dev.rapport.spi.event.SlaWarningReached;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises {@link SlaWarningReached} when a case has used the policy's warning share of a target and
 * {@link SlaBreached} when it passes the due time, each once per case, target and cycle. The host calls
 * {@link #sweep()} on its own schedule, or {@link #start(Duration)} runs it in the background until
 * {@link #close()}.
 *
 * <p>Each event's id is a name-based UUID of its kind, case, target and due time, so a repeat after a restart has
 * the same id and publishers deduplicate it; within one sweeper, a crossing already raised is not raised again.
 * Events are published after the reads of their page, through the unit of work. Thread-safe: sweeps never overlap.
 */
public final class SlaSweeper implements AutoCloseable {

    /** How many cases one sweep reads per page. */
    public static final int PAGE_SIZE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(SlaSweeper.class);
    private static final Set<CaseStatus> UNRESOLVED = EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN,
            CaseStatus.PENDING_CUSTOMER, CaseStatus.ON_HOLD);

    private final RapportStorage storage;
    private final SlaService sla;
    private final UnitOfWork unitOfWork;
    private final Set<Crossing> raised = ConcurrentHashMap.newKeySet();
    private final Object sweepLock = new Object();
    private WorkerLoop runner;

    /**
     * A sweeper.
     *
     * @param storage where unresolved cases are read
     * @param sla computes the clocks
     * @param publisher receives the events
     */
    public SlaSweeper(RapportStorage storage, SlaService sla, EventPublisher publisher) {
        this(storage, sla, UnitOfWork.over(storage, Objects.requireNonNull(publisher, "publisher"), () -> { }));
    }

    /**
     * A sweeper over the runtime a Rapport shares between its services: it reads from the runtime's storage and
     * raises its events through the runtime's unit of work. {@code Rapport} does this.
     *
     * @param runtime the shared runtime
     * @param sla computes the clocks
     */
    public SlaSweeper(EngineRuntime runtime, SlaService sla) {
        this(runtime.storage(), sla, runtime.unitOfWork());
    }

    private SlaSweeper(RapportStorage storage, SlaService sla, UnitOfWork unitOfWork) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /**
     * The id a warning event for a case, target and due time gets, the same on every sweeper.
     *
     * @param caseId the case whose clock reached its warning time
     * @param target the target of the clock
     * @param dueAt the clock's due time; only whole microseconds count
     * @return a name-based UUID, the same for the same case, target and due time
     */
    public static UUID warningEventId(CaseId caseId, SlaTarget target, Instant dueAt) {
        return eventId("sla.warning", caseId, target, dueAt);
    }

    /**
     * The id a breach event for a case, target and due time gets, the same on every sweeper.
     *
     * @param caseId the case whose clock breached
     * @param target the target of the clock
     * @param dueAt the clock's due time; only whole microseconds count
     * @return a name-based UUID, the same for the same case, target and due time
     */
    public static UUID breachEventId(CaseId caseId, SlaTarget target, Instant dueAt) {
        return eventId("sla.breached", caseId, target, dueAt);
    }

    private static UUID eventId(String kind, CaseId caseId, SlaTarget target, Instant dueAt) {
        String name = kind + "|" + caseId + "|" + target + "|" + dueAt.truncatedTo(ChronoUnit.MICROS);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks every unresolved case once and raises the crossings not raised before by this sweeper.
     *
     * @return how many cases were checked and events raised
     */
    public SweepReport sweep() {
        synchronized (sweepLock) {
            Instant now = sla.now();
            Set<CaseId> seen = new HashSet<>();
            int cases = 0;
            int[] crossed = new int[2];
            for (Case supportCase : PageWalk.<Case>byKey(PAGE_SIZE,
                    (last, size) -> sweepPage(last.map(Case::id), size, now, crossed))) {
                seen.add(supportCase.id());
                cases++;
            }
            raised.removeIf(c -> !seen.contains(c.caseId)); // forget cases no longer unresolved
            return new SweepReport(cases, crossed[0], crossed[1]);
        }
    }

    /**
     * Reads the next page of unresolved cases, by id after the last one seen, and raises their crossings in one unit of work; once it committed, remembers
     * them as raised and counts them: warnings in {@code crossed[0]}, breaches in {@code crossed[1]}.
     */
    private List<Case> sweepPage(Optional<CaseId> after, int size, Instant now, int[] crossed) {
        List<Crossing> crossings = new ArrayList<>();
        List<Case> page = unitOfWork.run(events -> {
            crossings.clear();
            List<Case> found = storage.cases().listByStatusAfter(UNRESOLVED, after, size);
            for (Case supportCase : found) {
                collect(sla.status(supportCase, now), now, crossings, events);
            }
            return found;
        });
        for (Crossing crossing : crossings) {
            raised.add(crossing);
            crossed[crossing.breach ? 1 : 0]++;
        }
        return page;
    }

    private void collect(SlaStatus status, Instant now, List<Crossing> crossings, List<DomainEvent> events) {
        for (SlaClock clock : status.clocks()) {
            if (clock.dueAt().isEmpty()) {
                continue;
            }
            Instant due = clock.dueAt().get();
            if (clock.warningReached(now) && clock.warningAt().isPresent()) {
                Crossing crossing = new Crossing(status.caseId(), clock.target(), clock.cycle(), false);
                if (!raised.contains(crossing)) {
                    crossings.add(crossing);
                    events.add(new SlaWarningReached(warningEventId(status.caseId(), clock.target(), due),
                            clock.warningAt().get().truncatedTo(ChronoUnit.MICROS), status.caseId(), clock.target(),
                            due.truncatedTo(ChronoUnit.MICROS)));
                }
            }
            if (clock.outcome() == SlaOutcome.BREACHED) {
                Crossing crossing = new Crossing(status.caseId(), clock.target(), clock.cycle(), true);
                if (!raised.contains(crossing)) {
                    crossings.add(crossing);
                    events.add(new SlaBreached(breachEventId(status.caseId(), clock.target(), due),
                            due.truncatedTo(ChronoUnit.MICROS), status.caseId(), clock.target(),
                            due.truncatedTo(ChronoUnit.MICROS)));
                }
            }
        }
    }

    /**
     * Runs {@link #sweep()} in the background every {@code interval}, on one daemon thread, until {@link #close()}.
     * A sweep that fails is logged and tried again after a backoff of one second doubling to a minute; an interrupt
     * that {@link #close()} did not cause does not stop the thread.
     *
     * @param interval how often to sweep; positive
     * @throws IllegalStateException if already started
     */
    public synchronized void start(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw dev.rapport.spi.ValidationException.of("SlaSweeper", "interval", "Positive", "must be positive");
        }
        if (runner != null) {
            throw new IllegalStateException("the SLA sweeper is already running");
        }
        runner = new WorkerLoop("sla-sweeper", interval, WorkerLoop.DEFAULT_RESTART_BACKOFF,
                WorkerLoop.DEFAULT_MAX_RESTART_BACKOFF, () -> {
                    SweepReport report = sweep();
                    LOG.debug("SLA sweep checked {} cases, raised {} warnings and {} breaches",
                            report.casesChecked(), report.warningsRaised(), report.breachesRaised());
                    return false;
                });
        runner.start();
    }

    /** Stops the background runner, if started, waiting up to ten seconds for a running sweep. */
    @Override
    public synchronized void close() {
        if (runner == null) {
            return;
        }
        runner.close(Duration.ofSeconds(10));
        runner = null;
    }

    private record Crossing(CaseId caseId, SlaTarget target, int cycle, boolean breach) {
    }
}
