package dev.rapport.followup;

import dev.rapport.spi.customer.Customer;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a date-driven rule finds its dates: a birthday, a renewal date. Implementations must be thread-safe and
 * must not throw for a customer who has no date; they return empty.
 */
@FunctionalInterface
public interface DateSource {

    /**
     * The customer's next date on or after {@code from}, in the customer's local calendar.
     *
     * @param customer the customer
     * @param from the first date that counts
     * @return the date, or empty if the customer has none from then on
     */
    Optional<LocalDate> nextOnOrAfter(Customer customer, LocalDate from);

    /**
     * Every year on the customer's birthday ({@link Customer#birthday()}); a 29 February birthday is kept on
     * 28 February in common years.
     *
     * @return the source of birthdays
     */
    static DateSource birthday() {
        return (customer, from) -> customer.birthday().map(b -> nextAnniversary(MonthDay.from(b), from));
    }

    /**
     * A one-off date kept in a free attribute of the customer as an ISO date ({@code 2025-06-30}), for example a
     * renewal date. A missing or unreadable attribute gives no date.
     *
     * @param key the attribute's key
     * @return the source; the date is given only while it is not before the day asked from
     */
    static DateSource attribute(String key) {
        Objects.requireNonNull(key, "key");
        return (customer, from) -> {
            String text = customer.attributes().get(key);
            if (text == null) {
                return Optional.empty();
            }
            try {
                LocalDate date = LocalDate.parse(text.strip());
                return date.isBefore(from) ? Optional.empty() : Optional.of(date);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        };
    }

    /**
     * A date that comes back every period, from a first date kept in a free attribute of the customer as an ISO
     * date: a subscription renewing every year from 2025-06-30 gives 2025-06-30, 2026-06-30 and so on. Each
     * occurrence is counted from the first date ({@code first + k * every}), so a month-end date stays at month end
     * where the month allows (31 January, 28 February, 31 March). A missing or unreadable attribute gives no date.
     *
     * @param key the attribute's key
     * @param every the period; positive
     * @return the source
     * @throws dev.rapport.spi.ValidationException naming {@code every} if the period is not positive
     */
    static DateSource every(String key, java.time.Period every) {
        Objects.requireNonNull(key, "key");
        if (every == null || every.isNegative() || every.isZero()) {
            throw dev.rapport.spi.ValidationException.of("DateSource", "every", "Positive", "must be a positive period");
        }
        return (customer, from) -> {
            String text = customer.attributes().get(key);
            if (text == null) {
                return Optional.empty();
            }
            LocalDate first;
            try {
                first = LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
            if (!first.isBefore(from)) {
                return Optional.of(first);
            }
            long months = every.toTotalMonths();
            long approx = months > 0 ? java.time.temporal.ChronoUnit.MONTHS.between(first, from) / months
                    : java.time.temporal.ChronoUnit.DAYS.between(first, from) / Math.max(1, every.getDays());
            long k = Math.max(0, approx);
            while (k > 0 && !first.plus(every.multipliedBy(Math.toIntExact(k - 1))).isBefore(from)) {
                k--; // the estimate overshot: step back to the first occurrence on or after from
            }
            for (; ; k++) {
                LocalDate candidate = first.plus(every.multipliedBy(Math.toIntExact(k)));
                if (!candidate.isBefore(from)) {
                    return Optional.of(candidate);
                }
            }
        };
    }

    /**
     * The first date on or after {@code from} falling on {@code day}; 29 February becomes 28 February in common years.
     *
     * @param day the day of the year
     * @param from the first date that counts
     * @return the first such date on or after {@code from}
     */
    static LocalDate nextAnniversary(MonthDay day, LocalDate from) {
        for (int year = from.getYear(); ; year++) {
            LocalDate candidate = day.isValidYear(year) ? day.atYear(year) : LocalDate.of(year, 2, 28);
            if (!candidate.isBefore(from)) {
                return candidate;
            }
        }
    }
}
