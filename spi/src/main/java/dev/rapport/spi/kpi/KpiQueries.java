package dev.rapport.spi.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The questions the KPI engine asks of the data: grouped counts, sums, histograms and duration summaries, the
 * sufficient statistics every KPI is derived from. This is what a SQL pushdown answers; core's {@code KpiEngine}
 * turns the answers into figures. Core's {@code StreamingKpiQueries} is the reference implementation, streaming over
 * the storage ports; a storage adapter may answer the same questions in its own query language (and offer them
 * through {@link dev.rapport.spi.RapportStorage#kpiQueries()}), and must give the same answers: counts, exclusion
 * counts and money exactly, durations to the millisecond at least, percentiles by the method of {@link Percentiles}.
 * The record-level definitions each method must follow are in {@code docs/kpis.md}; the spi-tck's
 * {@code KpiParityContract} proves an implementation against the reference.
 *
 * <p>Every method groups by the slice's breakdown. Groups without any record may be left out; the engine fills
 * them in. Every record considered is either counted or counted as excluded under a reason, in the group it
 * belongs to; under {@link Dimension#TAG} or {@link Dimension#CUSTOMER_TAG} a record of a case or customer with
 * several tags belongs to (and is counted or excluded once in) the group of each tag, and a record without a case
 * or customer, tag or field value to the group with no value. Methods marked <em>stock</em> evaluate at the end of the slice's period and do not accept a
 * {@link Dimension#PERIOD} breakdown (the engine asks once per period instead). Implementations must be
 * thread-safe.
 */
public interface KpiQueries {

    /**
     * CSAT, NPS or CES responses received in the period: how many of each score on each scale.
     *
     * @param metric which survey's responses to count: CSAT, NPS or CES
     * @param slice the period and breakdown
     * @return the histogram of scores per group
     */
    Tallies<ScoreHistogram> feedbackScores(FeedbackMetric metric, Slice slice);

    /**
     * First reply times of the cases created in the period.
     *
     * @param slice the period and breakdown
     * @param elapsed how time is counted: calendar time or a business calendar's working time
     * @return the first reply times per group, in microseconds
     */
    Tallies<DurationSummary> firstReplyTimes(Slice slice, ElapsedTime elapsed);

    /**
     * Next reply times (every wait after the first reply) of the cases created in the period.
     *
     * @param slice the period and breakdown
     * @param elapsed how time is counted: calendar time or a business calendar's working time
     * @return the next reply times per group, in microseconds
     */
    Tallies<DurationSummary> nextReplyTimes(Slice slice, ElapsedTime elapsed);

    /**
     * Resolution times of the cases created in the period, without the time spent in the paused states.
     *
     * @param milestone whether the time runs to the first or to the last resolution
     * @param paused the statuses whose time is not counted, for example waiting on the customer; may be empty
     * @param slice the period and breakdown
     * @param elapsed how time is counted: calendar time or a business calendar's working time
     * @return the resolution times per group, in microseconds
     */
    Tallies<DurationSummary> resolutionTimes(ResolutionMilestone milestone, Set<CaseStatus> paused, Slice slice,
            ElapsedTime elapsed);

    /**
     * Resolved and reopened counts of the cases created in the period.
     *
     * @param slice the period and breakdown
     * @return the resolved and reopened counts per group
     */
    Tallies<ReopenCounts> reopens(Slice slice);

    /**
     * Resolved and first-contact-resolved counts of the cases created in the period.
     *
     * @param definition which resolved cases count as resolved at first contact
     * @param repeatWindow how long after the first resolution a new contact on the same category makes a repeat; used
     *        by {@link FcrDefinition#NO_REPEAT_CONTACT}
     * @param slice the period and breakdown
     * @return the resolved and first-contact-resolved counts per group
     */
    Tallies<FcrCounts> firstContactResolution(FcrDefinition definition, Duration repeatWindow, Slice slice);

    /**
     * Contacts made in the period and how many were repeats within the window.
     *
     * @param window how long after a contact another one on the same category counts as a repeat; positive
     * @param slice the period and breakdown
     * @return the contact and repeat counts per group
     */
    Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice);

    /**
     * Self-service and bot contacts made in the period and how many were contained.
     *
     * @param window how long after an automated contact a human contact breaks containment; positive
     * @param automatedChannels the channels whose contacts count as self-service or bot contacts
     * @param slice the period and breakdown
     * @return the automated and contained counts per group
     */
    Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice);

    /**
     * Handle times of the interactions that occurred in the period.
     *
     * @param slice the period and breakdown
     * @return the talk, hold and after-contact work totals per group, in microseconds
     */
    Tallies<HandleTimeTotals> handleTimes(Slice slice);

    /**
     * Compliments received in the period: interactions of kind {@code COMPLIMENT}, and compliments taken in through
     * the complaints door (complaints of kind {@code COMPLIMENT}, which credit a set of agents). Under an agent or
     * team breakdown a compliment counts once in each group it credits, so the groups may add up to more than the
     * total.
     *
     * @param slice the period and breakdown
     * @return the number of compliments per group
     */
    Tallies<Count> compliments(Slice slice);

    /**
     * <em>Stock</em>: the unresolved cases at the end of the period, with their ages.
     *
     * @param ageBounds the upper bounds of the age bands, ascending; the last band, above the last bound, is open
     * @param slice the period, whose end is the moment evaluated, and a breakdown other than by period
     * @param elapsed how ages are counted: calendar time or a business calendar's working time
     * @return the unresolved cases, their ages and the count per age band, per group
     */
    Tallies<BacklogSnapshot> backlog(List<Duration> ageBounds, Slice slice, ElapsedTime elapsed);

    /**
     * <em>Stock</em>: the customer base at the start and at the end of the period.
     *
     * @param rule who counts as a customer at a moment
     * @param activityWindow how far back a creation or purchase keeps a customer counted; positive
     * @param slice the period and a breakdown other than by period
     * @return the customers at start and end, retained, new and reactivated, per group
     */
    Tallies<CustomerBase> customerBase(CustomerBaseRule rule, Duration activityWindow, Slice slice);

    /**
     * Purchases in the period, in a currency: orders, revenue and distinct purchasers.
     *
     * @param currency the currency reported in; purchases in another one are excluded as
     *        {@link ExclusionReason#OTHER_CURRENCY}
     * @param slice the period and breakdown
     * @return the orders, revenue and purchasers per group
     */
    Tallies<PurchaseTotals> purchases(Currency currency, Slice slice);

    /**
     * <em>Stock</em>: buyers in the loyalty window before the end of the period, and how many are loyal.
     *
     * @param window how far back from the end of the period purchases are looked at; positive
     * @param minimumPurchases how many purchases in the window make a buyer loyal; 1 or more
     * @param slice the period, whose end is the moment evaluated, and a breakdown other than by period
     * @return the buyers and loyal buyers per group
     */
    Tallies<Loyalty> loyalty(Duration window, int minimumPurchases, Slice slice);

    /**
     * <em>Stock</em>: historic value of the customers at the end of the period, in a currency.
     *
     * @param currency the currency reported in; amounts in another one are excluded as
     *        {@link ExclusionReason#OTHER_CURRENCY}
     * @param cost the host's rates for the cost to serve; {@link CostToServe#NONE} for none
     * @param slice the period, whose end is the moment evaluated, and a breakdown other than by period
     * @return the customers valued and their revenue, cost to serve and acquisition cost, per group
     */
    Tallies<CustomerValue> customerValue(Currency currency, CostToServe cost, Slice slice);

    /**
     * Purchases in the period, in a currency, and those made within the window after a resolved case.
     *
     * @param window how long after a resolution of one of the customer's cases a purchase counts as after service;
     *        positive
     * @param currency the currency reported in; purchases in another one are excluded as
     *        {@link ExclusionReason#OTHER_CURRENCY}
     * @param slice the period and breakdown
     * @return the purchases and revenue, in total and after service, per group
     */
    Tallies<RevenueAfterService> revenueAfterService(Duration window, Currency currency, Slice slice);

    /**
     * Contacts from customers that occurred in the period: the inbound, public interactions of every kind but notes,
     * purchases and feedback, whoever handled them, in or outside a case.
     *
     * @param slice the period and breakdown
     * @return the count per group
     */
    Tallies<Count> inboundContacts(Slice slice);

    /**
     * Calls from customers that occurred in the period: inbound interactions of kind {@code CALL} (answered) or
     * {@code MISSED_CALL} (not answered, abandoned or not), whatever the channel.
     *
     * @param slice the period and breakdown
     * @return the answered, missed and abandoned counts per group
     */
    Tallies<CallCounts> calls(Slice slice);

    /**
     * The speed of answer of the answered calls from customers that occurred in the period (inbound {@code CALL}s):
     * their wait times; a call without a wait time is excluded ({@link ExclusionReason#MISSING_WAIT_TIME}).
     *
     * @param slice the period and breakdown
     * @return the wait times per group
     */
    Tallies<DurationSummary> speedOfAnswer(Slice slice);

    /**
     * Survey follow-ups (kind {@code survey}) sent in the period, placed by their due time, and how many of them have
     * an answer stored (a feedback response naming the follow-up).
     *
     * @param slice the period and breakdown
     * @return the surveys sent and the surveys answered per group
     */
    Tallies<SurveyResponses> surveyResponses(Slice slice);

    /**
     * What to look at: a period, how to group, and the moment the data is judged at.
     *
     * @param period the records' period; for stock questions, the end is the moment evaluated
     * @param breakdown how to group
     * @param asOf now, for deciding whether an observation window has ended
     * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
     */
    record Slice(TimeRange period, Breakdown breakdown, Instant asOf, Map<String, String> journeyStages) {

        /**
         * Checks the parts are present and copies the stages.
         *
         * @param period the records' period; for stock questions, the end is the moment evaluated
         * @param breakdown how to group
         * @param asOf now, for deciding whether an observation window has ended
         * @param journeyStages journey stage per category code, for {@link Dimension#JOURNEY_STAGE}
         */
        public Slice {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(breakdown, "breakdown");
            Objects.requireNonNull(asOf, "asOf");
            journeyStages = journeyStages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(journeyStages));
        }

        /**
         * The same slice over another period and breakdown.
         *
         * @param otherPeriod the period of the new slice
         * @param otherBreakdown the breakdown of the new slice
         * @return a slice with that period and breakdown, and this slice's moment and journey stages
         */
        public Slice with(TimeRange otherPeriod, Breakdown otherBreakdown) {
            return new Slice(otherPeriod, otherBreakdown, asOf, journeyStages);
        }
    }

    /**
     * The answer for one group.
     *
     * @param group the group
     * @param value the statistics of the records counted
     * @param excluded the records left out, by reason
     * @param <T> the statistics' type
     */
    record Tally<T>(GroupKey group, T value, Exclusions excluded) {

        /**
         * Checks the parts are present.
         *
         * @param group the group
         * @param value the statistics of the records counted
         * @param excluded the records left out, by reason
         */
        public Tally {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(excluded, "excluded");
        }
    }

    /**
     * The answers for every group that has records, in group order.
     *
     * @param groups one tally per group
     * @param <T> the statistics' type
     */
    record Tallies<T>(List<Tally<T>> groups) {

        /**
         * Copies and orders the groups.
         *
         * @param groups one tally per group
         */
        public Tallies {
            List<Tally<T>> sorted = new ArrayList<>(groups);
            sorted.sort(Comparator.comparing(Tally::group));
            groups = List.copyOf(sorted);
        }

        /**
         * The tally of a group, if it has records.
         *
         * @param key the group to look up
         * @return the tally of that group, or empty if no record fell into it
         */
        public Optional<Tally<T>> group(GroupKey key) {
            return groups.stream().filter(t -> t.group().equals(key)).findFirst();
        }
    }

    /**
     * How many responses gave one score on one scale.
     *
     * @param scale the scale
     * @param score the score
     * @param count how many responses
     */
    record ScoreCount(Scale scale, int score, long count) {
    }

    /**
     * A histogram of scores, per scale: enough to derive shares, means and NPS exactly.
     *
     * @param counts one entry per scale and score given
     */
    record ScoreHistogram(List<ScoreCount> counts) {

        /** No response. */
        public static final ScoreHistogram EMPTY = new ScoreHistogram(List.of());

        /**
         * Copies the counts.
         *
         * @param counts one entry per scale and score given
         */
        public ScoreHistogram {
            counts = List.copyOf(counts);
        }

        /**
         * The number of responses.
         *
         * @return the sum of the counts over every scale and score; zero for {@link #EMPTY}
         */
        public long responses() {
            return counts.stream().mapToLong(ScoreCount::count).sum();
        }
    }

    /**
     * A summary of durations, in microseconds. Count, total, minimum and maximum combine across groups; the
     * percentiles do not. All values are zero when the count is.
     *
     * @param count how many durations
     * @param totalMicros their sum
     * @param minMicros the smallest
     * @param maxMicros the largest
     * @param medianMicros the 50th percentile, by {@link Percentiles#continuous}
     * @param p90Micros the 90th percentile, by {@link Percentiles#continuous}
     */
    record DurationSummary(long count, long totalMicros, long minMicros, long maxMicros, BigDecimal medianMicros,
            BigDecimal p90Micros) {

        /** No duration. */
        public static final DurationSummary EMPTY =
                new DurationSummary(0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

        /**
         * Checks the percentiles are present.
         *
         * @param count how many durations
         * @param totalMicros their sum
         * @param minMicros the smallest
         * @param maxMicros the largest
         * @param medianMicros the 50th percentile, by {@link Percentiles#continuous}
         * @param p90Micros the 90th percentile, by {@link Percentiles#continuous}
         */
        public DurationSummary {
            Objects.requireNonNull(medianMicros, "medianMicros");
            Objects.requireNonNull(p90Micros, "p90Micros");
        }

        /**
         * The summary of the given durations in microseconds, in any order; the array is sorted in place.
         *
         * @param micros the durations in microseconds, each zero or more; may be empty
         * @return the summary of the durations; {@link #EMPTY} for an empty array
         */
        public static DurationSummary of(long[] micros) {
            if (micros.length == 0) {
                return EMPTY;
            }
            java.util.Arrays.sort(micros);
            long total = 0;
            for (long m : micros) {
                total = Math.addExact(total, m);
            }
            return new DurationSummary(micros.length, total, micros[0], micros[micros.length - 1],
                    Percentiles.continuous(micros, Percentiles.MEDIAN),
                    Percentiles.continuous(micros, Percentiles.P90));
        }
    }

    /**
     * Resolved and reopened cases.
     *
     * @param resolved cases resolved at least once
     * @param reopened of those, cases reopened at least once
     */
    record ReopenCounts(long resolved, long reopened) {
        /** No case. */
        public static final ReopenCounts EMPTY = new ReopenCounts(0, 0);
    }

    /**
     * Resolved cases and those resolved at first contact.
     *
     * @param resolved cases resolved at least once whose outcome is decided
     * @param firstContactResolved of those, cases that meet the first-contact-resolution definition
     */
    record FcrCounts(long resolved, long firstContactResolved) {
        /** No case. */
        public static final FcrCounts EMPTY = new FcrCounts(0, 0);
    }

    /**
     * Contacts and repeats.
     *
     * @param contacts contacts made
     * @param repeats of those, contacts within the window after a first contact on the same category
     */
    record RepeatContacts(long contacts, long repeats) {
        /** No contact. */
        public static final RepeatContacts EMPTY = new RepeatContacts(0, 0);
    }

    /**
     * Self-service and bot contacts.
     *
     * @param automatedContacts contacts handled by self-service or a bot
     * @param contained of those, contacts not followed by a human contact within the window
     */
    record Containment(long automatedContacts, long contained) {
        /** No contact. */
        public static final Containment EMPTY = new Containment(0, 0);
    }

    /**
     * Handle-time totals, in microseconds.
     *
     * @param contacts contacts handled by a human with a handle time
     * @param talkMicros total talk time
     * @param holdMicros total hold time
     * @param afterContactWorkMicros total after-contact work
     */
    record HandleTimeTotals(long contacts, long talkMicros, long holdMicros, long afterContactWorkMicros) {
        /** No contact. */
        public static final HandleTimeTotals EMPTY = new HandleTimeTotals(0, 0, 0, 0);

        /**
         * Talk + hold + after-contact work.
         *
         * @return the sum of talk, hold and after-contact work, in microseconds
         */
        public long totalMicros() {
            return talkMicros + holdMicros + afterContactWorkMicros;
        }
    }

    /**
     * A plain count.
     *
     * @param count how many records
     */
    record Count(long count) {
        /** Nothing. */
        public static final Count EMPTY = new Count(0);
    }

    /**
     * The backlog at a moment.
     *
     * @param cases unresolved cases
     * @param ages their ages
     * @param bandCounts cases per age band: one more band than bounds, the last one open
     */
    record BacklogSnapshot(long cases, DurationSummary ages, List<Long> bandCounts) {

        /**
         * Copies the bands.
         *
         * @param cases unresolved cases
         * @param ages their ages
         * @param bandCounts cases per age band: one more band than bounds, the last one open
         */
        public BacklogSnapshot {
            Objects.requireNonNull(ages, "ages");
            bandCounts = List.copyOf(bandCounts);
        }

        /**
         * An empty backlog with the given number of bands.
         *
         * @param bands the number of age bands, one more than the age bounds asked for
         * @return a backlog of zero cases, {@link DurationSummary#EMPTY} ages and {@code bands} zero counts
         */
        public static BacklogSnapshot empty(int bands) {
            return new BacklogSnapshot(0, DurationSummary.EMPTY, Collections.nCopies(bands, 0L));
        }
    }

    /**
     * The customer base over a period.
     *
     * @param atStart customers at the start (S)
     * @param atEnd customers at the end (E)
     * @param retained customers at both start and end
     * @param newRegistrations customers at the end, not at the start, created in the period
     * @param reactivated customers at the end, not at the start, created before the period
     */
    record CustomerBase(long atStart, long atEnd, long retained, long newRegistrations, long reactivated) {
        /** No customer. */
        public static final CustomerBase EMPTY = new CustomerBase(0, 0, 0, 0, 0);

        /**
         * Customers at the start and not at the end.
         *
         * @return the number of customers counted at the start but not at the end; zero or more
         */
        public long lost() {
            return atStart - retained;
        }

        /**
         * Customers at the end who were not at the start (N).
         *
         * @return the number of customers counted at the end but not at the start; zero or more
         */
        public long gained() {
            return atEnd - retained;
        }
    }

    /**
     * Purchase totals.
     *
     * @param orders purchases
     * @param revenue their amounts' sum
     * @param purchasers distinct customers who purchased
     */
    record PurchaseTotals(long orders, BigDecimal revenue, long purchasers) {
        /** No purchase. */
        public static final PurchaseTotals EMPTY = new PurchaseTotals(0, BigDecimal.ZERO, 0);
    }

    /**
     * Buyers and loyal buyers.
     *
     * @param buyers customers with at least one purchase in the window
     * @param loyal of those, customers with at least the minimum number of purchases in it
     */
    record Loyalty(long buyers, long loyal) {
        /** No buyer. */
        public static final Loyalty EMPTY = new Loyalty(0, 0);
    }

    /**
     * Historic value totals over customers.
     *
     * @param customers customers valued
     * @param revenue their purchases' sum
     * @param costToServe their cost to serve
     * @param acquisitionCost their acquisition cost
     */
    record CustomerValue(long customers, BigDecimal revenue, BigDecimal costToServe, BigDecimal acquisitionCost) {
        /** No customer. */
        public static final CustomerValue EMPTY =
                new CustomerValue(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        /**
         * Revenue - cost to serve - acquisition cost.
         *
         * @return the historic value in the request's currency; negative when costs exceed revenue
         */
        public BigDecimal value() {
            return revenue.subtract(costToServe).subtract(acquisitionCost);
        }
    }

    /**
     * Purchases and the share after service.
     *
     * @param purchases purchases
     * @param revenue their amounts' sum
     * @param purchasesAfterService purchases within the window after a resolution of one of the customer's cases
     * @param revenueAfterService their amounts' sum
     */
    record RevenueAfterService(long purchases, BigDecimal revenue, long purchasesAfterService,
            BigDecimal revenueAfterService) {
        /** No purchase. */
        public static final RevenueAfterService EMPTY =
                new RevenueAfterService(0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
    }

    /**
     * Calls from customers, answered or not.
     *
     * @param answered calls answered (kind {@code CALL})
     * @param missed calls nobody answered (kind {@code MISSED_CALL}), abandoned ones included
     * @param abandoned of the missed calls, those the caller hung up on while waiting
     */
    record CallCounts(long answered, long missed, long abandoned) {
        /** No call. */
        public static final CallCounts EMPTY = new CallCounts(0, 0, 0);

        /**
         * Every call offered: answered + missed.
         *
         * @return the calls offered
         */
        public long offered() {
            return answered + missed;
        }
    }

    /**
     * Surveys sent and answered.
     *
     * @param sent survey follow-ups sent
     * @param answered of those, the ones with an answer stored
     */
    record SurveyResponses(long sent, long answered) {
        /** No survey. */
        public static final SurveyResponses EMPTY = new SurveyResponses(0, 0);
    }
}
