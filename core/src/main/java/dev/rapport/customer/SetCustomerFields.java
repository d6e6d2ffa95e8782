package dev.rapport.customer;

import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.Copies;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;

/**
 * The command to set and clear custom field values of a customer ({@code CustomerService#setFields}). Each value
 * must fit the field the host's schema declares: declared, of its kind, an allowed choice, no longer than its maximum
 * length. A rejected command names every bad field and changes nothing.
 *
 * @param customerId the customer
 * @param values the values to set, by field name; replace what the customer holds for those fields
 * @param clear the names of fields whose values to remove
 * @param actor who sets and clears them; default {@link Actor#system()}
 */
public record SetCustomerFields(@NotNull CustomerId customerId,
        @NotNull @Size(max = Limits.FIELDS) Map<@NotNull @Code String, @NotNull @Valid FieldValue> values,
        @NotNull @Size(max = Limits.FIELDS) Set<@NotNull @Code String> clear,
        @NotNull @Valid Actor actor) {

    /**
     * Copies the values and names (null gives none) and turns a null actor into {@link Actor#system()}.
     *
     * @param customerId the customer whose fields to change
     * @param values the values to set, by field name; replace what the customer holds for those fields
     * @param clear the names of fields whose values to remove
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public SetCustomerFields {
        values = Copies.map(values);
        clear = Copies.set(clear);
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * Values set and cleared by the system.
     *
     * @param customerId the customer
     * @param values the values to set, by field name
     * @param clear the names of fields whose values to remove
     */
    public SetCustomerFields(CustomerId customerId, Map<String, FieldValue> values, Set<String> clear) {
        this(customerId, values, clear, Actor.system());
    }

    /**
     * The same change, made by the given actor.
     *
     * @param by who sets and clears the values
     * @return the command
     */
    public SetCustomerFields by(Actor by) {
        return new SetCustomerFields(customerId, values, clear, by);
    }

    /**
     * The command to set values, clearing nothing.
     *
     * @param customerId the customer
     * @param values the values by field name
     * @return the command
     */
    public static SetCustomerFields of(CustomerId customerId, Map<String, FieldValue> values) {
        return new SetCustomerFields(customerId, values, Set.of());
    }
}
