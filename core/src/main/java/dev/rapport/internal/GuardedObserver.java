package dev.rapport.internal;

import dev.rapport.followup.DispatchSummary;
import dev.rapport.imports.ImportReport;
import dev.rapport.kpi.KpiReport;
import dev.rapport.observe.RapportObserver;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.RoutingDecision;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the host's {@link RapportObserver} so that an exception it throws is logged and never reaches the engine's
 * work. Internal to Rapport; not an API.
 */
public final class GuardedObserver implements RapportObserver {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);

    private final RapportObserver delegate;

    private GuardedObserver(RapportObserver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "observer");
    }

    /** The observer guarded; {@link RapportObserver#NONE} and guarded observers as they are. */
    public static RapportObserver of(RapportObserver observer) {
        return observer == RapportObserver.NONE || observer instanceof GuardedObserver ? observer
                : new GuardedObserver(observer);
    }

    @Override
    public void routingDecided(RoutingDecision decision) {
        guard("routingDecided", () -> delegate.routingDecided(decision));
    }

    @Override
    public void followUpRoundFinished(DispatchSummary round) {
        guard("followUpRoundFinished", () -> delegate.followUpRoundFinished(round));
    }

    @Override
    public void outboxRoundFinished(OutboxRelay.Round round) {
        guard("outboxRoundFinished", () -> delegate.outboxRoundFinished(round));
    }

    @Override
    public void kpiReportFinished(KpiReport report, Duration elapsed) {
        guard("kpiReportFinished", () -> delegate.kpiReportFinished(report, elapsed));
    }

    @Override
    public void importFinished(ImportReport report) {
        guard("importFinished", () -> delegate.importFinished(report));
    }

    private static void guard(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("The observer's {} failed ({}); ignored", method, e.getClass().getName());
        }
    }
}
