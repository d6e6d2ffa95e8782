/**
 * Feedback: CSAT, NPS and CES responses with the {@link dev.rapport.spi.feedback.Scale} each score was given on, the
 * checks every adapter runs on survey answers, and the repository port.
 */
package dev.rapport.spi.feedback;
