package dev.rapport.spi.kpi;

/**
 * What a KPI can be broken down by. Each record contributes to the group its own data names; a record without a
 * value for the dimension (a case without category, a rating without agent) goes to the group with no value, never
 * away. Which record field feeds each dimension, per KPI, is in {@code docs/kpis.md}.
 */
public enum Dimension {
    /** No breakdown: one group holding everything. */
    TOTAL,
    /** Calendar periods (day, week, month) in a given time zone. */
    PERIOD,
    /** The channel: a case's channel of origin, an interaction's channel, a rating's channel. */
    CHANNEL,
    /** The category: a case's category, or an interaction's contact reason. Also stands in for the product. */
    CATEGORY,
    /** The customer's segment. */
    SEGMENT,
    /** The agent: the one who replied, the case's assignee, or the agent a rating is about. */
    AGENT,
    /** The team: the case's team, or else the agent's team. */
    TEAM,
    /** The case's priority. */
    PRIORITY,
    /**
     * The stage of the customer journey, mapped from the category by the slice's journey stages (core's
     * {@code KpiSettings.journeyStages}).
     */
    JOURNEY_STAGE,
    /**
     * The case's tags: a record of a case with several tags counts once in the group of each of its tags, so the
     * groups may add up to more than the total; a case without tags (and a record without a case) goes to the group
     * with no value. Every KPI whose records can belong to a case (the case itself, or the case an interaction,
     * rating, survey or compliment names) can be broken down by it; which ones is in {@code docs/kpis.md}.
     */
    TAG,
    /**
     * The value of one custom field of the case, named by {@link Breakdown#field()}, in its canonical text form
     * ({@code FieldValue.text()}); a case without a value for the field (and a record without a case) goes to the
     * group with no value. The same KPIs as {@link #TAG} can be broken down by it.
     */
    FIELD,
    /**
     * The customer's health band ({@code HEALTHY}, {@code WATCH}, {@code AT_RISK}) as last evaluated and stored
     * ({@link dev.rapport.spi.customer.HealthStandings}); a customer never evaluated goes to the group with no value.
     * The band is the current one, not the band the customer had when the record was made.
     */
    HEALTH_BAND,
    /**
     * Why a customer left: the churn reason code the customer's record holds ({@code Customer.churnReason}), for
     * churn only. Customers lost without a recorded reason go to the group with no value.
     */
    CHURN_REASON,
    /**
     * The case's status, for the backlog only: the status each unresolved case had at the moment the backlog is
     * taken ({@code NEW}, {@code OPEN}, {@code PENDING_CUSTOMER}, {@code ON_HOLD}).
     */
    CASE_STATUS,
    /**
     * The tags of the customer the record is about (the customer itself, a case's or an interaction's customer, the
     * customer who rated): a record of a customer with several tags counts once in the group of each of its tags,
     * so the groups may add up to more than the total; a customer without tags goes to the group with no value.
     * The tags are the customer's current ones, not those it had when the record was made. Every KPI whose records
     * name a customer can be broken down by it, churn and the other customer-base KPIs included; which ones is in
     * {@code docs/kpis.md}.
     */
    CUSTOMER_TAG,
    /**
     * The value of one custom field of the customer the record is about, named by {@link Breakdown#field()}, in its
     * canonical text form ({@code FieldValue.text()}); a customer without a value for the field goes to the group
     * with no value. The value is the customer's current one. The same KPIs as {@link #CUSTOMER_TAG} can be broken
     * down by it.
     */
    CUSTOMER_FIELD
}
