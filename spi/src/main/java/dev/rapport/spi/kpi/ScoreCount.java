package dev.rapport.spi.kpi;

import dev.rapport.spi.feedback.Scale;

/**
 * How many responses gave one score on one scale.
 *
 * @param scale the scale
 * @param score the score
 * @param count how many responses
 */
public record ScoreCount(Scale scale, int score, long count) {
}
