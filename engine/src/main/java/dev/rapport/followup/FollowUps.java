package dev.rapport.followup;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Helpers shared by the scheduler and the dispatcher. */
final class FollowUps {

    /** States in which a follow-up may still be sent. */
    static final Set<FollowUpStatus> PENDING = EnumSet.of(FollowUpStatus.SCHEDULED, FollowUpStatus.CLAIMED);

    /** Separates a rule's id from the occasion's subject in an idempotency key. */
    static final String KEY_SEPARATOR = "/";
    /** Prefix of the idempotency keys of follow-ups scheduled directly by the host. */
    static final String DIRECT_PREFIX = "direct" + KEY_SEPARATOR;
    /** Prefix of the idempotency keys freed when a follow-up was cancelled by a reopen. */
    static final String RELEASED_PREFIX = "released" + KEY_SEPARATOR;

    /** The longest error text kept with a follow-up. */
    static final int MAX_ERROR = 1_000;

    private FollowUps() {
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String ruleKey(String ruleId, String subject) {
        return ruleId + KEY_SEPARATOR + subject;
    }

    static String releasedKey(FollowUp followUp) {
        String key = RELEASED_PREFIX + followUp.id() + KEY_SEPARATOR + followUp.idempotencyKey();
        return key.length() <= Limits.KEY ? key : key.substring(0, Limits.KEY);
    }

    /**
     * The channel to use: the customer's preferred one if allowed and preferred, otherwise the first allowed; only
     * channels the customer may be contacted on and has an address on.
     */
    static Optional<Channel> chooseChannel(Customer customer, List<Channel> allowed, boolean preferCustomer) {
        List<Channel> order = new ArrayList<>();
        if (preferCustomer) {
            customer.preferredChannel().filter(allowed::contains).ifPresent(order::add);
        }
        order.addAll(allowed);
        return order.stream().filter(c -> customer.mayContactOn(c) && customer.addressOn(c).isPresent()).findFirst();
    }

    /**
     * The occasion's time plus the delay, whole days counted as calendar days in the zone (so a one-day delay keeps
     * the local time across a daylight-saving change) and the rest as elapsed time.
     */
    static ZonedDateTime plusDelay(Instant occurredAt, Duration delay, ZoneId zone) {
        long days = delay.toDays();
        return occurredAt.atZone(zone).plusDays(days).plus(delay.minusDays(days));
    }

    /**
     * The occasion's time plus the delay, whole days counted as business days of the calendar: the due date is the
     * n-th business day after the occasion's local date in the customer's zone (before it, for a negative delay),
     * at the occasion's local time of day, plus the rest of the delay as elapsed time. A zero-day delay keeps the
     * date.
     */
    static ZonedDateTime plusBusinessDays(Instant occurredAt, Duration delay, ZoneId zone, BusinessCalendar calendar) {
        long days = delay.toDays();
        ZonedDateTime local = occurredAt.atZone(zone);
        LocalDate date = local.toLocalDate();
        LocalDate due = days >= 0 ? calendar.plusBusinessDays(date, Math.toIntExact(days))
                : minusBusinessDays(calendar, date, Math.toIntExact(-days));
        return ZonedDateTime.of(due, local.toLocalTime(), zone).plus(delay.minusDays(days));
    }

    /** The n-th business day before a date. */
    private static LocalDate minusBusinessDays(BusinessCalendar calendar, LocalDate date, int n) {
        LocalDate day = date;
        int closed = 0;
        for (int found = 0; found < n; ) {
            day = day.minusDays(1);
            if (calendar.isBusinessDay(day)) {
                found++;
                closed = 0;
            } else if (++closed > 3_660) {
                throw new IllegalStateException("the calendar has no business day in the ten years before " + day);
            }
        }
        return day;
    }

    /** All pending follow-ups of a customer. */
    static List<FollowUp> pending(FollowUpRepository repository, CustomerId customerId) {
        List<FollowUp> result = new ArrayList<>();
        for (FollowUp f : PageWalk.byOffset(PageRequest.MAX_LIMIT, r -> repository.findByCustomer(customerId, r))) {
            if (PENDING.contains(f.status())) {
                result.add(f);
            }
        }
        return result;
    }

    /** Error text safe to store: plain text, no control characters except line breaks and tabs, bounded. */
    static String errorText(String text) {
        if (text == null || text.isBlank()) {
            return "unknown error";
        }
        return HostText.clean(text, MAX_ERROR);
    }
}
