package dev.rapport.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One open window of a date as instants, half-open: what {@link BusinessCalendar} counts business time in. Local
 * windows become instants in the calendar's zone, clamped to the date, so a window across a daylight-saving gap is
 * shorter by the gap.
 */
record Span(Instant start, Instant end) {

    /** The open spans of a date, in order, from the local windows that apply on it; empty when closed all day. */
    static List<Span> of(ZoneId zone, LocalDate date, List<TimeWindow> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant nextDayStart = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Span> spans = new ArrayList<>(windows.size());
        for (TimeWindow window : windows) {
            Instant start = clamp(at(zone, date, window.start()), dayStart, nextDayStart);
            Instant end = window.endsAtMidnight() ? nextDayStart
                    : clamp(at(zone, date, window.end()), dayStart, nextDayStart);
            if (start.isBefore(end)) {
                spans.add(new Span(start, end));
            }
        }
        return spans;
    }

    private static Instant at(ZoneId zone, LocalDate date, LocalTime time) {
        return time.equals(LocalTime.MIDNIGHT) ? date.atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static Instant clamp(Instant value, Instant min, Instant max) {
        return value.isBefore(min) ? min : value.isAfter(max) ? max : value;
    }
}
