package dev.rapport.cases;

import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.field.Tags;
import dev.rapport.spi.Channel;
import dev.rapport.spi.field.FieldValue;
import jakarta.validation.Valid;
import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The command to open a case for a customer's issue. Checked as a whole before anything is stored; a rejected
 * command names every bad field.
 *
 * @param customerId the customer; must be registered
 * @param subject a one-line description
 * @param category the category code, if any
 * @param type the host's type code, if any
 * @param priority how urgent it is
 * @param originChannel the channel it came in on
 * @param language the language the customer wants to be served in, if known; when empty, the case takes the
 *        customer's own locale's language, unless that locale is the plain-English default (see docs/customers.md)
 * @param requiredSkills the skills an agent needs to take it
 * @param tags the case's tags, normalised on the way in ({@link Tags#normalise(String)}); at most
 *        {@value Limits#TAGS}
 * @param fields the case's custom field values by field name; each must fit the field the host's schema declares
 */
public record OpenCase(
        @NotNull CustomerId customerId,
        @NotBlank @PlainText @Size(max = Limits.SUBJECT) String subject,
        @NotNull Optional<@Code String> category,
        @NotNull Optional<@Code String> type,
        @NotNull Priority priority,
        @NotNull Channel originChannel,
        @NotNull Optional<@LanguageTag Locale> language,
        @NotNull @Size(max = 50) Set<@NotNull @Code String> requiredSkills,
        @NotNull @Size(max = Limits.TAGS) Set<@NotNull @Code String> tags,
        @NotNull @Size(max = Limits.FIELDS) Map<@NotNull @Code String, @NotNull @Valid FieldValue> fields) {

    /**
     * Copies the skills (keeping nulls for the validator) and turns null optionals into empty ones.
     *
     * @param customerId the customer; must be registered
     * @param subject a one-line description
     * @param category the category code, if any
     * @param type the host's type code, if any
     * @param priority how urgent it is
     * @param originChannel the channel it came in on
     * @param language the language the customer wants to be served in, if known; when empty, the case takes the
     *        customer's own locale's language, unless that locale is the plain-English default (see docs/customers.md)
     * @param requiredSkills the skills an agent needs to take it
     * @param tags the case's tags, normalised on the way in ({@link Tags#normalise(String)}); at most
     *        {@value Limits#TAGS}
     * @param fields the case's custom field values by field name; each must fit the field the host's schema declares
     */
    public OpenCase {
        category = Copies.optional(category);
        type = Copies.optional(type);
        language = Copies.optional(language);
        requiredSkills = Copies.set(requiredSkills);
        tags = Tags.normalise(tags);
        fields = Copies.map(fields);
    }

    /**
     * The command without tags or field values.
     *
     * @param customerId the customer; must be registered
     * @param subject a one-line description
     * @param category the category code, if any
     * @param type the host's type code, if any
     * @param priority how urgent it is
     * @param originChannel the channel it came in on
     * @param language the language the customer wants to be served in, if known
     * @param requiredSkills the skills an agent needs to take it
     */
    public OpenCase(CustomerId customerId, String subject, Optional<String> category, Optional<String> type,
            Priority priority, Channel originChannel, Optional<Locale> language, Set<String> requiredSkills) {
        this(customerId, subject, category, type, priority, originChannel, language, requiredSkills, Set.of(),
                Map.of());
    }

    /**
     * A builder with the defaults: priority {@link Priority#NORMAL}, no category, type, language or skills.
     *
     * @return a new builder with those defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OpenCase} commands; not thread-safe. Values are checked when the command is run. */
    public static final class Builder {
        private CustomerId customerId;
        private String subject;
        private String category;
        private String type;
        private Priority priority = Priority.NORMAL;
        private Channel originChannel;
        private Locale language;
        private final Set<String> requiredSkills = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, FieldValue> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the customer; required, no default.
         *
         * @param value the customer; must be registered
         * @return this builder
         */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /**
         * Sets the subject; required, no default.
         *
         * @param value a one-line description
         * @return this builder
         */
        public Builder subject(String value) { subject = value; return this; }
        /**
         * Sets the category code; default none.
         *
         * @param value the category code, or null for none
         * @return this builder
         */
        public Builder category(String value) { category = value; return this; }
        /**
         * Sets the type code; default none.
         *
         * @param value the host's type code, or null for none
         * @return this builder
         */
        public Builder type(String value) { type = value; return this; }
        /**
         * Sets the priority; default {@link Priority#NORMAL}.
         *
         * @param value how urgent it is
         * @return this builder
         */
        public Builder priority(Priority value) { priority = value; return this; }
        /**
         * Sets the channel it came in on; required, no default.
         *
         * @param value the channel it came in on
         * @return this builder
         */
        public Builder originChannel(Channel value) { originChannel = value; return this; }
        /**
         * Sets the language; default none, and the case then takes its customer's language (docs/customers.md).
         *
         * @param value the language the customer wants to be served in, or null to take the customer's own
         * @return this builder
         */
        public Builder language(Locale value) { language = value; return this; }
        /**
         * Adds a required skill; default none.
         *
         * @param value a skill code an agent needs to take the case, added to those already given
         * @return this builder
         */
        public Builder requiredSkill(String value) { requiredSkills.add(value); return this; }
        /**
         * Replaces the required skills; default none.
         *
         * @param value the skills an agent needs to take the case; null for none
         * @return this builder
         */
        public Builder requiredSkills(Set<String> value) {
            requiredSkills.clear();
            if (value != null) {
                requiredSkills.addAll(value);
            }
            return this;
        }

        /**
         * Adds a tag; default none.
         *
         * @param value a tag, normalised on the way in ({@link Tags#normalise(String)}), added to those already given
         * @return this builder
         */
        public Builder tag(String value) { tags.add(value); return this; }
        /**
         * Sets a custom field value; default none.
         *
         * @param name the name of a field the host's schema declares for cases
         * @param value the field's value, of the field's kind
         * @return this builder
         */
        public Builder field(String name, FieldValue value) { fields.put(name, value); return this; }

        /**
         * The command.
         *
         * @return a new command with this builder's values; they are checked when it is run
         */
        public OpenCase build() {
            return new OpenCase(customerId, subject, Optional.ofNullable(category), Optional.ofNullable(type),
                    priority, originChannel, Optional.ofNullable(language), requiredSkills,
                    tags, fields);
        }
    }
}
