package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.calendar.TimeWindow;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Preset complaint regimes. Each is only as right as the business calendar it is given: pass the calendar with the
 * business's hours and public holidays. The rules are stated exactly in {@code docs/complaints.md}. Stateless.
 */
public final class ComplaintRegimes {

    /** The code of the UK-style preset. */
    public static final String UK = "uk";

    /** The code of the EU payment-services-style preset. */
    public static final String EU_PAYMENT_SERVICES = "eu-psd2";

    /** The UK summary-resolution window's deadline code. */
    public static final String SUMMARY_RESOLUTION = "summary_resolution";

    /** The UK final-response deadline's code. */
    public static final String FINAL_RESPONSE = "final_response";

    /** The EU reply deadline's code. */
    public static final String REPLY = "reply";

    private ComplaintRegimes() {
    }

    /**
     * A UK-style regime (code {@value #UK}):
     *
     * <ul>
     *   <li>{@value #SUMMARY_RESOLUTION}: a window, not a limit, closing at the close of business on the third
     *       business day after the day of receipt; a complaint responded to by then may be closed with a summary
     *       resolution. A reminder is raised four business hours before it closes; missing it is no breach.</li>
     *   <li>{@value #FINAL_RESPONSE}: a final response by the end of the day eight weeks (56 days) after the local
     *       date of receipt, or by then a holding response saying why not and when, which moves the deadline to
     *       the promised time. Reminders two weeks and three days before; missing it is a breach.</li>
     * </ul>
     *
     * @param calendar the business's calendar, with its hours and public holidays
     * @return the regime
     */
    public static ComplaintRegime ukStyle(BusinessCalendar calendar) {
        return ComplaintRegime.of(UK, calendar,
                DeadlineRule.of(SUMMARY_RESOLUTION, DeadlineTerm.businessDays(3)).asWindow()
                        .withReminders(ReminderLead.businessTimeBefore(Duration.ofHours(4))),
                DeadlineRule.of(FINAL_RESPONSE, DeadlineTerm.calendarWeeks(8)).withHolding()
                        .withReminders(ReminderLead.before(Duration.ofDays(14)), ReminderLead.before(Duration.ofDays(3))));
    }

    /**
     * An EU payment-services-style regime (code {@value #EU_PAYMENT_SERVICES}): {@value #REPLY} by the close of
     * business on the 15th business day after the day of receipt; in exceptional situations a holding reply, sent
     * by then with the reasons, may move it to a promised time no later than the close of business on the 35th
     * business day after the day of receipt. Reminders three days and one day before the (possibly extended) due
     * time; missing it is a breach.
     *
     * @param calendar the business's calendar, with its hours and public holidays
     * @return the regime
     */
    public static ComplaintRegime euPaymentServices(BusinessCalendar calendar) {
        return ComplaintRegime.of(EU_PAYMENT_SERVICES, calendar,
                DeadlineRule.of(REPLY, DeadlineTerm.businessDays(15))
                        .withHoldingUpTo(DeadlineTerm.businessDays(35))
                        .withReminders(ReminderLead.before(Duration.ofDays(3)), ReminderLead.before(Duration.ofDays(1))));
    }

    /**
     * A plain office calendar: Monday to Friday, 09:00 to 17:00 in the zone, no holidays. The default when the host
     * gives none; real use needs the business's own public holidays.
     *
     * @param zone the office's time zone
     * @return the calendar
     */
    public static BusinessCalendar weekdayOffice(ZoneId zone) {
        return BusinessCalendar.builder(zone).weekdays(TimeWindow.of("09:00", "17:00")).build();
    }
}
