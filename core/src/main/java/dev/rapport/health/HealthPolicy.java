package dev.rapport.health;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How customer health is scored by {@link WeightedHealthScorer}: a weight per factor, the look-back window, the
 * band thresholds and where each factor counts as fully bad. Immutable; built with {@link #builder()}, whose every
 * option states its default, or taken as {@link #defaults()}. See docs/customers.md for the formula.
 *
 * <p>Each factor has a severity from 0 to 1; it takes {@code 100 * weight * severity / (sum of weights)} points off
 * a score of 100. The score (rounded half up to a whole number) is {@link dev.rapport.spi.customer.HealthBand#AT_RISK}
 * below {@link #atRiskBelow()}, {@code WATCH} below {@link #watchBelow()}, else {@code HEALTHY}.
 */
public final class HealthPolicy {

    /** The factors of the default scorer, in the order they are shown. */
    public enum Factor {
        /** Share of the CSAT ratings in the window below the threshold; severity is that share. */
        RECENT_CSAT,
        /** Complaints not closed; severity is count / {@link HealthPolicy#openComplaintsCap()}, at most 1. */
        OPEN_COMPLAINTS,
        /** Complaints received in the window; severity is count / {@link HealthPolicy#recentComplaintsCap()}. */
        RECENT_COMPLAINTS,
        /**
         * Cases opened in the window within {@link HealthPolicy#repeatWindow()} after an earlier case; severity is
         * count / {@link HealthPolicy#repeatContactsCap()}.
         */
        REPEAT_CONTACTS,
        /** Cases opened in the window with a breached SLA target; severity is count / {@link HealthPolicy#slaBreachesCap()}. */
        SLA_BREACHES,
        /**
         * Days since the last purchase (or registration); severity rises linearly from 0 at
         * {@link HealthPolicy#purchaseGrace()} to 1 at {@link HealthPolicy#purchaseLapse()}.
         */
        DAYS_SINCE_LAST_PURCHASE,
        /**
         * Days since the last contact (or registration); severity rises linearly from 0 at
         * {@link HealthPolicy#contactGrace()} to 1 at {@link HealthPolicy#contactLapse()}.
         */
        DAYS_SINCE_LAST_CONTACT;

        /**
         * The factor's code as shown in {@link HealthFactor#name()}, for example {@code "recent_csat"}.
         *
         * @return the factor's name in lower case, for example {@code "recent_csat"}
         */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The largest weight a factor may have: {@value}. */
    public static final int MAX_WEIGHT = 1_000;
    /** The largest count cap: {@value}. */
    public static final int MAX_CAP = 1_000;
    /** The longest look-back window: 3,650 days. */
    public static final Duration MAX_LOOK_BACK = Duration.ofDays(3_650);
    /** The longest lapse or repeat window: 36,500 days. */
    public static final Duration MAX_LAPSE = Duration.ofDays(36_500);

    /** Default weights: CSAT 25, open complaints 20, recent complaints 10, repeat contacts 15, SLA breaches 10, purchase 15, contact 5. */
    public static final Map<Factor, Integer> DEFAULT_WEIGHTS = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Factor.RECENT_CSAT, 25, Factor.OPEN_COMPLAINTS, 20, Factor.RECENT_COMPLAINTS, 10,
            Factor.REPEAT_CONTACTS, 15, Factor.SLA_BREACHES, 10, Factor.DAYS_SINCE_LAST_PURCHASE, 15,
            Factor.DAYS_SINCE_LAST_CONTACT, 5)));
    /** Default look-back window: 90 days. */
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofDays(90);
    /** Default watch threshold: a score below 70 is WATCH. */
    public static final int DEFAULT_WATCH_BELOW = 70;
    /** Default at-risk threshold: a score below 40 is AT_RISK. */
    public static final int DEFAULT_AT_RISK_BELOW = 40;
    /** Default CSAT threshold: a rating below 4 on 1-5 (scaled to the rating's own scale) is low, as in the CSAT KPI. */
    public static final int DEFAULT_CSAT_THRESHOLD = 4;
    /** Default: one open complaint is as bad as it counts. */
    public static final int DEFAULT_OPEN_COMPLAINTS_CAP = 1;
    /** Default: three complaints in the window are as bad as it counts. */
    public static final int DEFAULT_RECENT_COMPLAINTS_CAP = 3;
    /** Default: three repeat contacts in the window are as bad as it counts. */
    public static final int DEFAULT_REPEAT_CONTACTS_CAP = 3;
    /** Default: two cases with a breached SLA in the window are as bad as it counts. */
    public static final int DEFAULT_SLA_BREACHES_CAP = 2;
    /** Default repeat window: 7 days, as the repeat-contact KPI's. */
    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofDays(7);
    /** Default: no purchase for 60 days starts to count. */
    public static final Duration DEFAULT_PURCHASE_GRACE = Duration.ofDays(60);
    /** Default: no purchase for 180 days counts fully. */
    public static final Duration DEFAULT_PURCHASE_LAPSE = Duration.ofDays(180);
    /** Default: no contact for 90 days starts to count. */
    public static final Duration DEFAULT_CONTACT_GRACE = Duration.ofDays(90);
    /** Default: no contact for 365 days counts fully. */
    public static final Duration DEFAULT_CONTACT_LAPSE = Duration.ofDays(365);

    private static final HealthPolicy DEFAULTS = builder().build();

    private final Map<Factor, Integer> weights;
    private final Duration lookBack;
    private final int watchBelow;
    private final int atRiskBelow;
    private final int csatThreshold;
    private final int openComplaintsCap;
    private final int recentComplaintsCap;
    private final int repeatContactsCap;
    private final int slaBreachesCap;
    private final Duration repeatWindow;
    private final Duration purchaseGrace;
    private final Duration purchaseLapse;
    private final Duration contactGrace;
    private final Duration contactLapse;

    private HealthPolicy(Builder b) {
        weights = Collections.unmodifiableMap(new EnumMap<>(b.weights));
        lookBack = b.lookBack;
        watchBelow = b.watchBelow;
        atRiskBelow = b.atRiskBelow;
        csatThreshold = b.csatThreshold;
        openComplaintsCap = b.openComplaintsCap;
        recentComplaintsCap = b.recentComplaintsCap;
        repeatContactsCap = b.repeatContactsCap;
        slaBreachesCap = b.slaBreachesCap;
        repeatWindow = b.repeatWindow;
        purchaseGrace = b.purchaseGrace;
        purchaseLapse = b.purchaseLapse;
        contactGrace = b.contactGrace;
        contactLapse = b.contactLapse;
    }

    /**
     * The policy with every default.
     *
     * @return the default policy
     */
    public static HealthPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the weight of each factor (every factor present; 0 leaves it out of the score) */
    public Map<Factor, Integer> weights() { return weights; }
    /** @return the look-back window of ratings, complaints, repeat contacts and SLA breaches */
    public Duration lookBack() { return lookBack; }
    /** @return the score below which a customer is WATCH */
    public int watchBelow() { return watchBelow; }
    /** @return the score below which a customer is AT_RISK */
    public int atRiskBelow() { return atRiskBelow; }
    /** @return the CSAT threshold on a 1-5 scale; a rating below it is low */
    public int csatThreshold() { return csatThreshold; }
    /** @return how many open complaints count fully */
    public int openComplaintsCap() { return openComplaintsCap; }
    /** @return how many complaints in the window count fully */
    public int recentComplaintsCap() { return recentComplaintsCap; }
    /** @return how many repeat contacts in the window count fully */
    public int repeatContactsCap() { return repeatContactsCap; }
    /** @return how many cases with a breached SLA in the window count fully */
    public int slaBreachesCap() { return slaBreachesCap; }
    /** @return how soon after an earlier case a case is a repeat contact */
    public Duration repeatWindow() { return repeatWindow; }
    /** @return how long without a purchase before it starts to count */
    public Duration purchaseGrace() { return purchaseGrace; }
    /** @return how long without a purchase until it counts fully */
    public Duration purchaseLapse() { return purchaseLapse; }
    /** @return how long without a contact before it starts to count */
    public Duration contactGrace() { return contactGrace; }
    /** @return how long without a contact until it counts fully */
    public Duration contactLapse() { return contactLapse; }

    /**
     * The sum of all weights; always positive.
     *
     * @return the sum
     */
    public int totalWeight() {
        return weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The band a score falls in under this policy.
     *
     * @param score 0 to 100
     * @return AT_RISK below {@link #atRiskBelow()}, WATCH below {@link #watchBelow()}, else HEALTHY
     */
    public dev.rapport.spi.customer.HealthBand bandOf(int score) {
        if (score < atRiskBelow) {
            return dev.rapport.spi.customer.HealthBand.AT_RISK;
        }
        return score < watchBelow ? dev.rapport.spi.customer.HealthBand.WATCH
                : dev.rapport.spi.customer.HealthBand.HEALTHY;
    }

    /** Builds a {@link HealthPolicy}; every option holds its default until set. Not thread-safe. */
    public static final class Builder {
        private final Map<Factor, Integer> weights = new EnumMap<>(DEFAULT_WEIGHTS);
        private final List<String> nullFactors = new ArrayList<>();
        private Duration lookBack = DEFAULT_LOOK_BACK;
        private int watchBelow = DEFAULT_WATCH_BELOW;
        private int atRiskBelow = DEFAULT_AT_RISK_BELOW;
        private int csatThreshold = DEFAULT_CSAT_THRESHOLD;
        private int openComplaintsCap = DEFAULT_OPEN_COMPLAINTS_CAP;
        private int recentComplaintsCap = DEFAULT_RECENT_COMPLAINTS_CAP;
        private int repeatContactsCap = DEFAULT_REPEAT_CONTACTS_CAP;
        private int slaBreachesCap = DEFAULT_SLA_BREACHES_CAP;
        private Duration repeatWindow = DEFAULT_REPEAT_WINDOW;
        private Duration purchaseGrace = DEFAULT_PURCHASE_GRACE;
        private Duration purchaseLapse = DEFAULT_PURCHASE_LAPSE;
        private Duration contactGrace = DEFAULT_CONTACT_GRACE;
        private Duration contactLapse = DEFAULT_CONTACT_LAPSE;

        private Builder() {
        }

        /**
         * Sets a factor's weight, 0 to {@link #MAX_WEIGHT}; 0 leaves the factor out. Default {@link #DEFAULT_WEIGHTS}.
         *
         * @param factor the factor
         * @param weight its weight
         * @return this builder
         */
        public Builder weight(Factor factor, int weight) {
            if (factor == null) {
                nullFactors.add("weight");
            } else {
                weights.put(factor, weight);
            }
            return this;
        }

        /**
         * Sets the look-back window, 1 day to {@link #MAX_LOOK_BACK}. Default {@link #DEFAULT_LOOK_BACK}.
         *
         * @param value the window
         * @return this builder
         */
        public Builder lookBack(Duration value) { lookBack = value; return this; }

        /**
         * Sets the band thresholds: below {@code atRiskBelow} is AT_RISK, below {@code watchBelow} WATCH; 0 to 100,
         * at-risk not above watch. Default {@link #DEFAULT_WATCH_BELOW} and {@link #DEFAULT_AT_RISK_BELOW}.
         *
         * @param watchBelowScore the watch threshold
         * @param atRiskBelowScore the at-risk threshold
         * @return this builder
         */
        public Builder bands(int watchBelowScore, int atRiskBelowScore) {
            watchBelow = watchBelowScore;
            atRiskBelow = atRiskBelowScore;
            return this;
        }

        /**
         * Sets the CSAT threshold on 1-5, 1 to 5 (scaled to each rating's scale). Default {@link #DEFAULT_CSAT_THRESHOLD}.
         *
         * @param value the threshold
         * @return this builder
         */
        public Builder csatThreshold(int value) { csatThreshold = value; return this; }

        /**
         * Sets how many open complaints count fully, 1 to {@link #MAX_CAP}. Default {@link #DEFAULT_OPEN_COMPLAINTS_CAP}.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder openComplaintsCap(int value) { openComplaintsCap = value; return this; }

        /**
         * Sets how many complaints in the window count fully, 1 to {@link #MAX_CAP}. Default
         * {@link #DEFAULT_RECENT_COMPLAINTS_CAP}.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder recentComplaintsCap(int value) { recentComplaintsCap = value; return this; }

        /**
         * Sets how many repeat contacts count fully, 1 to {@link #MAX_CAP}. Default {@link #DEFAULT_REPEAT_CONTACTS_CAP}.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder repeatContactsCap(int value) { repeatContactsCap = value; return this; }

        /**
         * Sets how many cases with a breached SLA count fully, 1 to {@link #MAX_CAP}. Default
         * {@link #DEFAULT_SLA_BREACHES_CAP}.
         *
         * @param value the cap
         * @return this builder
         */
        public Builder slaBreachesCap(int value) { slaBreachesCap = value; return this; }

        /**
         * Sets how soon after an earlier case a case is a repeat contact, positive, at most {@link #MAX_LAPSE}.
         * Default {@link #DEFAULT_REPEAT_WINDOW}.
         *
         * @param value the window
         * @return this builder
         */
        public Builder repeatWindow(Duration value) { repeatWindow = value; return this; }

        /**
         * Sets when time without a purchase starts to count and when it counts fully: grace zero or more, lapse
         * above grace and at most {@link #MAX_LAPSE}. Default {@link #DEFAULT_PURCHASE_GRACE} and
         * {@link #DEFAULT_PURCHASE_LAPSE}.
         *
         * @param grace when it starts to count
         * @param lapse when it counts fully
         * @return this builder
         */
        public Builder purchase(Duration grace, Duration lapse) {
            purchaseGrace = grace;
            purchaseLapse = lapse;
            return this;
        }

        /**
         * Sets when time without a contact starts to count and when it counts fully: grace zero or more, lapse
         * above grace and at most {@link #MAX_LAPSE}. Default {@link #DEFAULT_CONTACT_GRACE} and
         * {@link #DEFAULT_CONTACT_LAPSE}.
         *
         * @param grace when it starts to count
         * @param lapse when it counts fully
         * @return this builder
         */
        public Builder contact(Duration grace, Duration lapse) {
            contactGrace = grace;
            contactLapse = lapse;
            return this;
        }

        /**
         * The policy.
         *
         * @return the policy
         * @throws ValidationException naming every option at fault ({@code weight(<factor>)}, {@code weights},
         *         {@code lookBack}, {@code watchBelow}, {@code atRiskBelow}, {@code csatThreshold}, the caps,
         *         {@code repeatWindow}, {@code purchaseGrace}, {@code purchaseLapse}, {@code contactGrace},
         *         {@code contactLapse}) and the rule it breaks
         */
        public HealthPolicy build() {
            List<Violation> bad = new ArrayList<>();
            nullFactors.forEach(f -> bad.add(new Violation(f, "NotNull", "must name a factor, not null")));
            long sum = 0;
            for (Map.Entry<Factor, Integer> e : weights.entrySet()) {
                int w = e.getValue();
                if (w < 0 || w > MAX_WEIGHT) {
                    bad.add(new Violation("weight(" + e.getKey().code() + ")", "Range",
                            "must be 0 to " + MAX_WEIGHT));
                } else {
                    sum += w;
                }
            }
            if (sum == 0 && bad.isEmpty()) {
                bad.add(new Violation("weights", "Positive", "at least one factor must have a weight above 0"));
            }
            duration(bad, "lookBack", lookBack, Duration.ofDays(1), MAX_LOOK_BACK);
            range(bad, "watchBelow", watchBelow, 0, 100);
            range(bad, "atRiskBelow", atRiskBelow, 0, 100);
            if (atRiskBelow > watchBelow && watchBelow >= 0 && atRiskBelow <= 100) {
                bad.add(new Violation("atRiskBelow", "NotAboveWatch", "must not be above watchBelow"));
            }
            range(bad, "csatThreshold", csatThreshold, 1, 5);
            range(bad, "openComplaintsCap", openComplaintsCap, 1, MAX_CAP);
            range(bad, "recentComplaintsCap", recentComplaintsCap, 1, MAX_CAP);
            range(bad, "repeatContactsCap", repeatContactsCap, 1, MAX_CAP);
            range(bad, "slaBreachesCap", slaBreachesCap, 1, MAX_CAP);
            duration(bad, "repeatWindow", repeatWindow, Duration.ofNanos(1), MAX_LAPSE);
            lapse(bad, "purchase", purchaseGrace, purchaseLapse);
            lapse(bad, "contact", contactGrace, contactLapse);
            if (!bad.isEmpty()) {
                throw new ValidationException("HealthPolicy", bad);
            }
            return new HealthPolicy(this);
        }

        private static void range(List<Violation> bad, String field, int value, int min, int max) {
            if (value < min || value > max) {
                bad.add(new Violation(field, "Range", "must be " + min + " to " + max));
            }
        }

        private static boolean duration(List<Violation> bad, String field, Duration value, Duration min,
                Duration max) {
            if (value == null) {
                bad.add(new Violation(field, "NotNull", "must not be null"));
                return false;
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                bad.add(new Violation(field, "Range", "must be " + min + " to " + max));
                return false;
            }
            return true;
        }

        private static void lapse(List<Violation> bad, String what, Duration grace, Duration lapse) {
            boolean graceOk = duration(bad, what + "Grace", grace, Duration.ZERO, MAX_LAPSE);
            boolean lapseOk = duration(bad, what + "Lapse", lapse, Duration.ofNanos(1), MAX_LAPSE);
            if (graceOk && lapseOk && lapse.compareTo(grace) <= 0) {
                bad.add(new Violation(what + "Lapse", "AboveGrace", "must be longer than " + what + "Grace"));
            }
        }
    }
}
