package dev.rapport.spi.customer;

import dev.rapport.spi.validation.SupportedInstant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Instant;
import java.util.Objects;

/**
 * The last known health of one customer, as stored so that every node agrees on it: the band it was last evaluated
 * in, the score, when it was evaluated and since when the customer has been in that band. Rapport raises
 * {@code CustomerAtRisk} only when it moves a stored standing into {@link HealthBand#AT_RISK}, through the
 * compare-and-set of {@link HealthStandings#replace}, so the event is raised once per transition whatever the number
 * of nodes. Holds no personal data.
 *
 * @param customerId the customer
 * @param band the band of the last evaluation
 * @param score the score of the last evaluation, 0 (worst) to 100 (best)
 * @param evaluatedAt when it was last evaluated
 * @param since when the customer entered the band (the evaluation that moved it there)
 */
public record HealthStanding(
        @NotNull CustomerId customerId,
        @NotNull HealthBand band,
        @PositiveOrZero @Max(100) int score,
        @NotNull @SupportedInstant Instant evaluatedAt,
        @NotNull @SupportedInstant Instant since) {

    /**
     * Checks that every component is present, the score is 0 to 100 and {@code since} is not after the evaluation.
     *
     * @param customerId the customer
     * @param band the band of the last evaluation
     * @param score the score of the last evaluation, 0 (worst) to 100 (best)
     * @param evaluatedAt when it was last evaluated
     * @param since when the customer entered the band (the evaluation that moved it there)
     */
    public HealthStanding {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(since, "since");
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0 to 100, not " + score);
        }
        if (since.isAfter(evaluatedAt)) {
            throw new IllegalArgumentException("since must not be after evaluatedAt");
        }
    }
}
