package dev.rapport.spi.feedback;

import dev.rapport.spi.NotFoundException;

/** Thrown when no feedback response has the given id. */
public class FeedbackNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    private final FeedbackId feedbackId;

    /** Creates the exception for the missing id. */
    public FeedbackNotFoundException(FeedbackId feedbackId) {
        super("feedback", feedbackId);
        this.feedbackId = feedbackId;
    }

    /** The id that was not found. */
    public FeedbackId feedbackId() {
        return feedbackId;
    }
}
