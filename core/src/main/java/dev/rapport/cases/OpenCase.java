package dev.rapport.cases;

import dev.rapport.spi.validation.LanguageTag;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Copies;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
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
 */
public record OpenCase(
        @NotNull CustomerId customerId,
        @NotBlank @PlainText @Size(max = Limits.SUBJECT) String subject,
        @NotNull Optional<@Code String> category,
        @NotNull Optional<@Code String> type,
        @NotNull Priority priority,
        @NotNull Channel originChannel,
        @NotNull Optional<@LanguageTag Locale> language,
        @NotNull @Size(max = 50) Set<@NotNull @Code String> requiredSkills) {

    /** Copies the skills (keeping nulls for the validator) and turns null optionals into empty ones. */
    public OpenCase {
        category = Copies.optional(category);
        type = Copies.optional(type);
        language = Copies.optional(language);
        requiredSkills = Copies.set(requiredSkills);
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

        /** The command. */
        public OpenCase build() {
            return new OpenCase(customerId, subject, Optional.ofNullable(category), Optional.ofNullable(type),
                    priority, originChannel, Optional.ofNullable(language), requiredSkills);
        }
    }
}
