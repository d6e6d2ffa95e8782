package dev.rapport.dashboard;

import dev.rapport.spi.kpi.Dimension;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.LeagueTable;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link KpiDashboard} draws: one or more KPI reports over the same period, each with its own breakdown,
 * and optionally the agent league table. The dashboard takes each figure from where it fits: totals from any report
 * that holds the KPI, lines from a report broken down by period, channel mix and per-channel distributions from a
 * report by channel, contact reasons from a report by category. A section whose data is not here says so instead
 * of showing a chart. {@link KpiDashboard#collect} computes the full set from an engine. Immutable, so safe to
 * share between threads.
 *
 * @param reports the reports, all over the same period; at least one
 * @param leagueTable the agent league table over the same period, if any
 */
public record DashboardData(List<KpiReport> reports, Optional<LeagueTable> leagueTable) {

    /**
     * Checks there is at least one report and that every report and the league table cover the same period.
     *
     * @param reports the reports, all over the same period; at least one
     * @param leagueTable the agent league table over the same period, if any
     * @throws ValidationException naming {@code reports} or {@code leagueTable}
     */
    public DashboardData {
        List<Violation> bad = new ArrayList<>();
        if (reports == null || reports.isEmpty() || reports.stream().anyMatch(Objects::isNull)) {
            throw ValidationException.of("DashboardData", "reports", "NotEmpty",
                    "must hold at least one report and no null");
        }
        reports = List.copyOf(reports);
        leagueTable = leagueTable == null ? Optional.empty() : leagueTable;
        TimeRange period = reports.get(0).period();
        if (reports.stream().anyMatch(r -> !r.period().equals(period))) {
            bad.add(new Violation("reports", "SamePeriod", "must all cover the same period"));
        }
        if (leagueTable.isPresent() && !leagueTable.get().period().equals(period)) {
            bad.add(new Violation("leagueTable", "SamePeriod", "must cover the period of the reports"));
        }
        if (!bad.isEmpty()) {
            throw new ValidationException("DashboardData", bad);
        }
    }

    /**
     * The data of one or more reports, without league table.
     *
     * @param reports the reports, all over the same period; at least one
     * @return the data of the reports, without a league table
     * @throws ValidationException as the constructor
     */
    public static DashboardData of(KpiReport... reports) {
        return new DashboardData(reports == null ? null : Arrays.asList(reports), Optional.empty());
    }

    /**
     * The same data with a league table.
     *
     * @param table the agent league table, over the reports' period
     * @return new data with the same reports and the table
     * @throws ValidationException if the table covers another period
     */
    public DashboardData withLeagueTable(LeagueTable table) {
        return new DashboardData(reports, Optional.ofNullable(table));
    }

    /**
     * The period every report covers.
     *
     * @return the half-open period every report covers
     */
    public TimeRange period() {
        return reports.get(0).period();
    }

    /**
     * The result of a KPI from the first report that holds it, whatever its breakdown (for its total).
     *
     * @param kpi the KPI to look for
     * @return its result, or empty if no report holds it
     */
    public Optional<KpiResult> result(Kpi kpi) {
        return reports.stream().flatMap(r -> r.result(kpi).stream()).findFirst();
    }

    /**
     * The result of a KPI broken down by a dimension, from the first report with that breakdown that holds it.
     *
     * @param kpi the KPI to look for
     * @param dimension the dimension its result must be broken down by
     * @return its result with that breakdown, or empty if no report holds one
     */
    public Optional<KpiResult> result(Kpi kpi, Dimension dimension) {
        return reports.stream().filter(r -> r.breakdown().dimension() == dimension)
                .flatMap(r -> r.result(kpi).stream()).findFirst();
    }

    /**
     * The figure of a KPI over the whole period, from the first report that holds the KPI.
     *
     * @param kpi the KPI to look for
     * @return its figure over the whole period, or empty if no report holds it
     */
    public Optional<KpiFigure> total(Kpi kpi) {
        return result(kpi).map(KpiResult::total);
    }

    /**
     * Every KPI some report holds, in the order of the reports, each once.
     *
     * @return the KPIs the reports hold, each once, in the order they first appear
     */
    public List<Kpi> kpis() {
        List<Kpi> kpis = new ArrayList<>();
        for (KpiReport report : reports) {
            for (KpiResult result : report.results()) {
                if (!kpis.contains(result.kpi())) {
                    kpis.add(result.kpi());
                }
            }
        }
        return kpis;
    }
}
