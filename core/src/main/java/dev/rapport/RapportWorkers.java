package dev.rapport;

import dev.rapport.followup.FollowUpScheduler;
import dev.rapport.followup.Trigger;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.outbox.OutboxRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one {@link Rapport}'s background {@link Worker}s: which of them {@link Rapport#start()} starts,
 * the supervised loop each runs in, and how {@link Rapport#close()} stops them within its bounded wait. Thread-safe:
 * starting and stopping are guarded by one lock.
 */
final class RapportWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(Rapport.class);

    private final RapportWiring w;
    private final Object lifecycle = new Object();
    private final Map<Worker, List<WorkerLoop>> loops = new EnumMap<>(Worker.class);
    private final Set<Worker> running = EnumSet.noneOf(Worker.class);
    private boolean started;
    private boolean closed;

    RapportWorkers(RapportWiring wiring) {
        this.w = wiring;
    }

    /** Starts the workers the configuration needs; see {@link Rapport#start()}. */
    void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this Rapport was closed; build a new one");
            }
            if (started) {
                return;
            }
            started = true;
            if (enabled(Worker.OUTBOX_RELAY) && w.outboxRelay.isPresent() && !w.outboxRelay.get().isRunning()) {
                w.outboxRelay.get().start();
                running.add(Worker.OUTBOX_RELAY);
            }
            if (enabled(Worker.FOLLOW_UP_DISPATCHER) && !w.followUpDispatcher.isRunning()) {
                w.followUpDispatcher.start();
                running.add(Worker.FOLLOW_UP_DISPATCHER);
            }
            if (enabled(Worker.DATE_RULES) && w.followUps.rules().stream()
                    .anyMatch(rule -> rule.trigger() instanceof Trigger.OnDate)) {
                Duration lookahead = FollowUpScheduler.DEFAULT_DATE_LOOKAHEAD;
                startLoop(Worker.DATE_RULES, () -> {
                    w.followUps.scheduleUpcoming(lookahead);
                    return false;
                });
            }
            if (enabled(Worker.SLA_SWEEP) && !w.sla.policy().rules().isEmpty()) {
                startLoop(Worker.SLA_SWEEP, () -> {
                    w.slaSweeper.sweep();
                    return false;
                });
            }
            if (enabled(Worker.COMPLAINT_SWEEP)) {
                startLoop(Worker.COMPLAINT_SWEEP, () -> {
                    w.complaints.sweep();
                    return false;
                });
            }
            if (enabled(Worker.HEALTH)) {
                startLoop(Worker.HEALTH, () -> {
                    w.health.evaluateAll();
                    return false;
                });
            }
            if (enabled(Worker.HEALTH_RESCORE)) {
                w.healthOnEvents.activate();
                startLoop(Worker.HEALTH_RESCORE, () -> {
                    w.healthOnEvents.rescorePending();
                    return false;
                });
            }
            if (enabled(Worker.ROUTING) && w.routingConfigured) {
                startLoop(Worker.ROUTING, () -> {
                    w.routing.get().tick();
                    return false;
                });
            }
            if (enabled(Worker.AUTOMATIONS) && !w.automations.rules().isEmpty()) {
                startLoop(Worker.AUTOMATIONS, () -> {
                    w.automations.runRound();
                    return false;
                });
            }
            LOG.info("Rapport started its workers {}", running);
        }
    }

    private boolean enabled(Worker worker) {
        return !w.disabled.contains(worker);
    }

    private void startLoop(Worker worker, WorkerLoop.Task task) {
        WorkerLoop loop = new WorkerLoop(worker.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                w.intervals.get(worker), w.restartBackoff, w.maxRestartBackoff, task);
        loop.start();
        loops.computeIfAbsent(worker, k -> new ArrayList<>()).add(loop);
        running.add(worker);
    }

    /** The workers running now; see {@link Rapport#runningWorkers()}. */
    Set<Worker> runningWorkers() {
        synchronized (lifecycle) {
            return closed ? Set.of() : Set.copyOf(running);
        }
    }

    /** Stops the workers gracefully; see {@link Rapport#close()}. */
    void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + w.shutdownTimeout.toNanos();
        loops.values().forEach(list -> list.forEach(WorkerLoop::stop));
        w.healthOnEvents.deactivate();
        w.followUpDispatcher.close();
        w.slaSweeper.close();
        for (List<WorkerLoop> list : loops.values()) {
            for (WorkerLoop loop : list) {
                loop.close(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        }
        w.outboxRelay.ifPresent(OutboxRelay::close);
        LOG.info("Rapport stopped its workers");
    }
}
