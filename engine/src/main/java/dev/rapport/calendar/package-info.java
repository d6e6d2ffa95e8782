/**
 * Business calendars: when a business is open, in its own time zone. Weekly hours with any number of windows a day,
 * holidays, special days and seasons with their own hours; business time between two instants, the instant a
 * business duration runs out, and business-day arithmetic for regulatory deadlines, all correct across
 * daylight-saving changes. SLA policies and complaint deadlines count their time with these calendars.
 *
 * <p>Main types: {@link dev.rapport.calendar.BusinessCalendar} (the calendar and its arithmetic, built with
 * {@link dev.rapport.calendar.BusinessCalendar#builder(java.time.ZoneId)}),
 * {@link dev.rapport.calendar.WeeklyHours}, {@link dev.rapport.calendar.TimeWindow} and
 * {@link dev.rapport.calendar.Season} (the hours it is made of), and {@link dev.rapport.calendar.BusinessCalendars}
 * (a host's calendars by id, named by SLA policies).
 */
package dev.rapport.calendar;
