package dev.rapport.spi.interaction;

import dev.rapport.spi.NotFoundException;

/** Thrown when no interaction has the given id. */
public class InteractionNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored interaction has. */
    private final InteractionId interactionId;

    /**
     * Creates the exception for the missing id.
     *
     * @param interactionId the id that no stored interaction has
     */
    public InteractionNotFoundException(InteractionId interactionId) {
        super("interaction", interactionId);
        this.interactionId = interactionId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and is not stored
     */
    public InteractionId interactionId() {
        return interactionId;
    }
}
