package dev.rapport.spi.customer;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;

/**
 * Thrown when a contact identity is already held by another customer: one address belongs to one customer.
 * The message names the channel and the holder's id, never the address itself.
 */
public class ContactIdentityConflictException extends DuplicateEntityException {

    private static final long serialVersionUID = 1L;

    private final transient ContactIdentity identity;
    /** The customer who already holds the identity. */
    private final CustomerId holder;

    /**
     * Creates the exception.
     *
     * @param identity the identity that clashed
     * @param holder the customer who already holds it
     */
    public ContactIdentityConflictException(ContactIdentity identity, CustomerId holder) {
        super("customer", "identity", "a " + identity.channel() + " identity is already held by customer " + holder);
        this.identity = identity;
        this.holder = holder;
    }

    /**
     * The identity that clashed.
     *
     * @return the identity the rejected customer carried that another customer already holds
     */
    public ContactIdentity identity() {
        return identity;
    }

    /**
     * The customer who already holds the identity.
     *
     * @return the id of the customer who holds the identity
     */
    public CustomerId holder() {
        return holder;
    }
}
