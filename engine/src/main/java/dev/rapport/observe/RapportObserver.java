package dev.rapport.observe;

import dev.rapport.followup.DispatchSummary;
import dev.rapport.kpi.KpiReport;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.RoutingDecision;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Listens to what the engine does, for metrics and monitoring, without tying core to a metrics library: the host (or
 * {@code rapport-micrometer}) implements the methods it cares about and passes the observer to
 * {@code Rapport.Builder#observer(RapportObserver)}. Every method has a no-op default, so new methods can be added
 * without breaking implementations.
 *
 * <p>Methods are called on the engine's own threads (the routing worker, the dispatcher's threads, the relay) and on
 * the host's threads that call the services, right after the work they report; they must be quick and thread-safe.
 * An exception an observer throws is logged and otherwise ignored: observing never changes what the engine does.
 */
public interface RapportObserver extends dev.rapport.kpi.KpiObserver {

    /** The observer that ignores everything; the default of {@code Rapport.Builder#observer(RapportObserver)}. */
    RapportObserver NONE = new RapportObserver() { };

    /**
     * The given observer, guarded: an exception it throws is logged (its type only) and goes no further. Rapport
     * guards the observer it is given; {@link #NONE} and observers already guarded are returned as they are.
     *
     * @param observer the observer to guard
     * @return the guarded observer
     */
    static RapportObserver guarded(RapportObserver observer) {
        Objects.requireNonNull(observer, "observer");
        if (observer == NONE || observer instanceof Guarded) {
            return observer;
        }
        return new Guarded() {
            @Override
            public void routingDecided(RoutingDecision decision) {
                guard("routingDecided", () -> observer.routingDecided(decision));
            }

            @Override
            public void followUpRoundFinished(DispatchSummary round) {
                guard("followUpRoundFinished", () -> observer.followUpRoundFinished(round));
            }

            @Override
            public void outboxRoundFinished(OutboxRelay.Round round) {
                guard("outboxRoundFinished", () -> observer.outboxRoundFinished(round));
            }

            @Override
            public void kpiReportFinished(KpiReport report, Duration elapsed) {
                guard("kpiReportFinished", () -> observer.kpiReportFinished(report, elapsed));
            }

            @Override
            public void importFinished(ImportCounts counts) {
                guard("importFinished", () -> observer.importFinished(counts));
            }

            @Override
            public void automationFired(String rule) {
                guard("automationFired", () -> observer.automationFired(rule));
            }

            private void guard(String method, Runnable call) {
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(RapportObserver.class).warn("The observer's {} failed ({}); ignored",
                            method, e.getClass().getName());
                }
            }
        };
    }

    /** Marks an observer made by {@link #guarded(RapportObserver)}. */
    interface Guarded extends RapportObserver {
    }

    /**
     * The router made a decision for one piece of work: assigned, offered, waiting (no agent fits now; waiting work
     * is tried again on every dispatch, so it is decided again) or dropped (it went elsewhere meanwhile).
     *
     * @param decision the decision, with its outcome and explanation
     */
    default void routingDecided(RoutingDecision decision) {
    }

    /**
     * The follow-up dispatcher finished a round: one claimed batch, its sends and their outcomes stored. Rounds that
     * claimed nothing are reported too.
     *
     * @param round what the round did, in counts of follow-ups per outcome
     */
    default void followUpRoundFinished(DispatchSummary round) {
    }

    /**
     * The outbox relay finished a round: one claimed batch of events published, retried, parked or given back.
     * Rounds that claimed nothing are reported too.
     *
     * @param round what the round did
     */
    default void outboxRoundFinished(OutboxRelay.Round round) {
    }

    /**
     * A KPI report was computed.
     *
     * @param report the report
     * @param elapsed how long computing it took
     */
    default void kpiReportFinished(KpiReport report, Duration elapsed) {
    }

    /**
     * A ticket import finished (also when some rows were rejected; not when the file could not be read, nor for a
     * dry run). The import itself lives in {@code rapport-imports}; it reports its rows here as counts, so that
     * core does not depend on it.
     *
     * @param counts how many rows the import imported, skipped and rejected
     */
    default void importFinished(ImportCounts counts) {
    }

    /**
     * A case automation rule fired on a case, and its firing and actions were committed. A firing another node
     * recorded first, or one that failed and stored nothing, is not reported.
     *
     * @param rule the name of the rule that fired, as the host gave it
     */
    default void automationFired(String rule) {
    }

    /**
     * The rows of one finished import, by outcome.
     *
     * @param imported rows imported (with or without warnings)
     * @param skipped rows left alone because their ticket was imported before
     * @param rejected rows refused, nothing of them stored
     * @param warned rows among the imported ones that carry at least one warning
     */
    record ImportCounts(long imported, long skipped, long rejected, long warned) {
    }
}
