package dev.rapport.kpi;

import java.time.Duration;

/**
 * Told of every KPI report a {@link KpiEngine} computes, for metrics and monitoring: the part of core's
 * {@code RapportObserver} that the KPI engine needs, so that this module does not depend on core. Every
 * {@code RapportObserver} is one, and {@code Rapport} passes its own observer to the engine.
 *
 * <p>Called on the thread that asked for the report, right after computing it; it must be quick and thread-safe. An
 * exception it throws is logged and otherwise ignored: observing never changes what the engine does.
 */
public interface KpiObserver {

    /** The observer that ignores every report; the default of {@link KpiEngine.Builder#observer(KpiObserver)}. */
    KpiObserver NONE = new KpiObserver() { };

    /**
     * A KPI report was computed.
     *
     * @param report the report
     * @param elapsed how long computing it took
     */
    default void kpiReportFinished(KpiReport report, Duration elapsed) {
    }
}
