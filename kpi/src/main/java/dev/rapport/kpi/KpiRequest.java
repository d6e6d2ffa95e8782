package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.kpi.Breakdown;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/**
 * What to compute a KPI over: a period, a breakdown, and for money KPIs the currency to report in. Flow KPIs
 * (ratings, cases, contacts, purchases) count the records of the period; stock KPIs (backlog, loyal customers,
 * historic value) are taken at the period's end; churn and retention compare its start and end.
 *
 * @param period the half-open period {@code [from, to)}
 * @param breakdown how to group; default none
 * @param currency the currency money KPIs report in; amounts in others are left out; default none
 */
public record KpiRequest(TimeRange period, Breakdown breakdown, Optional<Currency> currency) {

    /**
     * Checks the period and breakdown are present.
     *
     * @param period the half-open period {@code [from, to)}
     * @param breakdown how to group; default none
     * @param currency the currency money KPIs report in; amounts in others are left out; default none
     */
    public KpiRequest {
        if (period == null) {
            throw ValidationException.of("KpiRequest", "period", "NotNull", "must not be null");
        }
        if (breakdown == null) {
            throw ValidationException.of("KpiRequest", "breakdown", "NotNull", "must not be null");
        }
        currency = currency == null ? Optional.empty() : currency;
    }

    /**
     * A request over a period, without breakdown or currency.
     *
     * @param period the half-open period {@code [from, to)}
     * @return the request
     */
    public static KpiRequest over(TimeRange period) {
        return new KpiRequest(period, Breakdown.TOTAL, Optional.empty());
    }

    /**
     * A request over {@code [from, to)}, without breakdown or currency.
     *
     * @param from the first instant counted
     * @param to the first instant no longer counted
     * @return the request
     */
    public static KpiRequest over(Instant from, Instant to) {
        return over(TimeRange.of(from, to));
    }

    /**
     * The same request with another breakdown.
     *
     * @param value how to group
     * @return a copy with the breakdown replaced
     */
    public KpiRequest by(Breakdown value) {
        return new KpiRequest(period, value, currency);
    }

    /**
     * The same request broken down by a dimension other than the period.
     *
     * @param dimension what to group by, for example {@link Dimension#AGENT}
     * @return a copy with the breakdown replaced
     */
    public KpiRequest by(Dimension dimension) {
        return by(Breakdown.by(dimension));
    }

    /**
     * The same request broken down by days, weeks or months in a time zone.
     *
     * @param granularity days, weeks or months
     * @param zone the time zone periods are cut in
     * @return a copy with the breakdown replaced
     */
    public KpiRequest byPeriod(Granularity granularity, ZoneId zone) {
        return by(Breakdown.byPeriod(granularity, zone));
    }

    /**
     * The same request reporting money in a currency.
     *
     * @param value the currency; {@code null} for none
     * @return a copy with the currency replaced
     */
    public KpiRequest in(Currency value) {
        return new KpiRequest(period, breakdown, Optional.ofNullable(value));
    }

    /**
     * The same request reporting money in the currency with this ISO 4217 code.
     *
     * @param currencyCode an ISO 4217 code, for example {@code "EUR"}
     * @return a copy with the currency replaced
     */
    public KpiRequest in(String currencyCode) {
        return in(Currency.getInstance(currencyCode));
    }
}
