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
     */
    static DateSource birthday() {
        return (customer, from) -> customer.birthday().map(b -> nextAnniversary(MonthDay.from(b), from));
    }

    /**
     * A one-off date kept in a free attribute of the customer as an ISO date ({@code 2025-06-30}), for example a
     * renewal date. A missing or unreadable attribute gives no date.
     *
     * @param key the attribute's key
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

    /** The first date on or after {@code from} falling on {@code day}; 29 February becomes 28 February in common years. */
    static LocalDate nextAnniversary(MonthDay day, LocalDate from) {
        for (int year = from.getYear(); ; year++) {
            LocalDate candidate = day.isValidYear(year) ? day.atYear(year) : LocalDate.of(year, 2, 28);
            if (!candidate.isBefore(from)) {
                return candidate;
            }
        }
    }
}
