package dev.rapport.observe;

import dev.rapport.followup.DispatchSummary;
import dev.rapport.imports.ImportReport;
import dev.rapport.kpi.KpiReport;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.RoutingDecision;
import java.time.Duration;

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
public interface RapportObserver {

    /** The observer that ignores everything; the default of {@code Rapport.Builder#observer}. */
    RapportObserver NONE = new RapportObserver() { };

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
     * A ticket import finished (also when some rows were rejected; not when the file could not be read).
     *
     * @param report what happened to each row
     */
    default void importFinished(ImportReport report) {
    }
}
