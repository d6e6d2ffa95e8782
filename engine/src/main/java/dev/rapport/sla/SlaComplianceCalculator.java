package dev.rapport.sla;

import dev.rapport.spi.PageWalk;
import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiCalculator;
import dev.rapport.kpi.KpiRequest;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiTally;
import dev.rapport.kpi.KpiUnit;
import dev.rapport.kpi.LabelGroups;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.SlaTarget;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SLA compliance of one target as a KPI: achieved / (achieved + breached) over the cases created in the request's
 * period, each judged by {@link SlaService#status(Case, Instant)} at the computation instant. A clock still in
 * progress is left out as {@link ExclusionReason#WINDOW_OPEN}; a case the policy sets no such target for is counted in
 * the statistic {@code no_target} (the contract has no exclusion reason for it). For {@link SlaTarget#NEXT_REPLY}
 * every cycle (every wait for a reply) counts once. The definitions are in {@code docs/kpis.md}. Thread-safe: it
 * keeps no state between computations.
 */
public final class SlaComplianceCalculator implements KpiCalculator {

    /** First-reply SLA compliance. */
    public static final Kpi SLA_FIRST_REPLY = new Kpi("sla_first_reply", KpiUnit.SHARE);
    /** Next-reply SLA compliance, per wait. */
    public static final Kpi SLA_NEXT_REPLY = new Kpi("sla_next_reply", KpiUnit.SHARE);
    /** First-resolution SLA compliance. */
    public static final Kpi SLA_FIRST_RESOLUTION = new Kpi("sla_first_resolution", KpiUnit.SHARE);
    /** Full-resolution SLA compliance. */
    public static final Kpi SLA_FULL_RESOLUTION = new Kpi("sla_full_resolution", KpiUnit.SHARE);

    /** The statistic counting cases the policy sets no target of this kind for. */
    public static final String NO_TARGET = "no_target";

    private static final int PAGE_SIZE = 500;
    private static final Set<Dimension> DIMENSIONS = EnumSet.of(Dimension.TOTAL, Dimension.PERIOD, Dimension.CHANNEL,
            Dimension.PRIORITY, Dimension.AGENT, Dimension.TAG, Dimension.FIELD, Dimension.CUSTOMER_TAG,
            Dimension.CUSTOMER_FIELD);

    private final RapportStorage storage;
    private final SlaService sla;
    private final SlaTarget target;
    private final Kpi kpi;

    /**
     * A calculator for one target.
     *
     * @param storage where the cases are read
     * @param sla the service judging each case
     * @param target the target measured
     */
    public SlaComplianceCalculator(RapportStorage storage, SlaService sla, SlaTarget target) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.target = Objects.requireNonNull(target, "target");
        this.kpi = kpiOf(target);
    }

    /**
     * One calculator per target, in target order.
     *
     * @param storage where the cases are read
     * @param sla the service judging each case
     * @return four calculators, one for each {@link SlaTarget}, in the enum's order
     */
    public static List<SlaComplianceCalculator> all(RapportStorage storage, SlaService sla) {
        return EnumSet.allOf(SlaTarget.class).stream().map(t -> new SlaComplianceCalculator(storage, sla, t)).toList();
    }

    /**
     * The KPI measuring a target.
     *
     * @param target the SLA target
     * @return the share KPI that measures compliance with the target, for example {@link #SLA_FIRST_REPLY}
     */
    public static Kpi kpiOf(SlaTarget target) {
        return switch (target) {
            case FIRST_REPLY -> SLA_FIRST_REPLY;
            case NEXT_REPLY -> SLA_NEXT_REPLY;
            case FIRST_RESOLUTION -> SLA_FIRST_RESOLUTION;
            case FULL_RESOLUTION -> SLA_FULL_RESOLUTION;
        };
    }

    @Override
    public Kpi kpi() {
        return kpi;
    }

    @Override
    public Set<Dimension> dimensions() {
        return DIMENSIONS;
    }

    @Override
    public KpiResult compute(KpiRequest request, Instant asOf) {
        KpiTally tally = new KpiTally(kpi, request);
        for (Case supportCase : PageWalk.byTime(request.period(), PAGE_SIZE, storage.cases()::findCreatedBetween,
                Case::createdAt)) {
            add(tally, request, supportCase, sla.status(supportCase, asOf));
        }
        return tally.result(asOf, Map.of("target", target.name().toLowerCase(Locale.ROOT),
                "cohort", "cases created in the period", "judged_at", asOf.toString()), (key, part) -> {
                    Map<String, BigDecimal> stats = new java.util.LinkedHashMap<>();
                    stats.put("achieved", part.numerator());
                    stats.put("breached", part.denominator().subtract(part.numerator()));
                    stats.put(NO_TARGET, part.statistics().getOrDefault(NO_TARGET, BigDecimal.ZERO));
                    return new KpiTally.Figure(part.numerator(), part.denominator(), stats);
                });
    }

    private void add(KpiTally tally, KpiRequest request, Case supportCase, SlaStatus status) {
        List<GroupKey> groups = groups(request, supportCase);
        List<SlaClock> clocks = status.clocks().stream().filter(c -> c.target() == target).toList();
        boolean hasTarget = !clocks.isEmpty() || sla.policy().targetFor(target, supportCase.priority(),
                supportCase.originChannel(), segment(supportCase)).isPresent();
        if (!hasTarget) {
            tally.statistic(groups, NO_TARGET, 1);
            return;
        }
        for (SlaClock clock : clocks) {
            switch (clock.outcome()) {
                case ACHIEVED -> tally.count(groups, BigDecimal.ONE, BigDecimal.ONE);
                case BREACHED -> tally.count(groups, BigDecimal.ZERO, BigDecimal.ONE);
                case IN_PROGRESS -> tally.exclude(groups, ExclusionReason.WINDOW_OPEN);
            }
        }
    }

    /**
     * The case's groups: by the tags or a custom field of the case or its customer, one per tag (the total counts
     * the case once), else the one group of {@link #group}.
     */
    private List<GroupKey> groups(KpiRequest request, Case supportCase) {
        if (!LabelGroups.applies(request.breakdown())) {
            return List.of(group(request, supportCase));
        }
        Dimension dimension = request.breakdown().dimension();
        Optional<Customer> customer = dimension == Dimension.CUSTOMER_TAG || dimension == Dimension.CUSTOMER_FIELD
                ? storage.customers().findById(supportCase.customerId()) : Optional.empty();
        return LabelGroups.of(request.breakdown(), Optional.of(supportCase), customer);
    }

    private java.util.Optional<String> segment(Case supportCase) {
        return storage.customers().findById(supportCase.customerId())
                .flatMap(dev.rapport.spi.customer.Customer::segment);
    }

    private static GroupKey group(KpiRequest request, Case supportCase) {
        Dimension dimension = request.breakdown().dimension();
        return switch (dimension) {
            case PERIOD -> KpiTally.periodOf(request.breakdown(), request.period(), supportCase.createdAt());
            case CHANNEL -> GroupKey.of(dimension, supportCase.originChannel().code());
            case PRIORITY -> GroupKey.of(dimension, supportCase.priority().name());
            case AGENT -> GroupKey.of(dimension, supportCase.assignee().map(AgentId::toString).orElse(null));
            default -> GroupKey.TOTAL;
        };
    }
}
