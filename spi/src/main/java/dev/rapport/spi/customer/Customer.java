package dev.rapport.spi.customer;

import dev.rapport.spi.validation.SupportedInstant;
import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A person or organisation the business serves, with every way to reach them. Immutable; changes produce a new
 * value through {@link #toBuilder()}.
 *
 * <p>Value domain: every instant is {@link dev.rapport.spi.validation.SupportedInstant} (0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999999Z, whole microseconds), every locale {@link dev.rapport.spi.validation.LanguageTag}
 * (a canonical BCP 47 tag of at most 35 characters that reads back as the same locale); text lengths are those of
 * {@link dev.rapport.spi.validation.Limits} given on each component. A value outside it is refused by the
 * constraints, and by every storage adapter ({@link dev.rapport.spi.validation.ValueDomain}), with a
 * {@code ValidationException} naming the field; a value inside it is stored and read back equal.
 *
 * @param id the customer's id
 * @param name how the customer wants to be addressed
 * @param identities the customer's addresses on every channel; each unique across all customers
 * @param preferredChannel the channel the customer prefers to be contacted on
 * @param locale the customer's language and region, for messages
 * @param timeZone the customer's time zone, for sending at the right local time
 * @param birthday the customer's birthday, for greetings
 * @param segment the host's segment code, for example {@code "gold"}, for KPI breakdowns
 * @param consents per-channel consent to be contacted; a channel without an entry was not asked
 * @param status the customer's lifecycle status
 * @param acquisitionCost what it cost to win the customer, for lifetime value
 * @param attributes free key-value attributes the host keeps with the customer
 * @param ownAgent the agent who looks after this customer (their relationship manager); routing offers the
 *        customer's cases to this agent first
 * @param createdAt when the customer was registered
 * @param updatedAt when the customer was last changed
 * @param version the optimistic-locking version; 0 for a customer not yet stored, 1 after the first insert
 * @param tags the host's labels on the customer, normalised codes; at most {@value Limits#TAGS}
 * @param fields the customer's custom field values by field name, as the host's schema declares them; at most
 *        {@value Limits#FIELDS}
 * @param churnReason why the customer left, a host's reason code such as {@code "price"}: set when the status
 *        changes to {@link CustomerStatus#CHURNED}, empty otherwise (and for a churned customer whose reason is not
 *        known); the churn KPI's {@code CHURN_REASON} breakdown reads it
 */
@ConsistentIdentities
public record Customer(
        @NotNull CustomerId id,
        @NotBlank @PlainText @Size(max = Limits.NAME) String name,
        @NotNull @Size(max = Limits.IDENTITIES) List<@NotNull @Valid ContactIdentity> identities,
        @NotNull Optional<Channel> preferredChannel,
        @NotNull @LanguageTag Locale locale,
        @NotNull ZoneId timeZone,
        @NotNull Optional<LocalDate> birthday,
        @NotNull Optional<@Code String> segment,
        @NotNull Map<@NotNull Channel, @NotNull ConsentStatus> consents,
        @NotNull CustomerStatus status,
        @NotNull Optional<@Valid Money> acquisitionCost,
        @NotNull @Size(max = Limits.ATTRIBUTES) Map<@NotNull @Code String,
                @NotNull @PlainText(multiline = true) @Size(max = Limits.ATTRIBUTE_VALUE) String> attributes,
        @NotNull Optional<AgentId> ownAgent,
        @NotNull @SupportedInstant Instant createdAt,
        @NotNull @SupportedInstant Instant updatedAt,
        @PositiveOrZero long version,
        @NotNull @Size(max = Limits.TAGS) Set<@NotNull @Code String> tags,
        @NotNull @Size(max = Limits.FIELDS) Map<@NotNull @Code String, @NotNull @Valid FieldValue> fields,
        @NotNull Optional<@Code String> churnReason) {

    /**
     * Copies collections and turns null optionals into empty ones.
     *
     * @param id the customer's id
     * @param name how the customer wants to be addressed
     * @param identities the customer's addresses on every channel; each unique across all customers
     * @param preferredChannel the channel the customer prefers to be contacted on
     * @param locale the customer's language and region, for messages
     * @param timeZone the customer's time zone, for sending at the right local time
     * @param birthday the customer's birthday, for greetings
     * @param segment the host's segment code, for example {@code "gold"}, for KPI breakdowns
     * @param consents per-channel consent to be contacted; a channel without an entry was not asked
     * @param status the customer's lifecycle status
     * @param acquisitionCost what it cost to win the customer, for lifetime value
     * @param attributes free key-value attributes the host keeps with the customer
     * @param ownAgent the agent who looks after this customer (their relationship manager); routing offers the
     *        customer's cases to this agent first
     * @param createdAt when the customer was registered
     * @param updatedAt when the customer was last changed
     * @param version the optimistic-locking version; 0 for a customer not yet stored, 1 after the first insert
     * @param tags the host's labels on the customer, normalised codes; at most {@value Limits#TAGS}
     * @param fields the customer's custom field values by field name, as the host's schema declares them; at most
     *        {@value Limits#FIELDS}
     * @param churnReason why the customer left, a host's reason code such as {@code "price"}: set when the status
     *        changes to {@link CustomerStatus#CHURNED}, empty otherwise (and for a churned customer whose reason is not
     *        known); the churn KPI's {@code CHURN_REASON} breakdown reads it
     */
    public Customer {
        identities = Copies.list(identities);
        preferredChannel = Copies.optional(preferredChannel);
        birthday = Copies.optional(birthday);
        segment = Copies.optional(segment);
        consents = Copies.map(consents);
        acquisitionCost = Copies.optional(acquisitionCost);
        attributes = Copies.map(attributes);
        ownAgent = Copies.optional(ownAgent);
        tags = Copies.set(tags);
        fields = Copies.map(fields);
        churnReason = Copies.optional(churnReason);
    }

    /**
     * The identity's normal form for this customer: national phone numbers in E.164 when the locale has a country.
     *
     * @param identity one of this customer's identities, or one about to be given to them
     * @return the identity's normal form under this customer's {@link #locale()}, as storage compares it
     */
    public String normalFormOf(ContactIdentity identity) {
        return identity.normalizedFor(locale);
    }

    /**
     * The primary identity on a channel, or else the first identity on it.
     *
     * @param channel the channel to address the customer on
     * @return the primary identity on the channel, else the first listed on it; empty if the customer has none there
     */
    public Optional<ContactIdentity> addressOn(Channel channel) {
        return identities.stream().filter(i -> i.channel().equals(channel))
                .min((a, b) -> Boolean.compare(b.primary(), a.primary()));
    }

    /**
     * Whether the customer may be contacted on the channel: they opted in, or were not asked.
     *
     * @param channel the channel a message would go out on
     * @return false if the customer opted out on the channel, true if they opted in or gave no answer
     */
    public boolean mayContactOn(Channel channel) {
        return consents.get(channel) != ConsentStatus.OPTED_OUT;
    }

    /**
     * The same customer with another version; used by storage adapters.
     *
     * @param newVersion the optimistic-locking version the copy carries; zero or more
     * @return a copy of this customer that differs only in its version
     */
    public Customer withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /**
     * A builder holding this customer's values.
     *
     * @return a new builder preset with every component of this customer, for building a changed copy
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for a new customer: version 0, status {@link CustomerStatus#ACTIVE}, English, UTC.
     *
     * @return a new builder with the defaults above and every other component unset or empty
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Customer} values; not thread-safe. */
    public static final class Builder {
        private CustomerId id;
        private String name;
        private List<ContactIdentity> identities = List.of();
        private Optional<Channel> preferredChannel = Optional.empty();
        private Locale locale = Locale.ENGLISH;
        private ZoneId timeZone = ZoneId.of("UTC");
        private Optional<LocalDate> birthday = Optional.empty();
        private Optional<String> segment = Optional.empty();
        private Map<Channel, ConsentStatus> consents = Map.of();
        private CustomerStatus status = CustomerStatus.ACTIVE;
        private Optional<Money> acquisitionCost = Optional.empty();
        private Map<String, String> attributes = Map.of();
        private Optional<AgentId> ownAgent = Optional.empty();
        private Instant createdAt;
        private Instant updatedAt;
        private long version;
        private Set<String> tags = Set.of();
        private Map<String, FieldValue> fields = Map.of();
        private Optional<String> churnReason = Optional.empty();

        private Builder() {
        }

        private Builder(Customer c) {
            id = c.id;
            name = c.name;
            identities = c.identities;
            preferredChannel = c.preferredChannel;
            locale = c.locale;
            timeZone = c.timeZone;
            birthday = c.birthday;
            segment = c.segment;
            consents = c.consents;
            status = c.status;
            acquisitionCost = c.acquisitionCost;
            attributes = c.attributes;
            ownAgent = c.ownAgent;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            version = c.version;
            tags = c.tags;
            fields = c.fields;
            churnReason = c.churnReason;
        }

        /**
         * Sets the id; no default.
         *
         * @param value the customer's id
         * @return this builder
         */
        public Builder id(CustomerId value) { id = value; return this; }
        /**
         * Sets the name; no default.
         *
         * @param value how the customer wants to be addressed
         * @return this builder
         */
        public Builder name(String value) { name = value; return this; }
        /**
         * Sets the identities; default none.
         *
         * @param value the customer's addresses on every channel
         * @return this builder
         */
        public Builder identities(List<ContactIdentity> value) { identities = value; return this; }
        /**
         * Sets the preferred channel; default none.
         *
         * @param value the channel the customer prefers to be contacted on; null for none
         * @return this builder
         */
        public Builder preferredChannel(Channel value) { preferredChannel = Optional.ofNullable(value); return this; }
        /**
         * Sets the locale; default English.
         *
         * @param value the customer's language and region, for messages
         * @return this builder
         */
        public Builder locale(Locale value) { locale = value; return this; }
        /**
         * Sets the time zone; default UTC.
         *
         * @param value the customer's time zone, for sending at the right local time
         * @return this builder
         */
        public Builder timeZone(ZoneId value) { timeZone = value; return this; }
        /**
         * Sets the birthday; default none.
         *
         * @param value the customer's birthday, for greetings; null for none
         * @return this builder
         */
        public Builder birthday(LocalDate value) { birthday = Optional.ofNullable(value); return this; }
        /**
         * Sets the segment; default none.
         *
         * @param value the host's segment code, for example {@code "gold"}, for KPI breakdowns; null for none
         * @return this builder
         */
        public Builder segment(String value) { segment = Optional.ofNullable(value); return this; }
        /**
         * Sets the consents; default none recorded.
         *
         * @param value per-channel consent to be contacted
         * @return this builder
         */
        public Builder consents(Map<Channel, ConsentStatus> value) { consents = value; return this; }
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
         * @param value what it cost to win the customer, for lifetime value; null for none
         * @return this builder
         */
        public Builder acquisitionCost(Money value) { acquisitionCost = Optional.ofNullable(value); return this; }
        /**
         * Sets the free attributes; default none.
         *
         * @param value free key-value attributes the host keeps with the customer
         * @return this builder
         */
        public Builder attributes(Map<String, String> value) { attributes = value; return this; }
        /**
         * Sets the customer's own agent; default none.
         *
         * @param value the agent who looks after this customer (their relationship manager); null for none
         * @return this builder
         */
        public Builder ownAgent(AgentId value) { ownAgent = Optional.ofNullable(value); return this; }
        /**
         * Sets the creation time; no default.
         *
         * @param value when the customer was registered
         * @return this builder
         */
        public Builder createdAt(Instant value) { createdAt = value; return this; }
        /**
         * Sets the last change time; no default.
         *
         * @param value when the customer was last changed
         * @return this builder
         */
        public Builder updatedAt(Instant value) { updatedAt = value; return this; }
        /**
         * Sets the version; default 0.
         *
         * @param value the optimistic-locking version
         * @return this builder
         */
        public Builder version(long value) { version = value; return this; }
        /**
         * Sets the tags; default none.
         *
         * @param value the host's labels on the customer, normalised codes
         * @return this builder
         */
        public Builder tags(Set<String> value) { tags = value; return this; }
        /**
         * Sets the custom field values; default none.
         *
         * @param value the customer's custom field values by field name, as the host's schema declares them
         * @return this builder
         */
        public Builder fields(Map<String, FieldValue> value) { fields = value; return this; }
        /**
         * Sets the churn reason code; default none.
         *
         * @param value why the customer left, a host's reason code such as {@code "price"}; null for none
         * @return this builder
         */
        public Builder churnReason(String value) { churnReason = Optional.ofNullable(value); return this; }

        /**
         * The customer; constraints are checked by the validator, not here.
         *
         * @return a new customer with the values set so far
         */
        public Customer build() {
            return new Customer(id, name, identities, preferredChannel, locale, timeZone, birthday, segment,
                    consents, status, acquisitionCost, attributes, ownAgent, createdAt, updatedAt, version,
                    tags, fields, churnReason);
        }
    }
}
