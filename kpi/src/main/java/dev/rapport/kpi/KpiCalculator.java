package dev.rapport.kpi;

import dev.rapport.spi.kpi.Dimension;
import java.time.Instant;
import java.util.Set;

/**
 * The extension point for KPIs computed outside this package: SLA compliance (achieved / (achieved + breached), per
 * target) from {@code dev.rapport.sla}, complaint figures from {@code dev.rapport.complaint}. Registered with
 * {@link KpiEngine.Builder#calculator(KpiCalculator)}, a calculator's KPI is computed, reported and exported like a
 * built-in one. A calculator must follow the same shape: every figure carries numerator, denominator and its
 * exclusions by reason, and a period breakdown lists every period of the request. Implementations must be
 * thread-safe.
 */
public interface KpiCalculator {

    /**
     * The KPI computed; its code must differ from every built-in one.
     *
     * @return the KPI, with a code no built-in KPI has
     */
    Kpi kpi();

    /**
     * The dimensions the KPI can be broken down by; {@link Dimension#TOTAL} always.
     *
     * @return the dimensions the calculator groups by; the engine adds {@link Dimension#TOTAL} if missing
     */
    Set<Dimension> dimensions();

    /**
     * Computes the KPI. The engine has already checked the request and that the breakdown is supported.
     *
     * @param request what to compute over
     * @param asOf now, by the engine's clock, truncated to microseconds
     * @return the result for the request
     */
    KpiResult compute(KpiRequest request, Instant asOf);
}
