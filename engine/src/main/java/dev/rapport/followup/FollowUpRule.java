package dev.rapport.followup;

import dev.rapport.calendar.BusinessCalendar;
import dev.rapport.spi.Channel;
import dev.rapport.spi.template.Template;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule that schedules follow-ups: when it fires ({@link Trigger}), what kind of follow-up, how long after the
 * occasion, until when it is worth sending, and on which channel.
 *
 * <p>The due time is the occasion's time plus the delay; with {@link #sendAt()} the time of day is then set to that
 * local time in the customer's time zone; a time already past becomes now; finally the time moves to the next
 * allowed time of the scheduler's {@link SendWindow}. The expiry counts from the due time before that shift.
 *
 * <p>The channel is the customer's preferred channel if it is among {@link #channels()}, otherwise the first of
 * {@link #channels()}; in both cases only a channel the customer may be contacted on
 * ({@link dev.rapport.spi.customer.Customer#mayContactOn(Channel)}) and has an address on. Without such a channel
 * nothing is scheduled.
 *
 * @param id unique among the scheduler's rules, part of every idempotency key the rule makes: lower-case letters,
 *        digits, {@code _} and {@code -}, starting with a letter, at most 64 characters
 * @param kind what the follow-ups are for
 * @param trigger when the rule fires
 * @param delay from the occasion to the due time; may be negative for a date rule (a reminder before a renewal)
 * @param sendAt the local time of day to send at, if any
 * @param expiresAfter how long after the planned due time a follow-up is still worth sending, if limited
 * @param channels the channels the rule may use, in order of preference
 * @param preferCustomerChannel whether the customer's preferred channel comes first when the rule allows it
 * @param values personalisation values every follow-up of the rule carries
 * @param template the key of the template the message is written from, if any: the scheduler stores it in the
 *        follow-up's values as {@link MessageValues#TEMPLATE}, and the dispatcher renders it in the customer's locale
 *        (with fallback to the language and the default) into {@link MessageValues#TEXT}; without one the host
 *        writes the text from the kind and values, as before
 * @param delayCalendar the business calendar whose business days the whole days of {@link #delay()} count, if any;
 *        without one they are calendar days
 * @param rollForward whether, for a date rule, sending one follow-up schedules the next date's at once (a renewal
 *        every period), whatever the look-ahead; only with a date trigger
 */
public record FollowUpRule(
        String id,
        FollowUpKind kind,
        Trigger trigger,
        Duration delay,
        Optional<LocalTime> sendAt,
        Optional<Duration> expiresAfter,
        List<Channel> channels,
        boolean preferCustomerChannel,
        Map<String, String> values,
        Optional<String> template,
        Optional<BusinessCalendar> delayCalendar,
        boolean rollForward) {

    /** The channels a rule uses when none are set: email, SMS, WhatsApp, phone. */
    public static final List<Channel> DEFAULT_CHANNELS = List.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP,
            Channel.PHONE);

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_\\-]{0,63}");
    private static final Pattern VALUE_KEY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.\\-]{0,63}");

    /**
     * Checks every part, naming each one at fault, and copies the collections.
     *
     * @param id unique among the scheduler's rules, part of every idempotency key the rule makes: lower-case letters,
     *         digits, {@code _} and {@code -}, starting with a letter, at most 64 characters
     * @param kind what the follow-ups are for
     * @param trigger when the rule fires
     * @param delay from the occasion to the due time; may be negative for a date rule (a reminder before a renewal)
     * @param sendAt the local time of day to send at, if any
     * @param expiresAfter how long after the planned due time a follow-up is still worth sending, if limited
     * @param channels the channels the rule may use, in order of preference
     * @param preferCustomerChannel whether the customer's preferred channel comes first when the rule allows it
     * @param values personalisation values every follow-up of the rule carries
     * @param template the key of the template the message is written from, if any: the scheduler stores it in the
     *         follow-up's values as {@link MessageValues#TEMPLATE}, and the dispatcher renders it in the customer's
     *         locale (with fallback to the language and the default) into {@link MessageValues#TEXT}; without one the
     *         host writes the text from the kind and values, as before
     * @param delayCalendar the business calendar whose business days the whole days of {@link #delay()} count, if any;
     *         without one they are calendar days
     * @param rollForward whether, for a date rule, sending one follow-up schedules the next date's at once (a renewal
     *         every period), whatever the look-ahead; only with a date trigger
     */
    public FollowUpRule {
        List<Violation> violations = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            violations.add(new Violation("id", "Pattern", "must be lower-case letters, digits, '_' or '-', "
                    + "starting with a letter, at most 64 characters"));
        }
        if (kind == null) {
            violations.add(new Violation("kind", "NotNull", "must not be null"));
        }
        if (trigger == null) {
            violations.add(new Violation("trigger", "NotNull", "must not be null"));
        }
        if (delay == null) {
            violations.add(new Violation("delay", "NotNull", "must not be null"));
        } else if (delay.isNegative() && !(trigger instanceof Trigger.OnDate)) {
            violations.add(new Violation("delay", "PositiveOrZero", "may be negative only for a date trigger"));
        }
        if (sendAt == null) {
            sendAt = Optional.empty();
        }
        if (expiresAfter == null) {
            expiresAfter = Optional.empty();
        } else if (expiresAfter.isPresent() && (expiresAfter.get().isNegative() || expiresAfter.get().isZero())) {
            violations.add(new Violation("expiresAfter", "Positive", "must be positive"));
        }
        if (channels == null || channels.isEmpty() || channels.stream().anyMatch(c -> c == null)) {
            violations.add(new Violation("channels", "NotEmpty", "must name at least one channel"));
        } else {
            channels = List.copyOf(new LinkedHashSet<>(channels));
        }
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        values.forEach((key, value) -> {
            if (key == null || !VALUE_KEY.matcher(key).matches()) {
                violations.add(new Violation("values", "Code", "keys must be 1 to 64 letters, digits, '_', '.' or "
                        + "'-', starting with a letter or digit"));
            } else if (value == null || !PlainTextValidator.isPlainText(value, true)) {
                violations.add(new Violation("values[" + key + "]", "PlainText", "must be plain text"));
            }
        });
        template = template == null ? Optional.empty() : template;
        if (template.isPresent() && !Template.isKey(template.get())) {
            violations.add(new Violation("template", "Pattern", Template.keyViolation().message()));
        }
        delayCalendar = delayCalendar == null ? Optional.empty() : delayCalendar;
        if (rollForward && !(trigger instanceof Trigger.OnDate)) {
            violations.add(new Violation("rollForward", "DateTrigger", "needs a date trigger"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("FollowUpRule", violations);
        }
    }

    /**
     * A builder for a rule with the given id, kind and trigger.
     *
     * @param id unique among the scheduler's rules: lower-case letters, digits, {@code _} and {@code -}, starting with
     *         a letter, at most 64 characters
     * @param kind what the follow-ups are for
     * @param trigger when the rule fires
     * @return a new builder with the other parts at their defaults
     */
    public static Builder builder(String id, FollowUpKind kind, Trigger trigger) {
        return new Builder(id, kind, trigger);
    }

    /**
     * A thank-you some time after each purchase, id {@code "thank-you-after-purchase"}.
     *
     * @param delay from the purchase to the thank-you
     * @return the rule
     */
    public static FollowUpRule thankYouAfterPurchase(Duration delay) {
        return builder("thank-you-after-purchase", FollowUpKind.THANK_YOU, Trigger.purchaseRecorded()).delay(delay)
                .build();
    }

    /**
     * A satisfaction survey some time after a case is resolved, at most one per case, worth sending for 14 days;
     * id {@code "survey-after-resolution"}.
     *
     * @param delay from the resolution to the survey
     * @return the rule
     */
    public static FollowUpRule surveyAfterResolution(Duration delay) {
        return builder("survey-after-resolution", FollowUpKind.SURVEY, Trigger.caseResolved()).delay(delay)
                .expiresAfter(Duration.ofDays(14)).build();
    }

    /**
     * A call back by phone after a missed call, worth it for one day; id {@code "call-back-after-missed-call"}.
     *
     * @param delay from the missed call to the call back
     * @return the rule
     */
    public static FollowUpRule callBackAfterMissedCall(Duration delay) {
        return builder("call-back-after-missed-call", FollowUpKind.CALL_BACK, Trigger.missedCall()).delay(delay)
                .expiresAfter(Duration.ofDays(1)).channels(List.of(Channel.PHONE)).build();
    }

    /**
     * A check-in some time after a complaint is closed, asking whether the customer is satisfied with how it was
     * handled, worth sending for 14 days; id {@code "check-in-after-complaint"}.
     *
     * @param delay from the complaint's closing to the check-in
     * @return the rule
     */
    public static FollowUpRule checkInAfterComplaintClosed(Duration delay) {
        return builder("check-in-after-complaint", FollowUpKind.CHECK_IN, Trigger.complaintClosed()).delay(delay)
                .expiresAfter(Duration.ofDays(14)).build();
    }

    /**
     * A birthday greeting every year at a local time, worth sending on the day only; id
     * {@code "birthday-greeting"}.
     *
     * @param at the local time of day, in the customer's time zone
     * @return the rule
     */
    public static FollowUpRule birthdayGreeting(LocalTime at) {
        return builder("birthday-greeting", FollowUpKind.BIRTHDAY, Trigger.birthday()).sendAt(at)
                .expiresAfter(Duration.ofHours(12)).build();
    }

    /**
     * A check-in call some days after each purchase, asking how the customer gets on with it: by phone only, worth
     * it for 7 days, cancelled if the customer gets in touch first; id {@code "check-in-call-after-purchase"}.
     *
     * @param delay from the purchase to the call, for example {@code Duration.ofDays(3)}
     * @return the rule
     */
    public static FollowUpRule checkInCallAfterPurchase(Duration delay) {
        return builder("check-in-call-after-purchase", FollowUpKind.CHECK_IN_CALL, Trigger.purchaseRecorded())
                .delay(delay).expiresAfter(Duration.ofDays(7)).channels(List.of(Channel.PHONE)).build();
    }

    /**
     * A reminder before each renewal of a subscription or contract that renews every period from a first date kept
     * in a customer attribute ({@link DateSource#every(String, java.time.Period)}); once a reminder is sent the
     * next period's is scheduled at once, and only once; id {@code "renewal-reminder"}.
     *
     * @param attributeKey the customer attribute holding the first renewal date as an ISO date
     * @param every the renewal period, for example {@code Period.ofYears(1)}
     * @param before how long before each renewal to remind, for example {@code Duration.ofDays(14)}
     * @return the rule
     */
    public static FollowUpRule renewalReminder(String attributeKey, java.time.Period every, Duration before) {
        return builder("renewal-reminder", FollowUpKind.RENEWAL_REMINDER,
                Trigger.onDate(DateSource.every(attributeKey, every))).delay(before.negated()).rollForward(true)
                .build();
    }

    /** Builds {@link FollowUpRule}s; not thread-safe. */
    public static final class Builder {
        private final String id;
        private final FollowUpKind kind;
        private final Trigger trigger;
        private Duration delay = Duration.ZERO;
        private Optional<LocalTime> sendAt = Optional.empty();
        private Optional<Duration> expiresAfter = Optional.empty();
        private List<Channel> channels = DEFAULT_CHANNELS;
        private boolean preferCustomerChannel = true;
        private Map<String, String> values = Map.of();
        private Optional<String> template = Optional.empty();
        private Optional<BusinessCalendar> delayCalendar = Optional.empty();
        private boolean rollForward;

        private Builder(String id, FollowUpKind kind, Trigger trigger) {
            this.id = id;
            this.kind = kind;
            this.trigger = trigger;
        }

        /**
         * Sets the delay after the occasion; default zero.
         *
         * @param value from the occasion to the due time; negative only for a date rule
         * @return this builder
         */
        public Builder delay(Duration value) { delay = value; return this; }
        /**
         * Sets the local time of day to send at; default none (keep the time the delay gives).
         *
         * @param value the local time of day; {@code null} for none
         * @return this builder
         */
        public Builder sendAt(LocalTime value) { sendAt = Optional.ofNullable(value); return this; }
        /**
         * Sets how long after the planned due time a follow-up is still worth sending; default unlimited.
         *
         * @param value how long; positive, or {@code null} for unlimited
         * @return this builder
         */
        public Builder expiresAfter(Duration value) { expiresAfter = Optional.ofNullable(value); return this; }
        /**
         * Sets the channels the rule may use, in order; default {@link FollowUpRule#DEFAULT_CHANNELS}.
         *
         * @param value the channels, most preferred first; at least one
         * @return this builder
         */
        public Builder channels(List<Channel> value) { channels = value; return this; }
        /**
         * Sets whether the customer's preferred channel comes first when allowed; default true.
         *
         * @param value {@code false} to keep the rule's order whatever the customer prefers
         * @return this builder
         */
        public Builder preferCustomerChannel(boolean value) { preferCustomerChannel = value; return this; }
        /**
         * Sets personalisation values every follow-up of the rule carries; default none.
         *
         * @param value the values by name
         * @return this builder
         */
        public Builder values(Map<String, String> value) { values = value; return this; }

        /**
         * Names the template the message is written from, rendered in the customer's locale with fallback; default
         * none (the host writes the text from the kind and values).
         *
         * @param key a template key, see {@link Template#isKey(String)}
         * @return this builder
         */
        public Builder template(String key) { template = Optional.ofNullable(key); return this; }

        /**
         * Counts the whole days of the delay as business days of a calendar (holidays and closed days skipped);
         * default none: calendar days.
         *
         * @param calendar the business calendar
         * @return this builder
         */
        public Builder businessDays(BusinessCalendar calendar) { delayCalendar = Optional.ofNullable(calendar); return this; }

        /**
         * Sets whether sending one follow-up of a date rule schedules the next date's at once; default false.
         *
         * @param value true to roll forward
         * @return this builder
         */
        public Builder rollForward(boolean value) { rollForward = value; return this; }

        /**
         * The rule.
         *
         * @return the immutable rule
         * @throws ValidationException naming every part at fault
         */
        public FollowUpRule build() {
            return new FollowUpRule(id, kind, trigger, delay, sendAt, expiresAfter, channels, preferCustomerChannel,
                    values, template, delayCalendar, rollForward);
        }
    }
}
