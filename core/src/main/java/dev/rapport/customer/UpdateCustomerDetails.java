package dev.rapport.customer;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command to replace a customer's details: everything but their identities and consents, which have commands of
 * their own. The details given replace the stored ones as a whole; start from {@link #from(Customer)} to change only
 * some of them.
 *
 * @param customerId the customer to change
 * @param name how the customer wants to be addressed
 * @param preferredChannel the preferred channel, or empty for none
 * @param locale the customer's language and region
 * @param timeZone the customer's time zone
 * @param birthday the birthday, or empty for unknown; in the past
 * @param segment the segment code, or empty for none
 * @param status the lifecycle status
 * @param acquisitionCost the acquisition cost, or empty for unknown
 * @param attributes the free attributes, replacing the stored ones
 * @param churnReason why the customer left, a reason code such as {@code "price"}; only with the status
 *        {@link CustomerStatus#CHURNED} (a reason with another status is refused), empty for none or unknown. Feeds
 *        the churn KPI's breakdown by {@code CHURN_REASON}
 * @param actor who changes the details; default {@link Actor#system()}
 */
@ChurnReasonWhenChurned
public record UpdateCustomerDetails(
        @NotNull CustomerId customerId,
        @NotBlank @PlainText @Size(max = Limits.NAME) String name,
        @NotNull Optional<Channel> preferredChannel,
        @NotNull @LanguageTag Locale locale,
        @NotNull ZoneId timeZone,
        @NotNull Optional<@Past LocalDate> birthday,
        @NotNull Optional<@Code String> segment,
        @NotNull CustomerStatus status,
        @NotNull Optional<@Valid Money> acquisitionCost,
        @NotNull @Size(max = Limits.ATTRIBUTES) Map<@NotNull @Code String,
                @NotNull @PlainText(multiline = true) @Size(max = Limits.ATTRIBUTE_VALUE) String> attributes,
        @NotNull Optional<@Code String> churnReason,
        @NotNull @Valid Actor actor) {

    /**
     * Copies the attributes, turns null optionals into empty ones and a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer to change
     * @param name how the customer wants to be addressed
     * @param preferredChannel the preferred channel, or empty for none
     * @param locale the customer's language and region
     * @param timeZone the customer's time zone
     * @param birthday the birthday, or empty for unknown; in the past
     * @param segment the segment code, or empty for none
     * @param status the lifecycle status
     * @param acquisitionCost the acquisition cost, or empty for unknown
     * @param attributes the free attributes, replacing the stored ones
     * @param churnReason why the customer left, a reason code such as {@code "price"}; only with the status
     *        {@link CustomerStatus#CHURNED} (a reason with another status is refused), empty for none or unknown. Feeds
     *        the churn KPI's breakdown by {@code CHURN_REASON}
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public UpdateCustomerDetails {
        actor = actor == null ? Actor.system() : actor;
        preferredChannel = Copies.optional(preferredChannel);
        birthday = Copies.optional(birthday);
        segment = Copies.optional(segment);
        acquisitionCost = Copies.optional(acquisitionCost);
        attributes = Copies.map(attributes);
        churnReason = Copies.optional(churnReason);
    }

    /**
     * The details without a churn reason: the command as it was before customers carried one.
     *
     * @param customerId the customer to change
     * @param name how the customer wants to be addressed
     * @param preferredChannel the preferred channel, or empty for none
     * @param locale the customer's language and region
     * @param timeZone the customer's time zone
     * @param birthday the birthday, or empty for unknown
     * @param segment the segment code, or empty for none
     * @param status the lifecycle status
     * @param acquisitionCost the acquisition cost, or empty for unknown
     * @param attributes the free attributes, replacing the stored ones
     */
    public UpdateCustomerDetails(CustomerId customerId, String name, Optional<Channel> preferredChannel,
            Locale locale, ZoneId timeZone, Optional<LocalDate> birthday, Optional<String> segment,
            CustomerStatus status, Optional<Money> acquisitionCost, Map<String, String> attributes) {
        this(customerId, name, preferredChannel, locale, timeZone, birthday, segment, status, acquisitionCost,
                attributes, Optional.empty(), Actor.system());
    }

    /**
     * The details changed by {@link Actor#system()}: the command as it was before commands said who acts.
     *
     * @param customerId the customer to change
     * @param name how the customer wants to be addressed
     * @param preferredChannel the preferred channel, or empty for none
     * @param locale the customer's language and region
     * @param timeZone the customer's time zone
     * @param birthday the birthday, or empty for unknown
     * @param segment the segment code, or empty for none
     * @param status the lifecycle status
     * @param acquisitionCost the acquisition cost, or empty for unknown
     * @param attributes the free attributes, replacing the stored ones
     * @param churnReason why the customer left, or empty
     */
    public UpdateCustomerDetails(CustomerId customerId, String name, Optional<Channel> preferredChannel,
            Locale locale, ZoneId timeZone, Optional<LocalDate> birthday, Optional<String> segment,
            CustomerStatus status, Optional<Money> acquisitionCost, Map<String, String> attributes,
            Optional<String> churnReason) {
        this(customerId, name, preferredChannel, locale, timeZone, birthday, segment, status, acquisitionCost,
                attributes, churnReason, Actor.system());
    }

    /**
     * A builder holding the customer's current details, to change some of them.
     *
     * @param customer the customer as currently stored
     * @return a builder holding the customer's details, ready to change some
     */
    public static Builder from(Customer customer) {
        Builder builder = new Builder(customer.id());
        builder.name = customer.name();
        builder.preferredChannel = customer.preferredChannel().orElse(null);
        builder.locale = customer.locale();
        builder.timeZone = customer.timeZone();
        builder.birthday = customer.birthday().orElse(null);
        builder.segment = customer.segment().orElse(null);
        builder.status = customer.status();
        builder.acquisitionCost = customer.acquisitionCost().orElse(null);
        builder.attributes.putAll(customer.attributes());
        builder.churnReason = customer.churnReason().orElse(null);
        return builder;
    }

    /**
     * A builder for the customer with the defaults of a new registration: no name, English, UTC, status
     * {@link CustomerStatus#ACTIVE}, no optional details. Prefer {@link #from(Customer)}.
     *
     * @param customerId the customer to change
     * @return a builder with registration defaults for that customer
     */
    public static Builder builder(CustomerId customerId) {
        return new Builder(customerId);
    }

    /** Builds {@link UpdateCustomerDetails} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private final CustomerId customerId;
        private String name;
        private Channel preferredChannel;
        private Locale locale = Locale.ENGLISH;
        private ZoneId timeZone = ZoneId.of("UTC");
        private LocalDate birthday;
        private String segment;
        private CustomerStatus status = CustomerStatus.ACTIVE;
        private Money acquisitionCost;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private String churnReason;
        private Actor actor = Actor.system();

        private Builder(CustomerId customerId) {
            this.customerId = customerId;
        }

        /**
         * Sets the name; default the current one, or none from {@link #builder(CustomerId)}.
         *
         * @param value how the customer wants to be addressed; not blank, plain text
         * @return this builder
         */
        public Builder name(String value) { name = value; return this; }
        /**
         * Sets the preferred channel, null for none; default the current one.
         *
         * @param value the preferred channel, or null for none
         * @return this builder
         */
        public Builder preferredChannel(Channel value) { preferredChannel = value; return this; }
        /**
         * Sets the locale; default the current one.
         *
         * @param value the customer's language and region
         * @return this builder
         */
        public Builder locale(Locale value) { locale = value; return this; }
        /**
         * Sets the time zone; default the current one.
         *
         * @param value the customer's time zone
         * @return this builder
         */
        public Builder timeZone(ZoneId value) { timeZone = value; return this; }
        /**
         * Sets the birthday, null for unknown; default the current one.
         *
         * @param value the birthday, or null for unknown; in the past
         * @return this builder
         */
        public Builder birthday(LocalDate value) { birthday = value; return this; }
        /**
         * Sets the segment, null for none; default the current one.
         *
         * @param value the segment code, or null for none
         * @return this builder
         */
        public Builder segment(String value) { segment = value; return this; }
        /**
         * Sets the status; default the current one.
         *
         * @param value the customer's lifecycle status
         * @return this builder
         */
        public Builder status(CustomerStatus value) { status = value; return this; }
        /**
         * Sets why the customer left, with the status {@link CustomerStatus#CHURNED} only; default the current
         * reason, or none from {@link #builder(CustomerId)}. Moving a churned customer to another status needs
         * {@code churnReason(null)}, or the command is refused naming {@code churnReason}.
         *
         * @param value a reason code such as {@code "price"}, or null for none
         * @return this builder
         */
        public Builder churnReason(String value) { churnReason = value; return this; }
        /**
         * Sets the acquisition cost, null for unknown; default the current one.
         *
         * @param value the acquisition cost, or null for unknown
         * @return this builder
         */
        public Builder acquisitionCost(Money value) { acquisitionCost = value; return this; }
        /**
         * Sets one attribute; a null value removes it. Default: the current attributes.
         *
         * @param key the attribute's name, a code
         * @param value the attribute's new value, or null to remove it
         * @return this builder
         */
        public Builder attribute(String key, String value) {
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return this;
        }
        /**
         * Replaces all attributes; default the current ones.
         *
         * @param value the free attributes replacing the current ones; null for none
         * @return this builder
         */
        public Builder attributes(Map<String, String> value) {
            attributes.clear();
            if (value != null) {
                attributes.putAll(value);
            }
            return this;
        }

        /**
         * Sets who changes the details; default {@link Actor#system()}.
         *
         * @param value the actor
         * @return this builder
         */
        public Builder actor(Actor value) { actor = value; return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's values; they are checked when it is run
         */
        public UpdateCustomerDetails build() {
            return new UpdateCustomerDetails(customerId, name, Optional.ofNullable(preferredChannel), locale,
                    timeZone, Optional.ofNullable(birthday), Optional.ofNullable(segment), status,
                    Optional.ofNullable(acquisitionCost), attributes, Optional.ofNullable(churnReason), actor);
        }
    }
}
