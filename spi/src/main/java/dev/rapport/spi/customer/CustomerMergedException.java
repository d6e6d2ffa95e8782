package dev.rapport.spi.customer;

/**
 * Thrown when a customer is asked for by an id that was merged into another customer: the message and
 * {@link #into()} name the customer that holds everything now.
 */
public class CustomerMergedException extends CustomerNotFoundException {

    private static final long serialVersionUID = 1L;

    /** The customer the id was merged into. */
    private final CustomerId into;

    /**
     * Creates the exception.
     *
     * @param merged the id asked for, merged away
     * @param into the customer it was merged into
     */
    public CustomerMergedException(CustomerId merged, CustomerId into) {
        super(merged);
        this.into = into;
    }

    /**
     * The customer the id was merged into.
     *
     * @return the id of the surviving customer, which now holds the merged customer's records
     */
    public CustomerId into() {
        return into;
    }

    @Override
    public String getMessage() {
        return "customer " + customerId() + " was merged into customer " + into;
    }
}
