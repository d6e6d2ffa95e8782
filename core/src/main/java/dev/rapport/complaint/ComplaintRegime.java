package dev.rapport.complaint;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a complaint is handled under: its deadlines, counted on a business calendar. Presets for a UK-style and
 * an EU payment-services-style regime are in {@link ComplaintRegimes}; hosts define their own with
 * {@link #of(String, BusinessCalendar, DeadlineRule...)}. Immutable and thread-safe.
 *
 * @param code the regime's code, stored with each complaint; letters, digits, {@code _ . -}
 * @param calendar the business calendar deadlines are counted on
 * @param deadlines the deadlines, each code once, in the order they are shown
 */
public record ComplaintRegime(String code, BusinessCalendar calendar, List<DeadlineRule> deadlines) {

    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    /**
     * Checks the code and that deadline codes are unique.
     *
     * @param code the regime's code, stored with each complaint; letters, digits, {@code _ . -}
     * @param calendar the business calendar deadlines are counted on
     * @param deadlines the deadlines, each code once, in the order they are shown
     */
    public ComplaintRegime {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ValidationException.of("ComplaintRegime", "code", "Code",
                    "must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(calendar, "calendar");
        deadlines = List.copyOf(deadlines);
        if (deadlines.size() > dev.rapport.spi.complaint.Complaint.MAX_DEADLINES) {
            throw ValidationException.of("ComplaintRegime", "deadlines", "Size", "must hold at most "
                    + dev.rapport.spi.complaint.Complaint.MAX_DEADLINES + " deadlines");
        }
        Set<String> seen = new HashSet<>();
        for (DeadlineRule rule : deadlines) {
            if (!seen.add(rule.code())) {
                throw ValidationException.of("ComplaintRegime", "deadlines", "Unique",
                        "deadline code " + rule.code() + " appears twice");
            }
        }
    }

    /**
     * A regime with the given deadlines.
     *
     * @param code the regime's code; letters, digits, {@code _ . -}
     * @param calendar the business calendar deadlines are counted on
     * @param deadlines the deadlines, each code once, in the order they are shown
     * @return the regime
     */
    public static ComplaintRegime of(String code, BusinessCalendar calendar, DeadlineRule... deadlines) {
        return new ComplaintRegime(code, calendar, List.of(deadlines));
    }

    /**
     * The deadline rule with the code, if the regime has it.
     *
     * @param deadlineCode the deadline's code, for example {@code "final_response"}
     * @return the rule; empty if the regime has no deadline with that code
     */
    public Optional<DeadlineRule> deadline(String deadlineCode) {
        return deadlines.stream().filter(d -> d.code().equals(deadlineCode)).findFirst();
    }
}
