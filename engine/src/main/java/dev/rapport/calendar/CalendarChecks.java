package dev.rapport.calendar;

import dev.rapport.spi.ValidationException.Violation;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The checks {@link BusinessCalendar.Builder#build()} makes of seasons and open time across a whole year. */
final class CalendarChecks {

    private CalendarChecks() {
    }

    /** Reports each season that overlaps an earlier one, once, with the first day they share. */
    static void checkSeasons(List<Season> seasons, List<Violation> violations) {
        LocalDate day = LocalDate.of(2024, 1, 1); // a leap year, so 29 February is checked too
        Set<Integer> reported = new TreeSet<>();
        for (; day.getYear() == 2024; day = day.plusDays(1)) {
            Optional<Integer> first = Optional.empty();
            for (int i = 0; i < seasons.size(); i++) {
                if (!seasons.get(i).contains(day)) {
                    continue;
                }
                if (first.isEmpty()) {
                    first = Optional.of(i);
                } else if (reported.add(i)) {
                    violations.add(new Violation("seasons[" + i + "]", "NoOverlap", "season "
                            + seasons.get(i).name() + " overlaps season " + seasons.get(first.get()).name()
                            + " on " + MonthDay.from(day)));
                }
            }
        }
    }

    /** Whether the weekly hours, or a season's, open on any day of a (leap) year. */
    static boolean hasOpenTime(List<Season> seasons, WeeklyHours weeklyHours) {
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.getYear() == 2024; day = day.plusDays(1)) {
            MonthDay monthDay = MonthDay.from(day);
            WeeklyHours applying = seasons.stream().filter(s -> s.contains(monthDay)).map(Season::hours)
                    .findFirst().orElse(weeklyHours);
            for (DayOfWeek dow : DayOfWeek.values()) {
                if (!applying.on(dow).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
