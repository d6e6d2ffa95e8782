package dev.rapport.followup;

import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.validation.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
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

    /** All pending follow-ups of a customer. */
    static List<FollowUp> pending(FollowUpRepository repository, CustomerId customerId) {
        List<FollowUp> result = new ArrayList<>();
        Optional<PageRequest> request = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (request.isPresent()) {
            Page<FollowUp> page = repository.findByCustomer(customerId, request.get());
            page.items().stream().filter(f -> PENDING.contains(f.status())).forEach(result::add);
            request = page.nextRequest();
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
