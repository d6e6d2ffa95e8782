package dev.rapport.privacy;

import dev.rapport.spi.RapportException;
import dev.rapport.spi.customer.CustomerId;

/**
 * Thrown when erasing a customer would have to rewrite the free text of interactions or feedback, and no
 * {@link AppendOnlyRedaction} is available to do it. Nothing was changed: Rapport never reports an erasure as done
 * while personal text remains. The message names the customer's id and how many records are concerned.
 */
public class RedactionUnsupportedException extends RapportException {

    private static final long serialVersionUID = 1L;

    private final CustomerId customerId;
    private final int records;

    /**
     * Creates the exception.
     *
     * @param customerId the customer whose erasure was refused
     * @param records how many interactions and feedback responses hold text to rewrite
     */
    public RedactionUnsupportedException(CustomerId customerId, int records) {
        super("customer " + customerId + " cannot be erased: " + records
                + " interaction or feedback text(s) need rewriting and the storage offers no AppendOnlyRedaction;"
                + " nothing was changed");
        this.customerId = customerId;
        this.records = records;
    }

    /** The customer whose erasure was refused. */
    public CustomerId customerId() {
        return customerId;
    }

    /** How many interactions and feedback responses hold text that would have to be rewritten. */
    public int records() {
        return records;
    }
}
