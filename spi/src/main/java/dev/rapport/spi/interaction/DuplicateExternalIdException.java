package dev.rapport.spi.interaction;

import dev.rapport.spi.DuplicateEntityException;

/** Thrown when an interaction with the same external id is already stored; carries the stored one's id. */
public class DuplicateExternalIdException extends DuplicateEntityException {

    private static final long serialVersionUID = 1L;

    /** The external id that clashed, exactly as given. */
    private final String externalId;
    /** The interaction already stored under the external id. */
    private final InteractionId existing;

    /**
     * Creates the exception.
     *
     * @param externalId the external id that clashed
     * @param existing the interaction already stored under it
     */
    public DuplicateExternalIdException(String externalId, InteractionId existing) {
        super("interaction", "externalId", "an interaction with this external id is already stored as " + existing);
        this.externalId = externalId;
        this.existing = existing;
    }

    /**
     * The external id that clashed.
     *
     * @return the source system's id that another interaction is already stored under, exactly as given
     */
    public String externalId() {
        return externalId;
    }

    /**
     * The interaction already stored under the external id.
     *
     * @return the id of the interaction stored first under the external id
     */
    public InteractionId existing() {
        return existing;
    }
}
