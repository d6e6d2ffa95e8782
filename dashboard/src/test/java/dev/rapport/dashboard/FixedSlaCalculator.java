package dev.rapport.dashboard;

import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiCalculator;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import dev.rapport.spi.TimeRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SLA compliance KPI with fixed figures, standing in for the SLA package's calculator: 112 targets met of 140
 * over any period, 8 of 10 each day (the last day also leaves 3 unresolved cases out), and 9 of 10 on email, 19 of 20
 * on chat and 84 of 110 on phone.
 */
final class FixedSlaCalculator implements KpiCalculator {

    static final Kpi SLA = new Kpi("sla_compliance", KpiUnit.SHARE);

    @Override
    public Kpi kpi() {
        return SLA;
    }

    @Override
    public Set<Dimension> dimensions() {
        return Set.of(Dimension.PERIOD, Dimension.CHANNEL);
    }

    @Override
    public KpiResult compute(KpiRequest request, Instant asOf) {
        Exclusions unresolved = new Exclusions(Map.of(ExclusionReason.UNRESOLVED, 3L));
        KpiFigure total = figure(GroupKey.TOTAL, 112, 140, unresolved);
        List<KpiFigure> groups = new ArrayList<>();
        if (request.breakdown().dimension() == Dimension.CHANNEL) {
            groups.add(figure(GroupKey.of(Dimension.CHANNEL, "chat"), 19, 20, Exclusions.NONE));
            groups.add(figure(GroupKey.of(Dimension.CHANNEL, "email"), 9, 10, Exclusions.NONE));
            groups.add(figure(GroupKey.of(Dimension.CHANNEL, "phone"), 84, 110, unresolved));
        } else if (request.breakdown().isPeriod()) {
            ZoneId zone = request.breakdown().zone();
            LocalDate last = request.period().to().atZone(zone).toLocalDate().minusDays(1);
            for (LocalDate day = request.period().from().atZone(zone).toLocalDate(); !day.isAfter(last);
                    day = Granularity.DAY.next(day)) {
                TimeRange range = TimeRange.of(day.atStartOfDay(zone).toInstant(),
                        day.plusDays(1).atStartOfDay(zone).toInstant());
                groups.add(figure(GroupKey.period(day.toString(), range), 8, 10,
                        day.equals(last) ? unresolved : Exclusions.NONE));
            }
        }
        return new KpiResult(SLA, request.period(), request.breakdown(), asOf, Map.of("target", "first reply"),
                total, groups);
    }

    private static KpiFigure figure(GroupKey group, long achieved, long targets, Exclusions excluded) {
        return KpiFigure.of(SLA, group, BigDecimal.valueOf(achieved), BigDecimal.valueOf(targets),
                Map.of("achieved", BigDecimal.valueOf(achieved), "breached", BigDecimal.valueOf(targets - achieved)),
                excluded);
    }
}
