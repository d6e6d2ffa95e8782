package dev.rapport.kpi;

import dev.rapport.spi.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one KPI and the unit of its value. The KPIs Rapport computes are constants here; other packages (SLA
 * compliance, complaints) add theirs through a {@link KpiCalculator} with a {@code Kpi} of their own. Two KPIs are
 * equal when their codes are. The exact definition of each built-in KPI is in {@code docs/kpis.md}.
 *
 * @param code lower-case letters, digits and underscores, starting with a letter, at most 64 characters
 * @param unit what the value measures
 */
public record Kpi(String code, KpiUnit unit) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Share of CSAT ratings at or above the satisfaction threshold. */
    public static final Kpi CSAT = new Kpi("csat", KpiUnit.SHARE);
    /** Mean CSAT rating, expressed on the reference scale (1 to 5 by default). */
    public static final Kpi CSAT_MEAN = new Kpi("csat_mean", KpiUnit.SCORE);
    /** Net Promoter Score. */
    public static final Kpi NPS = new Kpi("nps", KpiUnit.NPS_POINTS);
    /** Customer effort, normalised to 0..1 with 1 the least effort; raw means per scale in the statistics. */
    public static final Kpi CES = new Kpi("ces", KpiUnit.NORMALIZED_SCORE);
    /** Case creation to the first public reply by a human agent. */
    public static final Kpi FIRST_REPLY_TIME = new Kpi("first_reply_time", KpiUnit.SECONDS);
    /** Oldest unanswered customer message to the next public reply by a human agent. */
    public static final Kpi NEXT_REPLY_TIME = new Kpi("next_reply_time", KpiUnit.SECONDS);
    /** Case creation to its first resolution. */
    public static final Kpi FIRST_RESOLUTION_TIME = new Kpi("first_resolution_time", KpiUnit.SECONDS);
    /** Case creation to its last resolution. */
    public static final Kpi FULL_RESOLUTION_TIME = new Kpi("full_resolution_time", KpiUnit.SECONDS);
    /** Resolved cases that met the first-contact-resolution definition, over resolved cases. */
    public static final Kpi FIRST_CONTACT_RESOLUTION = new Kpi("first_contact_resolution", KpiUnit.SHARE);
    /** Repeat contacts on the same category within the window, over all contacts. */
    public static final Kpi REPEAT_CONTACT_RATE = new Kpi("repeat_contact_rate", KpiUnit.SHARE);
    /** Reopened cases over resolved cases. */
    public static final Kpi REOPEN_RATE = new Kpi("reopen_rate", KpiUnit.SHARE);
    /** Unresolved cases at the end of the period, with their age distribution. */
    public static final Kpi BACKLOG = new Kpi("backlog", KpiUnit.COUNT);
    /** (talk + hold + after-contact work) / contacts handled. */
    public static final Kpi AVERAGE_HANDLE_TIME = new Kpi("average_handle_time", KpiUnit.SECONDS);
    /** Customers lost over customers at the start of the period. */
    public static final Kpi CHURN_RATE = new Kpi("churn_rate", KpiUnit.SHARE);
    /** (E - N) / S: customers at the end who were not new, over customers at the start. */
    public static final Kpi RETENTION_RATE = new Kpi("retention_rate", KpiUnit.SHARE);
    /** Buyers with repeat purchases within the loyalty window, over buyers in that window. */
    public static final Kpi LOYAL_CUSTOMER_SHARE = new Kpi("loyal_customer_share", KpiUnit.SHARE);
    /** Mean historic customer lifetime value: revenue - cost to serve - acquisition cost, per customer. */
    public static final Kpi HISTORIC_LIFETIME_VALUE = new Kpi("historic_lifetime_value", KpiUnit.MONEY);
    /** Predictive customer lifetime value: average order value x purchase frequency x 1 / churn. */
    public static final Kpi PREDICTIVE_LIFETIME_VALUE = new Kpi("predictive_lifetime_value", KpiUnit.MONEY);
    /** Revenue from purchases within N days after a resolved case, over all purchase revenue. */
    public static final Kpi REVENUE_AFTER_SERVICE = new Kpi("revenue_after_service", KpiUnit.SHARE);
    /** Self-service and bot contacts with no human contact following within the window, over all of them. */
    public static final Kpi CONTAINMENT_RATE = new Kpi("containment_rate", KpiUnit.SHARE);
    /** Compliments received: compliment interactions and compliments taken in through the complaints door. */
    public static final Kpi COMPLIMENTS = new Kpi("compliments", KpiUnit.COUNT);
    /** Contacts from customers: inbound, public interactions other than notes, purchases and feedback. */
    public static final Kpi INBOUND_CONTACTS = new Kpi("inbound_contacts", KpiUnit.COUNT);
    /** Calls from customers nobody answered (abandoned ones included), over calls from customers. */
    public static final Kpi MISSED_CALL_RATE = new Kpi("missed_call_rate", KpiUnit.SHARE);
    /** Calls from customers the caller hung up on while waiting, over calls from customers. */
    public static final Kpi ABANDONMENT_RATE = new Kpi("abandonment_rate", KpiUnit.SHARE);
    /** Mean wait of the answered calls from customers, from reaching the business to the answer. */
    public static final Kpi AVERAGE_SPEED_OF_ANSWER = new Kpi("average_speed_of_answer", KpiUnit.SECONDS);
    /** Survey follow-ups sent in the period that were answered through their token, over those sent. */
    public static final Kpi SURVEY_RESPONSE_RATE = new Kpi("survey_response_rate", KpiUnit.SHARE);

    /** Every KPI this package computes itself, in the order reports list them. */
    public static final List<Kpi> BUILT_IN = List.of(CSAT, CSAT_MEAN, NPS, CES, FIRST_REPLY_TIME, NEXT_REPLY_TIME,
            FIRST_RESOLUTION_TIME, FULL_RESOLUTION_TIME, FIRST_CONTACT_RESOLUTION, REPEAT_CONTACT_RATE, REOPEN_RATE,
            BACKLOG, AVERAGE_HANDLE_TIME, CHURN_RATE, RETENTION_RATE, LOYAL_CUSTOMER_SHARE, HISTORIC_LIFETIME_VALUE,
            PREDICTIVE_LIFETIME_VALUE, REVENUE_AFTER_SERVICE, CONTAINMENT_RATE, COMPLIMENTS,
            INBOUND_CONTACTS, MISSED_CALL_RATE, ABANDONMENT_RATE, AVERAGE_SPEED_OF_ANSWER, SURVEY_RESPONSE_RATE);

    /**
     * Checks the code's form and that a unit is given.
     *
     * @param code lower-case letters, digits and underscores, starting with a letter, at most 64 characters
     * @param unit what the value measures
     */
    public Kpi {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ValidationException.of("Kpi", "code", "Pattern",
                    "must be lower-case letters, digits and underscores, starting with a letter, at most 64 characters");
        }
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * Whether the value is an amount of money, so the request must name a currency.
     *
     * @return {@code true} for money KPIs and revenue after service, which need a currency in the request
     */
    public boolean isMonetary() {
        return unit == KpiUnit.MONEY || equals(REVENUE_AFTER_SERVICE);
    }

    @Override
    public String toString() {
        return code;
    }
}
