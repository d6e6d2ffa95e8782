package dev.rapport.followup;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.template.Template;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether and how a new case is acknowledged with a promised answer time ("we will answer by Tuesday 10:00"): for
 * which channels of origin, from which templates, and which business calendar says whether the business is open.
 * The promise is the case's first-reply target under the SLA policy, counted on the target's business calendar, so
 * a case whose first reply has no target gets no acknowledgement. Immutable and thread-safe.
 *
 * <p>Default: {@link #off()}. Turn it on with {@code Rapport.builder().acknowledge(AcknowledgementPolicy.builder()
 * .channels(Channel.EMAIL, Channel.WEB_FORM).build())}.
 */
public final class AcknowledgementPolicy {

    private static final AcknowledgementPolicy OFF = new AcknowledgementPolicy(false, Set.of(),
            Templates.CASE_ACKNOWLEDGEMENT, Templates.CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS, Optional.empty());

    private final boolean enabled;
    private final Set<Channel> channels;
    private final String template;
    private final String outOfHoursTemplate;
    private final Optional<String> hoursCalendarId;

    private AcknowledgementPolicy(boolean enabled, Set<Channel> channels, String template, String outOfHoursTemplate,
            Optional<String> hoursCalendarId) {
        this.enabled = enabled;
        this.channels = Set.copyOf(channels);
        this.template = template;
        this.outOfHoursTemplate = outOfHoursTemplate;
        this.hoursCalendarId = hoursCalendarId;
    }

    /**
     * No acknowledgements: Rapport's default.
     *
     * @return the policy that acknowledges nothing
     */
    public static AcknowledgementPolicy off() {
        return OFF;
    }

    /**
     * A builder for a policy that is on, for every channel of origin unless limited.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether acknowledgements are sent at all.
     *
     * @return true unless this is {@link #off()}
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The channels of origin whose new cases are acknowledged; empty for every channel.
     *
     * @return the channels
     */
    public Set<Channel> channels() {
        return channels;
    }

    /**
     * Whether a case opened on a channel is acknowledged.
     *
     * @param channel the case's channel of origin
     * @return true if the policy is on and the channel is one of {@link #channels()} (or those are empty)
     */
    public boolean appliesTo(Channel channel) {
        return enabled && (channels.isEmpty() || channels.contains(channel));
    }

    /**
     * The template of the acknowledgement while the business is open.
     *
     * @return the template key
     */
    public String template() {
        return template;
    }

    /**
     * The template of the acknowledgement while the business is closed.
     *
     * @return the template key
     */
    public String outOfHoursTemplate() {
        return outOfHoursTemplate;
    }

    /**
     * The business calendar that says whether the business is open when the case arrives; empty to use the
     * first-reply target's own calendar (a target in calendar time then never counts as out of hours).
     *
     * @return the calendar id in the Rapport's {@code BusinessCalendars}
     */
    public Optional<String> hoursCalendarId() {
        return hoursCalendarId;
    }

    @Override
    public String toString() {
        return enabled ? "AcknowledgementPolicy[channels=" + (channels.isEmpty() ? "all" : channels) + ", template="
                + template + ", outOfHoursTemplate=" + outOfHoursTemplate + ", hoursCalendarId="
                + hoursCalendarId.orElse("the target's") + "]" : "AcknowledgementPolicy[off]";
    }

    /** Builds {@link AcknowledgementPolicy}s; not thread-safe. */
    public static final class Builder {
        private final Set<Channel> channels = new LinkedHashSet<>();
        private boolean badChannel;
        private String template = Templates.CASE_ACKNOWLEDGEMENT;
        private String outOfHoursTemplate = Templates.CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS;
        private Optional<String> hoursCalendarId = Optional.empty();

        private Builder() {
        }

        /**
         * Limits acknowledgements to cases opened on these channels; default every channel.
         *
         * @param values the channels of origin
         * @return this builder
         */
        public Builder channels(Channel... values) {
            for (Channel channel : values) {
                if (channel == null) {
                    badChannel = true;
                } else {
                    channels.add(channel);
                }
            }
            return this;
        }

        /**
         * Sets the template of the acknowledgement while open; default {@link Templates#CASE_ACKNOWLEDGEMENT}, which
         * has built-in English wording.
         *
         * @param key the template key
         * @return this builder
         */
        public Builder template(String key) { template = key; return this; }

        /**
         * Sets the template of the acknowledgement while closed; default
         * {@link Templates#CASE_ACKNOWLEDGEMENT_OUT_OF_HOURS}, which has built-in English wording.
         *
         * @param key the template key
         * @return this builder
         */
        public Builder outOfHoursTemplate(String key) { outOfHoursTemplate = key; return this; }

        /**
         * Sets the business calendar that says whether the business is open when a case arrives; default the
         * first-reply target's calendar.
         *
         * @param calendarId a calendar id of the Rapport's {@code BusinessCalendars}
         * @return this builder
         */
        public Builder hoursCalendar(String calendarId) { hoursCalendarId = Optional.ofNullable(calendarId); return this; }

        /**
         * The policy, on.
         *
         * @return the policy
         * @throws ValidationException naming {@code channels}, {@code template} or {@code outOfHoursTemplate}
         */
        public AcknowledgementPolicy build() {
            List<Violation> violations = new ArrayList<>();
            if (badChannel) {
                violations.add(new Violation("channels", "NotNull", "must not contain null"));
            }
            if (!Template.isKey(template)) {
                violations.add(new Violation("template", "Pattern", Template.keyViolation().message()));
            }
            if (!Template.isKey(outOfHoursTemplate)) {
                violations.add(new Violation("outOfHoursTemplate", "Pattern", Template.keyViolation().message()));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("AcknowledgementPolicy", violations);
            }
            return new AcknowledgementPolicy(true, new LinkedHashSet<>(Arrays.asList(channels.toArray(Channel[]::new))),
                    template, outOfHoursTemplate, hoursCalendarId);
        }
    }
}
