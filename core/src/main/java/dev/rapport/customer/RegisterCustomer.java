package dev.rapport.customer;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command to register a new customer with every address they are known by. Checked as a whole before anything
 * is stored; a rejected command names every bad field.
 *
 * @param name how the customer wants to be addressed
 * @param identities the customer's addresses on every channel; none repeated, at most one primary per channel
 * @param preferredChannel the channel the customer prefers to be contacted on, if any
 * @param locale the customer's language and region
 * @param timeZone the customer's time zone
 * @param birthday the customer's birthday, if known; in the past
 * @param segment the host's segment code, if any
 * @param consents per-channel consent to be contacted
 * @param status the customer's lifecycle status
 * @param acquisitionCost what it cost to win the customer, if known
 * @param attributes free key-value attributes
 * @param actor who registers the customer; default {@link Actor#system()}
 */
public record RegisterCustomer(
        @NotBlank @PlainText @Size(max = Limits.NAME) String name,
        @NotNull @Size(max = Limits.IDENTITIES) @DistinctIdentities List<@NotNull @Valid ContactIdentity> identities,
        @NotNull Optional<Channel> preferredChannel,
        @NotNull @LanguageTag Locale locale,
        @NotNull ZoneId timeZone,
        @NotNull Optional<@Past LocalDate> birthday,
        @NotNull Optional<@Code String> segment,
        @NotNull Map<@NotNull Channel, @NotNull ConsentStatus> consents,
        @NotNull CustomerStatus status,
        @NotNull Optional<@Valid Money> acquisitionCost,
        @NotNull @Size(max = Limits.ATTRIBUTES) Map<@NotNull @Code String,
                @NotNull @PlainText(multiline = true) @Size(max = Limits.ATTRIBUTE_VALUE) String> attributes,
        @NotNull @Valid Actor actor) {

    /**
     * Copies the collections (keeping null elements for the validator), turns null optionals into empty ones and a
     * null actor into {@link Actor#system()}.
     *
     * @param name how the customer wants to be addressed
     * @param identities the customer's addresses on every channel; none repeated, at most one primary per channel
     * @param preferredChannel the channel the customer prefers to be contacted on, if any
     * @param locale the customer's language and region
     * @param timeZone the customer's time zone
     * @param birthday the customer's birthday, if known; in the past
     * @param segment the host's segment code, if any
     * @param consents per-channel consent to be contacted
     * @param status the customer's lifecycle status
     * @param acquisitionCost what it cost to win the customer, if known
     * @param attributes free key-value attributes
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public RegisterCustomer {
        actor = actor == null ? Actor.system() : actor;
        identities = Copies.list(identities);
        preferredChannel = Copies.optional(preferredChannel);
        birthday = Copies.optional(birthday);
        segment = Copies.optional(segment);
        consents = Copies.map(consents);
        acquisitionCost = Copies.optional(acquisitionCost);
        attributes = Copies.map(attributes);
    }

    /**
     * The command as it was before commands said who acts: registered by {@link Actor#system()}.
     *
     * @param name how the customer wants to be addressed
     * @param identities the customer's addresses
     * @param preferredChannel the preferred channel, if any
     * @param locale the customer's language and region
     * @param timeZone the customer's time zone
     * @param birthday the birthday, if known
     * @param segment the segment code, if any
     * @param consents per-channel consent
     * @param status the lifecycle status
     * @param acquisitionCost the acquisition cost, if known
     * @param attributes free key-value attributes
     */
    public RegisterCustomer(String name, List<ContactIdentity> identities, Optional<Channel> preferredChannel,
            Locale locale, ZoneId timeZone, Optional<LocalDate> birthday, Optional<String> segment,
            Map<Channel, ConsentStatus> consents, CustomerStatus status, Optional<Money> acquisitionCost,
            Map<String, String> attributes) {
        this(name, identities, preferredChannel, locale, timeZone, birthday, segment, consents, status,
                acquisitionCost, attributes, Actor.system());
    }

    /**
     * A builder with the defaults: no identities, English, UTC, status {@link CustomerStatus#ACTIVE}.
     *
     * @return a new builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RegisterCustomer} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private String name;
        private final List<ContactIdentity> identities = new ArrayList<>();
        private Channel preferredChannel;
        private Locale locale = Locale.ENGLISH;
        private ZoneId timeZone = ZoneId.of("UTC");
        private LocalDate birthday;
        private String segment;
        private final Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
        private CustomerStatus status = CustomerStatus.ACTIVE;
        private Money acquisitionCost;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private Actor actor = Actor.system();

        private Builder() {
        }

        /**
         * Sets the name; required, no default.
         *
         * @param value how the customer wants to be addressed; not blank, plain text
         * @return this builder
         */
        public Builder name(String value) { name = value; return this; }
        /**
         * Adds one identity; default none.
         *
         * @param value an address of the customer on one channel, added after those already given
         * @return this builder
         */
        public Builder identity(ContactIdentity value) { identities.add(value); return this; }
        /**
         * Replaces the identities; default none.
         *
         * @param value the customer's addresses on every channel; null for none
         * @return this builder
         */
        public Builder identities(List<ContactIdentity> value) {
            identities.clear();
            if (value != null) {
                identities.addAll(value);
            }
            return this;
        }
        /**
         * Sets the preferred channel; default none.
         *
         * @param value the channel the customer prefers to be contacted on, or null for none
         * @return this builder
         */
        public Builder preferredChannel(Channel value) { preferredChannel = value; return this; }
        /**
         * Sets the locale; default {@link Locale#ENGLISH}.
         *
         * @param value the customer's language and region
         * @return this builder
         */
        public Builder locale(Locale value) { locale = value; return this; }
        /**
         * Sets the time zone; default UTC.
         *
         * @param value the customer's time zone
         * @return this builder
         */
        public Builder timeZone(ZoneId value) { timeZone = value; return this; }
        /**
         * Sets the birthday; default none.
         *
         * @param value the customer's birthday, or null if unknown; in the past
         * @return this builder
         */
        public Builder birthday(LocalDate value) { birthday = value; return this; }
        /**
         * Sets the segment code; default none.
         *
         * @param value the host's segment code, or null for none
         * @return this builder
         */
        public Builder segment(String value) { segment = value; return this; }
        /**
         * Records consent on one channel; default none recorded.
         *
         * @param channel the channel the consent is for
         * @param value whether the customer agreed to be contacted on that channel
         * @return this builder
         */
        public Builder consent(Channel channel, ConsentStatus value) { consents.put(channel, value); return this; }
        /**
         * Replaces the consents; default none recorded.
         *
         * @param value per-channel consent to be contacted; null for none recorded
         * @return this builder
         */
        public Builder consents(Map<Channel, ConsentStatus> value) {
            consents.clear();
            if (value != null) {
                consents.putAll(value);
            }
            return this;
        }
        /**
         * Sets the status; default {@link CustomerStatus#ACTIVE}.
         *
         * @param value the customer's lifecycle status
         * @return this builder
         */
        public Builder status(CustomerStatus value) { status = value; return this; }
        /**
         * Sets the acquisition cost; default none.
         *
         * @param value what it cost to win the customer, or null if unknown
         * @return this builder
         */
        public Builder acquisitionCost(Money value) { acquisitionCost = value; return this; }
        /**
         * Sets one free attribute; default none.
         *
         * @param key the attribute's name, a code
         * @param value the attribute's value, plain text
         * @return this builder
         */
        public Builder attribute(String key, String value) { attributes.put(key, value); return this; }
        /**
         * Replaces the free attributes; default none.
         *
         * @param value the free key-value attributes; null for none
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
         * Sets who registers the customer; default {@link Actor#system()}.
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
        public RegisterCustomer build() {
            return new RegisterCustomer(name, identities, Optional.ofNullable(preferredChannel), locale, timeZone,
                    Optional.ofNullable(birthday), Optional.ofNullable(segment), consents, status,
                    Optional.ofNullable(acquisitionCost), attributes, actor);
        }
    }
}
