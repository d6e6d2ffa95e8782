package dev.rapport.spi.customer;

import dev.rapport.spi.NotFoundException;

/** Thrown when no customer has the given id. */
public class CustomerNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored customer has. */
    private final CustomerId customerId;

    /**
     * Creates the exception for the missing id.
     *
     * @param customerId the id no stored customer has
     */
    public CustomerNotFoundException(CustomerId customerId) {
        super("customer", customerId);
        this.customerId = customerId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and not stored
     */
    public CustomerId customerId() {
        return customerId;
    }
}
