package dev.rapport.health;

import dev.rapport.health.HealthPolicy.Factor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rapport's own health scorer: a weighted sum of factor severities, each between 0 and 1, taken off a score of 100,
 * as {@link HealthPolicy} describes. Every factor is reported, with its weight, measured value, severity and the
 * points it took off, so the score can be read line by line. Immutable and thread-safe.
 */
public final class WeightedHealthScorer implements HealthScorer {

    private static final MathContext EXACT = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final HealthPolicy policy;

    /**
     * A scorer over a policy.
     *
     * @param policy the weights, thresholds and caps
     * @throws NullPointerException if the policy is null
     */
    public WeightedHealthScorer(HealthPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The policy this scorer applies.
     *
     * @return the policy
     */
    public HealthPolicy policy() {
        return policy;
    }

    @Override
    public CustomerHealth score(HealthSignals s) {
        BigDecimal total = BigDecimal.valueOf(policy.totalWeight());
        List<HealthFactor> factors = new ArrayList<>();
        BigDecimal lost = BigDecimal.ZERO;
        for (Factor factor : Factor.values()) {
            Measure m = measure(factor, s);
            int weight = policy.weights().getOrDefault(factor, 0);
            BigDecimal points = HUNDRED.multiply(BigDecimal.valueOf(weight)).multiply(m.severity)
                    .divide(total, EXACT);
            lost = lost.add(points);
            factors.add(new HealthFactor(factor.code(), m.value, m.detail, weight,
                    m.severity.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros(),
                    points.setScale(2, RoundingMode.HALF_UP)));
        }
        int score = HUNDRED.subtract(lost).setScale(0, RoundingMode.HALF_UP).max(BigDecimal.ZERO).min(HUNDRED)
                .intValueExact();
        return new CustomerHealth(s.customerId(), score, policy.bandOf(score), factors, s.asOf());
    }

    private record Measure(BigDecimal value, String detail, BigDecimal severity) {
    }

    private Measure measure(Factor factor, HealthSignals s) {
        return switch (factor) {
            case RECENT_CSAT -> {
                BigDecimal share = s.ratings() == 0 ? BigDecimal.ZERO
                        : BigDecimal.valueOf(s.lowRatings()).divide(BigDecimal.valueOf(s.ratings()), EXACT);
                yield new Measure(share.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros(),
                        s.ratings() == 0 ? "no ratings in the window"
                                : s.lowRatings() + " of " + s.ratings() + " ratings below " + policy.csatThreshold()
                                        + " on 1-5", share);
            }
            case OPEN_COMPLAINTS -> count(s.openComplaints(), policy.openComplaintsCap(), "open complaints");
            case RECENT_COMPLAINTS -> count(s.recentComplaints(), policy.recentComplaintsCap(),
                    "complaints in the window");
            case REPEAT_CONTACTS -> count(s.repeatContacts(), policy.repeatContactsCap(),
                    "repeat contacts in the window");
            case SLA_BREACHES -> count(s.slaBreaches(), policy.slaBreachesCap(), "cases with a breached SLA");
            case DAYS_SINCE_LAST_PURCHASE -> days(s.lastPurchase().orElse(s.registeredAt()), s.asOf(),
                    policy.purchaseGrace(), policy.purchaseLapse(),
                    s.lastPurchase().isPresent() ? "since the last purchase" : "since registration, no purchase");
            case DAYS_SINCE_LAST_CONTACT -> days(s.lastContact().orElse(s.registeredAt()), s.asOf(),
                    policy.contactGrace(), policy.contactLapse(),
                    s.lastContact().isPresent() ? "since the last contact" : "since registration, no contact");
        };
    }

    private static Measure count(int n, int cap, String what) {
        BigDecimal severity = BigDecimal.valueOf(Math.min(n, cap)).divide(BigDecimal.valueOf(cap), EXACT);
        return new Measure(BigDecimal.valueOf(n), n + " " + what + " (" + cap + " count fully)", severity);
    }

    private static Measure days(Instant last, Instant asOf, Duration grace, Duration lapse, String since) {
        Duration elapsed = last.isAfter(asOf) ? Duration.ZERO : Duration.between(last, asOf);
        BigDecimal severity;
        if (elapsed.compareTo(grace) <= 0) {
            severity = BigDecimal.ZERO;
        } else if (elapsed.compareTo(lapse) >= 0) {
            severity = BigDecimal.ONE;
        } else {
            severity = seconds(elapsed.minus(grace)).divide(seconds(lapse.minus(grace)), EXACT);
        }
        long days = elapsed.toDays();
        return new Measure(BigDecimal.valueOf(days), days + " days " + since + " (counts from " + grace.toDays()
                + ", fully at " + lapse.toDays() + ")", severity);
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    @Override
    public String toString() {
        return "WeightedHealthScorer" + policy.weights();
    }
}
