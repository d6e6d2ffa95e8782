/**
 * Feedback: CSAT, NPS and CES answers, each stored with its scale and direction and linked to what it rates. Start
 * at {@link dev.rapport.feedback.FeedbackService}.
 */
package dev.rapport.feedback;
