package dev.rapport.spi.kpi;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.feedback.FeedbackMetric;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Set;

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
}
