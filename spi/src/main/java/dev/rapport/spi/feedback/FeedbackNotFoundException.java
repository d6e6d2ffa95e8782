package dev.rapport.spi.feedback;

import dev.rapport.spi.NotFoundException;

/** Thrown when no feedback response has the given id. */
public class FeedbackNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    /** The id no stored feedback response has. */
    private final FeedbackId feedbackId;

    /**
     * Creates the exception for the missing id.
     *
     * @param feedbackId the id that no stored feedback response has
     */
    public FeedbackNotFoundException(FeedbackId feedbackId) {
        super("feedback", feedbackId);
        this.feedbackId = feedbackId;
    }

    /**
     * The id that was not found.
     *
     * @return the id that was looked up and is not stored
     */
    public FeedbackId feedbackId() {
        return feedbackId;
    }
}
