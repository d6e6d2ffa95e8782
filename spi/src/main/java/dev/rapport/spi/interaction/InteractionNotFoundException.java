package dev.rapport.spi.interaction;

import dev.rapport.spi.NotFoundException;

/** Thrown when no interaction has the given id. */
public class InteractionNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private final InteractionId interactionId;

    /** Creates the exception for the missing id. */
    public InteractionNotFoundException(InteractionId interactionId) {
        super("interaction", interactionId);
        this.interactionId = interactionId;
    }

    /** The id that was not found. */
    public InteractionId interactionId() {
        return interactionId;
    }
}
