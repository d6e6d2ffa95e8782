package dev.rapport.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.kpi.CostToServe;
import dev.rapport.spi.kpi.CustomerBaseRule;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.ElapsedTime;
import dev.rapport.spi.kpi.FcrDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The definitions behind the KPIs: thresholds, windows and which vendor definition to use. Every option has a
 * documented default (the constants of this class); {@link #defaults()} holds them all. Immutable; build with
 * {@link #builder()}, which checks every option and names each bad one.
 *
 * @param csatThreshold the lowest satisfied rating on the reference scale
 * @param csatReferenceScale the scale the threshold and the mean CSAT are stated on; other scales are mapped to it
 * @param fcrDefinition which cases count as resolved at first contact
 * @param repeatContactWindow how long after a first contact another one on the same category is a repeat
 * @param containmentWindow how long after a self-service or bot contact a human contact means it was not contained
 * @param automatedChannels the channels whose inbound contacts count as self-service or bot contacts
 * @param resolutionPausedStatuses the case states whose time does not count towards resolution times
 * @param customerBaseRule who counts as a customer at a moment
 * @param activityWindow how far back a creation or purchase keeps a customer active
 * @param loyaltyWindow the window in which repeat purchases make a customer loyal
 * @param loyaltyMinimumPurchases how many purchases within the loyalty window make a customer loyal
 * @param revenueAfterServiceWindow how long after a resolution a purchase counts as revenue after service
 * @param costToServe the cost rates for historic lifetime value
 * @param backlogAgeBounds the upper bounds of the backlog age bands, ascending; a last open band follows
 * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
 * @param leagueMinimumRatings how many CSAT ratings an agent needs to be ranked in the league table
 * @param elapsedTime how durations are measured: calendar time, or a business calendar
 */
public record KpiSettings(
        int csatThreshold,
        Scale csatReferenceScale,
        FcrDefinition fcrDefinition,
        Duration repeatContactWindow,
        Duration containmentWindow,
        Set<Channel> automatedChannels,
        Set<CaseStatus> resolutionPausedStatuses,
        CustomerBaseRule customerBaseRule,
        Duration activityWindow,
        Duration loyaltyWindow,
        int loyaltyMinimumPurchases,
        Duration revenueAfterServiceWindow,
        CostToServe costToServe,
        List<Duration> backlogAgeBounds,
        Map<String, String> journeyStages,
        int leagueMinimumRatings,
        ElapsedTime elapsedTime) {

    /** Default satisfied threshold: 4 on 1 to 5 (a 3 is not satisfied). */
    public static final int DEFAULT_CSAT_THRESHOLD = 4;
    /** Default reference scale for CSAT: 1 to 5, higher is better. */
    public static final Scale DEFAULT_CSAT_REFERENCE_SCALE = Scale.CSAT_1_TO_5;
    /** Default first-contact-resolution definition. */
    public static final FcrDefinition DEFAULT_FCR_DEFINITION = FcrDefinition.ONE_AGENT_REPLY;
    /** Default repeat-contact window: 7 days. */
    public static final Duration DEFAULT_REPEAT_CONTACT_WINDOW = Duration.ofDays(7);
    /** Default containment window: 24 hours. */
    public static final Duration DEFAULT_CONTAINMENT_WINDOW = Duration.ofHours(24);
    /** Default automated channels: self-service, chatbot and IVR. */
    public static final Set<Channel> DEFAULT_AUTOMATED_CHANNELS =
            Set.of(Channel.SELF_SERVICE, Channel.CHATBOT, Channel.IVR);
    /** Default paused states: none, resolution times run in full. */
    public static final Set<CaseStatus> DEFAULT_RESOLUTION_PAUSED_STATUSES = Set.of();
    /** Default customer-base rule: activity. */
    public static final CustomerBaseRule DEFAULT_CUSTOMER_BASE_RULE = CustomerBaseRule.ACTIVITY;
    /** Default activity window: 365 days. */
    public static final Duration DEFAULT_ACTIVITY_WINDOW = Duration.ofDays(365);
    /** Default loyalty window: 365 days. */
    public static final Duration DEFAULT_LOYALTY_WINDOW = Duration.ofDays(365);
    /** Default purchases within the loyalty window for a loyal customer: 2. */
    public static final int DEFAULT_LOYALTY_MINIMUM_PURCHASES = 2;
    /** Default revenue-after-service window: 30 days. */
    public static final Duration DEFAULT_REVENUE_AFTER_SERVICE_WINDOW = Duration.ofDays(30);
    /** Default backlog age bands: under 1 day, 1-3 days, 3-7 days, 7-14 days, 14-30 days, 30 days and more. */
    public static final List<Duration> DEFAULT_BACKLOG_AGE_BOUNDS = List.of(Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30));
    /** Default ratings an agent needs to be ranked: 5. */
    public static final int DEFAULT_LEAGUE_MINIMUM_RATINGS = 5;

    private static final KpiSettings DEFAULTS = builder().build();

    /**
     * Copies the collections; use {@link #builder()} to get the options checked.
     *
     * @param csatThreshold the lowest satisfied rating on the reference scale
     * @param csatReferenceScale the scale the threshold and the mean CSAT are stated on; other scales are mapped to it
     * @param fcrDefinition which cases count as resolved at first contact
     * @param repeatContactWindow how long after a first contact another one on the same category is a repeat
     * @param containmentWindow how long after a self-service or bot contact a human contact means it was not contained
     * @param automatedChannels the channels whose inbound contacts count as self-service or bot contacts
     * @param resolutionPausedStatuses the case states whose time does not count towards resolution times
     * @param customerBaseRule who counts as a customer at a moment
     * @param activityWindow how far back a creation or purchase keeps a customer active
     * @param loyaltyWindow the window in which repeat purchases make a customer loyal
     * @param loyaltyMinimumPurchases how many purchases within the loyalty window make a customer loyal
     * @param revenueAfterServiceWindow how long after a resolution a purchase counts as revenue after service
     * @param costToServe the cost rates for historic lifetime value
     * @param backlogAgeBounds the upper bounds of the backlog age bands, ascending; a last open band follows
     * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
     * @param leagueMinimumRatings how many CSAT ratings an agent needs to be ranked in the league table
     * @param elapsedTime how durations are measured: calendar time, or a business calendar
     */
    public KpiSettings {
        automatedChannels = automatedChannels == null ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(automatedChannels));
        resolutionPausedStatuses = resolutionPausedStatuses == null || resolutionPausedStatuses.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(resolutionPausedStatuses));
        backlogAgeBounds = backlogAgeBounds == null ? List.of() : List.copyOf(backlogAgeBounds);
        journeyStages = journeyStages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(journeyStages));
    }

    /**
     * Every option at its default.
     *
     * @return the shared settings with every documented default
     */
    public static KpiSettings defaults() {
        return DEFAULTS;
    }

    /**
     * A builder with every option at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings.
     *
     * @return a new builder whose options start at these settings' values
     */
    public Builder toBuilder() {
        return new Builder().csatThreshold(csatThreshold).csatReferenceScale(csatReferenceScale)
                .fcrDefinition(fcrDefinition).repeatContactWindow(repeatContactWindow)
                .containmentWindow(containmentWindow).automatedChannels(automatedChannels)
                .resolutionPausedStatuses(resolutionPausedStatuses).customerBaseRule(customerBaseRule)
                .activityWindow(activityWindow).loyaltyWindow(loyaltyWindow)
                .loyaltyMinimumPurchases(loyaltyMinimumPurchases)
                .revenueAfterServiceWindow(revenueAfterServiceWindow).costToServe(costToServe)
                .backlogAgeBounds(backlogAgeBounds).journeyStages(journeyStages)
                .leagueMinimumRatings(leagueMinimumRatings).elapsedTime(elapsedTime);
    }

    /** Builds {@link KpiSettings}; not thread-safe. */
    public static final class Builder {
        private int csatThreshold = DEFAULT_CSAT_THRESHOLD;
        private Scale csatReferenceScale = DEFAULT_CSAT_REFERENCE_SCALE;
        private FcrDefinition fcrDefinition = DEFAULT_FCR_DEFINITION;
        private Duration repeatContactWindow = DEFAULT_REPEAT_CONTACT_WINDOW;
        private Duration containmentWindow = DEFAULT_CONTAINMENT_WINDOW;
        private Set<Channel> automatedChannels = DEFAULT_AUTOMATED_CHANNELS;
        private Set<CaseStatus> resolutionPausedStatuses = DEFAULT_RESOLUTION_PAUSED_STATUSES;
        private CustomerBaseRule customerBaseRule = DEFAULT_CUSTOMER_BASE_RULE;
        private Duration activityWindow = DEFAULT_ACTIVITY_WINDOW;
        private Duration loyaltyWindow = DEFAULT_LOYALTY_WINDOW;
        private int loyaltyMinimumPurchases = DEFAULT_LOYALTY_MINIMUM_PURCHASES;
        private Duration revenueAfterServiceWindow = DEFAULT_REVENUE_AFTER_SERVICE_WINDOW;
        private CostToServe costToServe = CostToServe.NONE;
        private List<Duration> backlogAgeBounds = DEFAULT_BACKLOG_AGE_BOUNDS;
        private Map<String, String> journeyStages = Map.of();
        private int leagueMinimumRatings = DEFAULT_LEAGUE_MINIMUM_RATINGS;
        private ElapsedTime elapsedTime = ElapsedTime.CALENDAR;

        private Builder() {
        }

        /**
         * Sets the lowest satisfied rating on the reference scale; default 4.
         *
         * @param value a rating on the reference scale
         * @return this builder
         */
        public Builder csatThreshold(int value) { csatThreshold = value; return this; }
        /**
         * Sets the CSAT reference scale; default 1 to 5, higher is better.
         *
         * @param value a scale with min below max and the higher end the good one
         * @return this builder
         */
        public Builder csatReferenceScale(Scale value) { csatReferenceScale = value; return this; }
        /**
         * Sets the first-contact-resolution definition; default {@link FcrDefinition#ONE_AGENT_REPLY}.
         *
         * @param value the definition
         * @return this builder
         */
        public Builder fcrDefinition(FcrDefinition value) { fcrDefinition = value; return this; }
        /**
         * Sets the repeat-contact window; default 7 days.
         *
         * @param value how long after a first contact another one on the same category is a repeat; positive
         * @return this builder
         */
        public Builder repeatContactWindow(Duration value) { repeatContactWindow = value; return this; }
        /**
         * Sets the containment window; default 24 hours.
         *
         * @param value how long after a self-service or bot contact a human contact means it was not contained;
         *         positive
         * @return this builder
         */
        public Builder containmentWindow(Duration value) { containmentWindow = value; return this; }
        /**
         * Sets the automated channels; default self-service, chatbot and IVR.
         *
         * @param value the channels whose inbound contacts count as self-service or bot contacts; at least one
         * @return this builder
         */
        public Builder automatedChannels(Set<Channel> value) { automatedChannels = value; return this; }
        /**
         * Sets the states that pause resolution times; default none.
         *
         * @param value states of unresolved cases whose time does not count; empty for none
         * @return this builder
         */
        public Builder resolutionPausedStatuses(Set<CaseStatus> value) { resolutionPausedStatuses = value; return this; }
        /**
         * Sets the customer-base rule; default {@link CustomerBaseRule#ACTIVITY}.
         *
         * @param value who counts as a customer at a moment
         * @return this builder
         */
        public Builder customerBaseRule(CustomerBaseRule value) { customerBaseRule = value; return this; }
        /**
         * Sets the activity window; default 365 days.
         *
         * @param value how far back a creation or purchase keeps a customer active; positive
         * @return this builder
         */
        public Builder activityWindow(Duration value) { activityWindow = value; return this; }
        /**
         * Sets the loyalty window; default 365 days.
         *
         * @param value the window in which repeat purchases make a customer loyal; positive
         * @return this builder
         */
        public Builder loyaltyWindow(Duration value) { loyaltyWindow = value; return this; }
        /**
         * Sets how many purchases in the loyalty window make a customer loyal; default 2.
         *
         * @param value the purchases needed; at least 2
         * @return this builder
         */
        public Builder loyaltyMinimumPurchases(int value) { loyaltyMinimumPurchases = value; return this; }
        /**
         * Sets the revenue-after-service window; default 30 days.
         *
         * @param value how long after a resolution a purchase counts; positive
         * @return this builder
         */
        public Builder revenueAfterServiceWindow(Duration value) { revenueAfterServiceWindow = value; return this; }
        /**
         * Sets the cost-to-serve rates; default {@link CostToServe#NONE}.
         *
         * @param value the cost rates for historic lifetime value
         * @return this builder
         */
        public Builder costToServe(CostToServe value) { costToServe = value; return this; }
        /**
         * Sets the backlog age band bounds, ascending; default 1, 3, 7, 14 and 30 days.
         *
         * @param value the upper bounds of the bands, positive and strictly ascending; empty for one open band
         * @return this builder
         */
        public Builder backlogAgeBounds(List<Duration> value) { backlogAgeBounds = value; return this; }
        /**
         * Sets the journey stage per category code; default none (every record in the group without stage).
         *
         * @param value stage name per category code; categories not named have no stage
         * @return this builder
         */
        public Builder journeyStages(Map<String, String> value) { journeyStages = value; return this; }
        /**
         * Sets the ratings an agent needs to be ranked in the league table; default 5.
         *
         * @param value the minimum number of CSAT ratings; at least 1
         * @return this builder
         */
        public Builder leagueMinimumRatings(int value) { leagueMinimumRatings = value; return this; }
        /**
         * Sets how durations are measured; default {@link ElapsedTime#CALENDAR}.
         *
         * @param value calendar time, or a business calendar
         * @return this builder
         */
        public Builder elapsedTime(ElapsedTime value) { elapsedTime = value; return this; }

        /**
         * The settings.
         *
         * @return the immutable settings
         * @throws ValidationException naming every option that is missing or out of range
         */
        public KpiSettings build() {
            List<Violation> bad = new ArrayList<>();
            if (csatReferenceScale == null) {
                bad.add(new Violation("csatReferenceScale", "NotNull", "must not be null"));
            } else if (csatReferenceScale.min() >= csatReferenceScale.max()
                    || csatReferenceScale.direction() == null) {
                bad.add(new Violation("csatReferenceScale", "OrderedScale",
                        "must have min below max and a direction"));
            } else if (!csatReferenceScale.contains(csatThreshold)) {
                bad.add(new Violation("csatThreshold", "OnScale", "must lie on the reference scale "
                        + csatReferenceScale.min() + " to " + csatReferenceScale.max()));
            } else if (csatReferenceScale.direction() == ScaleDirection.LOWER_IS_BETTER) {
                bad.add(new Violation("csatReferenceScale", "HigherIsBetter",
                        "must have the higher end as the good one"));
            }
            notNull(bad, "fcrDefinition", fcrDefinition);
            positive(bad, "repeatContactWindow", repeatContactWindow);
            positive(bad, "containmentWindow", containmentWindow);
            if (automatedChannels == null || automatedChannels.isEmpty() || hasNull(automatedChannels)) {
                bad.add(new Violation("automatedChannels", "NotEmpty", "must name at least one channel, no null"));
            }
            if (resolutionPausedStatuses == null || hasNull(resolutionPausedStatuses)) {
                bad.add(new Violation("resolutionPausedStatuses", "NotNull", "must not be or contain null"));
            } else if (resolutionPausedStatuses.contains(CaseStatus.RESOLVED)
                    || resolutionPausedStatuses.contains(CaseStatus.CLOSED)) {
                bad.add(new Violation("resolutionPausedStatuses", "Unresolved",
                        "may only hold states of unresolved cases"));
            }
            notNull(bad, "customerBaseRule", customerBaseRule);
            positive(bad, "activityWindow", activityWindow);
            positive(bad, "loyaltyWindow", loyaltyWindow);
            if (loyaltyMinimumPurchases < 2) {
                bad.add(new Violation("loyaltyMinimumPurchases", "Min", "must be greater than or equal to 2"));
            }
            positive(bad, "revenueAfterServiceWindow", revenueAfterServiceWindow);
            notNull(bad, "costToServe", costToServe);
            if (backlogAgeBounds == null || hasNull(backlogAgeBounds)) {
                bad.add(new Violation("backlogAgeBounds", "NotNull", "must not be or contain null"));
            } else {
                Duration previous = Duration.ZERO;
                for (Duration bound : backlogAgeBounds) {
                    if (bound.compareTo(previous) <= 0) {
                        bad.add(new Violation("backlogAgeBounds", "Ascending",
                                "must be positive and strictly ascending"));
                        break;
                    }
                    previous = bound;
                }
            }
            if (journeyStages == null || hasNull(journeyStages.keySet()) || hasNull(journeyStages.values())) {
                bad.add(new Violation("journeyStages", "NotNull", "must not be or contain null"));
            }
            if (leagueMinimumRatings < 1) {
                bad.add(new Violation("leagueMinimumRatings", "Min", "must be greater than or equal to 1"));
            }
            notNull(bad, "elapsedTime", elapsedTime);
            if (!bad.isEmpty()) {
                throw new ValidationException("KpiSettings", bad);
            }
            return new KpiSettings(csatThreshold, csatReferenceScale, fcrDefinition, repeatContactWindow,
                    containmentWindow, automatedChannels, resolutionPausedStatuses, customerBaseRule, activityWindow,
                    loyaltyWindow, loyaltyMinimumPurchases, revenueAfterServiceWindow, costToServe, backlogAgeBounds,
                    journeyStages, leagueMinimumRatings, elapsedTime);
        }

        private static boolean hasNull(java.util.Collection<?> values) {
            return values.stream().anyMatch(java.util.Objects::isNull);
        }

        private static void notNull(List<Violation> bad, String field, Object value) {
            if (value == null) {
                bad.add(new Violation(field, "NotNull", "must not be null"));
            }
        }

        private static void positive(List<Violation> bad, String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                bad.add(new Violation(field, "Positive", "must be a positive duration"));
            }
        }
    }
}
