package dev.rapport.health;

import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.HealthBand;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's health as a scorer computed it: the score, the band it falls in and every factor with its weight and
 * value, so the score can be read and argued with.
 *
 * @param customerId the customer
 * @param score 0 (worst) to 100 (best)
 * @param band the band the score falls in
 * @param factors every factor that went into the score, in the policy's order
 * @param evaluatedAt the moment it was computed for
 */
public record CustomerHealth(CustomerId customerId, int score, HealthBand band, List<HealthFactor> factors,
        Instant evaluatedAt) {

    /**
     * Checks every component is present and the score is 0 to 100; copies the factors.
     *
     * @param customerId the customer evaluated
     * @param score 0 (worst) to 100 (best)
     * @param band the band the score falls in
     * @param factors every factor that went into the score, in the policy's order
     * @param evaluatedAt the moment it was computed for
     */
    public CustomerHealth {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        factors = List.copyOf(factors);
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score must be 0 to 100, not " + score);
        }
    }

    /**
     * The factor with a name.
     *
     * @param name the factor's code
     * @return the factor, or empty if the score has none of that name
     */
    public Optional<HealthFactor> factor(String name) {
        return factors.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
