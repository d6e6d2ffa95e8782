package dev.rapport.spi.feedback;

import jakarta.validation.constraints.NotNull;

/**
 * The rating scale a score was given on, stored with every response because vendors and surveys differ.
 *
 * @param min the lowest possible score
 * @param max the highest possible score; greater than {@code min}
 * @param direction which end is good
 */
public record Scale(int min, int max, @NotNull ScaleDirection direction) {

    /** CSAT on 1 to 5, higher is better. */
    public static final Scale CSAT_1_TO_5 = new Scale(1, 5, ScaleDirection.HIGHER_IS_BETTER);
    /** NPS on 0 to 10, higher is better; the only scale NPS accepts. */
    public static final Scale NPS_0_TO_10 = new Scale(0, 10, ScaleDirection.HIGHER_IS_BETTER);
    /** CES 2.0 on 1 to 7 ("the company made it easy"), higher is better. */
    public static final Scale CES_1_TO_7 = new Scale(1, 7, ScaleDirection.HIGHER_IS_BETTER);
    /** Classic CES on 1 to 5 ("how much effort"), lower is better. */
    public static final Scale CES_EFFORT_1_TO_5 = new Scale(1, 5, ScaleDirection.LOWER_IS_BETTER);

    /**
     * Whether a score lies on the scale.
     *
     * @param score a score as given by the customer
     * @return true if {@code min <= score <= max}, false otherwise
     */
    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    /**
     * The score mapped to 0..1 with 1 the good end, for comparing scales.
     *
     * @param score a score on this scale, {@code min} to {@code max}
     * @return 0 for the worst score, 1 for the best, and proportionally in between (outside 0 to 1 for a score off the
     *        scale)
     */
    public double normalized(int score) {
        double share = (double) (score - min) / (max - min);
        return direction == ScaleDirection.HIGHER_IS_BETTER ? share : 1 - share;
    }
}
