package dev.rapport.customer;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
import dev.rapport.field.Tags;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Set;

/**
 * The command to add tags to a customer, or to remove them ({@code CustomerService#addTags},
 * {@code CustomerService#removeTags}). Tags are normalised on the way in ({@link Tags#normalise(String)}: NFC,
 * stripped, lower case) and must then be codes.
 *
 * @param customerId the customer
 * @param tags the tags, 1 to {@value Limits#TAGS}
 * @param actor who adds or removes them; default {@link Actor#system()}
 */
public record CustomerTags(@NotNull CustomerId customerId,
        @NotNull @Size(min = 1, max = Limits.TAGS) Set<@NotNull @Code String> tags,
        @NotNull @Valid Actor actor) {

    /**
     * Normalises the tags (keeping nulls for the validator) and turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer to tag or untag
     * @param tags the tags, 1 to {@value Limits#TAGS}
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public CustomerTags {
        tags = Tags.normalise(tags);
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * Tags added or removed by the system.
     *
     * @param customerId the customer
     * @param tags the tags
     */
    public CustomerTags(CustomerId customerId, Set<String> tags) {
        this(customerId, tags, Actor.system());
    }

    /**
     * The same tags, added or removed by the given actor.
     *
     * @param by who adds or removes them
     * @return the command
     */
    public CustomerTags by(Actor by) {
        return new CustomerTags(customerId, tags, by);
    }

    /**
     * The command for some tags.
     *
     * @param customerId the customer
     * @param tags the tags
     * @return the command
     */
    public static CustomerTags of(CustomerId customerId, String... tags) {
        return new CustomerTags(customerId, tags == null ? null : new java.util.LinkedHashSet<>(Arrays.asList(tags)));
    }
}
