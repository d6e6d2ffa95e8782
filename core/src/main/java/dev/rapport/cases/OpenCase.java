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

    /** Copies the skills (keeping nulls for the validator) and turns null optionals into empty ones. */
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

    /** A builder with the defaults: priority {@link Priority#NORMAL}, no category, type, language or skills. */
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

        /** Sets the customer; required, no default. */
        public Builder customerId(CustomerId value) { customerId = value; return this; }
        /** Sets the subject; required, no default. */
        public Builder subject(String value) { subject = value; return this; }
        /** Sets the category code; default none. */
        public Builder category(String value) { category = value; return this; }
        /** Sets the type code; default none. */
        public Builder type(String value) { type = value; return this; }
        /** Sets the priority; default {@link Priority#NORMAL}. */
        public Builder priority(Priority value) { priority = value; return this; }
        /** Sets the channel it came in on; required, no default. */
        public Builder originChannel(Channel value) { originChannel = value; return this; }
        /** Sets the language; default none, and the case then takes its customer's language (docs/customers.md). */
        public Builder language(Locale value) { language = value; return this; }
        /** Adds a required skill; default none. */
        public Builder requiredSkill(String value) { requiredSkills.add(value); return this; }
        /** Replaces the required skills; default none. */
        public Builder requiredSkills(Set<String> value) {
            requiredSkills.clear();
            if (value != null) {
                requiredSkills.addAll(value);
            }
            return this;
        }

        /** Adds a tag; default none. */
        public Builder tag(String value) { tags.add(value); return this; }
        /** Sets a custom field value; default none. */
        public Builder field(String name, FieldValue value) { fields.put(name, value); return this; }

        /** The command. */
        public OpenCase build() {
            return new OpenCase(customerId, subject, Optional.ofNullable(category), Optional.ofNullable(type),
                    priority, originChannel, Optional.ofNullable(language), requiredSkills,
                    tags, fields);
        }
    }
}
