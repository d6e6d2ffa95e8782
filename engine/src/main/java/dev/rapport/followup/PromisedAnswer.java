package dev.rapport.followup;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.BusinessCalendars;
import dev.rapport.sla.SlaPolicy;
import dev.rapport.sla.SlaTargetSpec;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a new case will get its first answer: the first-reply target of the SLA policy, counted from the case's
 * creation on the target's business calendar (or in calendar time), and whether the business was closed when the
 * case arrived. {@link #values(ZoneId, Locale, Instant)} formats it for a message in the customer's zone and language.
 *
 * @param promisedBy when the first reply is due
 * @param target the time the first-reply target allows
 * @param calendarId the calendar the target counts on; empty for calendar time
 * @param outOfHours whether the business was closed when the case arrived
 * @param opensAt when the business opens again, if it was closed
 */
public record PromisedAnswer(Instant promisedBy, Duration target, Optional<String> calendarId, boolean outOfHours,
        Optional<Instant> opensAt) {

    /** Value: the promised time as an ISO-8601 date-time with offset, in the customer's zone. */
    public static final String PROMISED_BY = "promisedBy";
    /** Value: the promised time for people: the weekday and time within six days ("Tuesday 10:00"), else the date and time. */
    public static final String PROMISED_AT = "promisedAt";
    /** Value: the promised weekday in the customer's language ("Dienstag"). */
    public static final String PROMISED_DAY = "promisedDay";
    /** Value: the promised date in the customer's language, medium style. */
    public static final String PROMISED_DATE = "promisedDate";
    /** Value: the promised time of day in the customer's language, short style. */
    public static final String PROMISED_TIME = "promisedTime";
    /** Value: {@code "true"} when the business was closed when the case arrived, else {@code "false"}. */
    public static final String OUT_OF_HOURS = "outOfHours";
    /** Value: when the business opens again, formatted like {@link #PROMISED_AT}; only when closed. */
    public static final String OPENS_AT = "opensAt";

    /**
     * Checks the parts are present.
     *
     * @param promisedBy when the first reply is due
     * @param target the time the first-reply target allows
     * @param calendarId the calendar the target counts on; empty for calendar time
     * @param outOfHours whether the business was closed when the case arrived
     * @param opensAt when the business opens again, if it was closed
     */
    public PromisedAnswer {
        Objects.requireNonNull(promisedBy, "promisedBy");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(opensAt, "opensAt");
    }

    /**
     * The promise for a case, if its first reply has a target.
     *
     * @param policy the SLA policy
     * @param calendars the business calendars the policy names
     * @param supportCase the new case
     * @param segment the customer's segment
     * @param hoursCalendarId the calendar that says whether the business is open; empty for the target's own
     * @return the promise, or empty when no rule of the policy sets a first-reply target for the case
     * @throws dev.rapport.spi.NotFoundException if a calendar named is not registered
     */
    public static Optional<PromisedAnswer> of(SlaPolicy policy, BusinessCalendars calendars, Case supportCase,
            Optional<String> segment, Optional<String> hoursCalendarId) {
        Optional<SlaTargetSpec> spec = policy.targetFor(SlaTarget.FIRST_REPLY, supportCase.priority(),
                supportCase.originChannel(), segment);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        Instant opened = supportCase.createdAt();
        Duration within = spec.get().within();
        Optional<String> calendarId = spec.get().calendarId();
        Instant promisedBy = calendarId.map(id -> calendars.get(id).plus(opened, within))
                .orElse(opened.plus(within));
        Optional<BusinessCalendar> hours = hoursCalendarId.or(() -> calendarId).map(calendars::get);
        boolean closed = hours.map(c -> !c.isOpen(opened)).orElse(false);
        Optional<Instant> opensAt = closed ? Optional.of(hours.get().nextOpening(opened)) : Optional.empty();
        return Optional.of(new PromisedAnswer(promisedBy, within, calendarId, closed, opensAt));
    }

    /**
     * The promise as message values, in the customer's zone and language: {@value #PROMISED_BY},
     * {@value #PROMISED_AT}, {@value #PROMISED_DAY}, {@value #PROMISED_DATE}, {@value #PROMISED_TIME},
     * {@value #OUT_OF_HOURS} and, when closed, {@value #OPENS_AT}.
     *
     * @param zone the customer's time zone
     * @param locale the customer's language
     * @param now when the message is written, to tell whether a weekday alone is clear
     * @return the values by name
     */
    public Map<String, String> values(ZoneId zone, Locale locale, Instant now) {
        Map<String, String> values = new LinkedHashMap<>();
        ZonedDateTime local = promisedBy.atZone(zone);
        values.put(PROMISED_BY, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(local));
        values.put(PROMISED_AT, forPeople(promisedBy, zone, locale, now));
        values.put(PROMISED_DAY, DateTimeFormatter.ofPattern("EEEE", locale).format(local));
        values.put(PROMISED_DATE, DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(local));
        values.put(PROMISED_TIME, time(locale).format(local));
        values.put(OUT_OF_HOURS, Boolean.toString(outOfHours));
        opensAt.ifPresent(at -> values.put(OPENS_AT, forPeople(at, zone, locale, now)));
        return values;
    }

    /** "Tuesday 10:00" within six days of now (local dates), otherwise "12 Mar 2026 10:00". */
    static String forPeople(Instant instant, ZoneId zone, Locale locale, Instant now) {
        ZonedDateTime local = instant.atZone(zone);
        long days = ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), local.toLocalDate());
        String day = days >= 0 && days <= 6 ? DateTimeFormatter.ofPattern("EEEE", locale).format(local)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(local);
        return day + " " + time(locale).format(local);
    }

    private static DateTimeFormatter time(Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    }
}
