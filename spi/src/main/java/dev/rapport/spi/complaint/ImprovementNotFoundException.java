package dev.rapport.spi.complaint;

import dev.rapport.spi.NotFoundException;

/** Thrown when no improvement item has the given id. */
public class ImprovementNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored improvement item has. */
    private final ImprovementId improvementId;

    /**
     * Creates the exception for the missing id.
     *
     * @param improvementId the id of the improvement item that is not stored
     */
    public ImprovementNotFoundException(ImprovementId improvementId) {
        super("improvement", improvementId);
        this.improvementId = improvementId;
    }

    /**
     * The id that was not found.
     *
     * @return the id of the improvement item that was looked up and not stored
     */
    public ImprovementId improvementId() {
        return improvementId;
    }
}
