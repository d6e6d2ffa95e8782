package dev.rapport.spi.followup;

import dev.rapport.spi.NotFoundException;

/** Thrown when no follow-up has the given id. */
public class FollowUpNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored follow-up has. */
    private final FollowUpId followUpId;

    /**
     * Creates the exception for the missing id.
     *
     * @param followUpId the id that no stored follow-up has
     */
    public FollowUpNotFoundException(FollowUpId followUpId) {
        super("follow-up", followUpId);
        this.followUpId = followUpId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and is not stored
     */
    public FollowUpId followUpId() {
        return followUpId;
    }
}
