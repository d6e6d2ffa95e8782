package dev.rapport.benchmarks;

import dev.rapport.benchmarks.HandWrittenKpiSql.Figure;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that the hand-written SQL gives Rapport's figures, so that the KPI report benchmark compares like with like:
 * the same KPIs and groups; exclusion counts equal by reason; numerators, denominators, values and the statistics the
 * baseline computes equal to 1e-9 (relative), and durations (numerators of seconds KPIs and every {@code *_seconds}
 * statistic) to the millisecond. Stateless.
 */
final class KpiParity {

    private static final BigDecimal RELATIVE = new BigDecimal("1e-9");
    private static final BigDecimal MILLISECOND = new BigDecimal("0.001");

    private KpiParity() {
    }

    /**
     * The differences between Rapport's report and the baseline's figures, one line each; empty when they agree.
     * Also returns, through {@code compared}, how many numbers were compared.
     */
    static List<String> differences(KpiReport report, Map<String, Map<String, Figure>> hand, long[] compared) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (KpiResult result : report.results()) {
            String kpi = result.kpi().code();
            seen.add(kpi);
            Map<String, Figure> groups = hand.getOrDefault(kpi, Map.of());
            Map<String, KpiFigure> rapport = new TreeMap<>();
            rapport.put(HandWrittenKpiSql.TOTAL, result.total());
            for (KpiFigure f : result.groups()) {
                rapport.put(f.group().value().orElse(GroupKey.NONE_LABEL), f);
            }
            Set<String> labels = new TreeSet<>(rapport.keySet());
            labels.addAll(groups.keySet());
            boolean seconds = result.kpi().unit() == KpiUnit.SECONDS;
            for (String label : labels) {
                String where = kpi + "[" + label + "]";
                KpiFigure r = rapport.get(label);
                Figure h = groups.get(label);
                if (r == null) {
                    out.add(where + ": only the hand-written SQL has this group");
                    continue;
                }
                if (h == null) {
                    if (r.numerator().signum() != 0 || !r.excluded().isEmpty()) {
                        out.add(where + ": only Rapport has this group");
                    }
                    continue;
                }
                compare(out, where + ".numerator", r.numerator(), h.numerator(), seconds, compared);
                compare(out, where + ".denominator", r.denominator(), h.denominator(), false, compared);
                if (r.value().isPresent() && h.denominator().signum() != 0) {
                    BigDecimal value = result.kpi().unit().scale().multiply(h.numerator())
                            .divide(h.denominator(), KpiFigure.PRECISION);
                    compare(out, where + ".value", r.value().get(), value, seconds, compared);
                }
                Map<String, Long> excluded = new TreeMap<>();
                r.excluded().counts().forEach((reason, n) -> excluded.put(reason.name(), n));
                compared[0]++;
                if (!excluded.equals(new TreeMap<>(h.excluded()))) {
                    out.add(where + ".excluded: Rapport " + excluded + ", hand-written " + h.excluded());
                }
                h.statistics().forEach((name, value) -> {
                    BigDecimal mine = r.statistics().get(name);
                    if (mine == null) {
                        out.add(where + "." + name + ": Rapport has no such statistic");
                    } else {
                        compare(out, where + "." + name, mine, value, name.endsWith("_seconds"), compared);
                    }
                });
            }
        }
        for (String kpi : hand.keySet()) {
            if (!seen.contains(kpi)) {
                out.add(kpi + ": only the hand-written SQL computes it");
            }
        }
        return out;
    }

    private static void compare(List<String> out, String where, BigDecimal rapport, BigDecimal hand,
            boolean duration, long[] compared) {
        compared[0]++;
        BigDecimal difference = rapport.subtract(hand).abs();
        BigDecimal allowed = duration ? MILLISECOND : RELATIVE.multiply(rapport.abs().max(BigDecimal.ONE));
        if (difference.compareTo(allowed) > 0) {
            out.add(where + ": Rapport " + rapport.toPlainString() + ", hand-written " + hand.toPlainString());
        }
    }
}
