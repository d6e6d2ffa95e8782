package dev.rapport.spring;

import dev.rapport.followup.DispatchSummary;
import dev.rapport.kpi.KpiReport;
import dev.rapport.observe.RapportObserver;
import dev.rapport.observe.RapportObserver.ImportCounts;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.routing.RoutingDecision;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link RapportObserver} beans as the one observer a Rapport takes; each is told in order, and one that
 * fails does not keep the others from being told.
 */
final class CompositeObserver implements RapportObserver {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeObserver.class);

    private final List<RapportObserver> observers;

    CompositeObserver(List<RapportObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void routingDecided(RoutingDecision decision) {
        each(o -> o.routingDecided(decision));
    }

    @Override
    public void followUpRoundFinished(DispatchSummary round) {
        each(o -> o.followUpRoundFinished(round));
    }

    @Override
    public void outboxRoundFinished(OutboxRelay.Round round) {
        each(o -> o.outboxRoundFinished(round));
    }

    @Override
    public void kpiReportFinished(KpiReport report, Duration elapsed) {
        each(o -> o.kpiReportFinished(report, elapsed));
    }

    @Override
    public void importFinished(ImportCounts counts) {
        each(o -> o.importFinished(counts));
    }

    private void each(Consumer<RapportObserver> call) {
        for (RapportObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed ({}); ignored", observer.getClass().getName(), e.getClass().getName());
            }
        }
    }
}
