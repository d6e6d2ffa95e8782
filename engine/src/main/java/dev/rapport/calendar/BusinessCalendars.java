package dev.rapport.calendar;

import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The business calendars of a host, by id, so that SLA policies name a calendar and pick up its latest version:
 * replacing a calendar here changes every SLA computed from then on, since SLA state is recomputed from history.
 * Thread-safe.
 */
public final class BusinessCalendars {

    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    private final ConcurrentHashMap<String, BusinessCalendar> byId = new ConcurrentHashMap<>();

    /** An empty registry. */
    public BusinessCalendars() {
    }

    /**
     * A registry holding one calendar.
     *
     * @param id the id SLA policies use to name the calendar; 1 to 64 letters, digits, {@code _ . -}, starting with a
     *         letter or digit
     * @param calendar the calendar registered under the id
     * @return a new registry with that one calendar
     */
    public static BusinessCalendars of(String id, BusinessCalendar calendar) {
        return new BusinessCalendars().put(id, calendar);
    }

    /**
     * Adds or replaces a calendar.
     *
     * @param id 1 to 64 letters, digits, {@code _ . -}, starting with a letter or digit
     * @param calendar the calendar to register; replaces any calendar already under the id
     * @return this registry
     * @throws ValidationException if the id is malformed
     */
    public BusinessCalendars put(String id, BusinessCalendar calendar) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ValidationException.of("BusinessCalendars", "id", "Code",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        byId.put(id, Objects.requireNonNull(calendar, "calendar"));
        return this;
    }

    /**
     * The calendar with the id, if registered.
     *
     * @param id the id the calendar was registered under
     * @return the calendar registered now under the id; empty if none is
     */
    public Optional<BusinessCalendar> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The calendar with the id.
     *
     * @param id the id the calendar was registered under
     * @return the calendar registered now under the id
     * @throws NotFoundException with entity {@code "calendar"} if none is registered
     */
    public BusinessCalendar get(String id) {
        BusinessCalendar calendar = byId.get(id);
        if (calendar == null) {
            throw new NotFoundException("calendar", id);
        }
        return calendar;
    }

    /**
     * The registered ids, sorted.
     *
     * @return a sorted copy of the ids registered now; empty for an empty registry
     */
    public Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }
}
