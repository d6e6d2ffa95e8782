package dev.rapport.health;

/**
 * Turns a customer's measured signals into a health score and band. Rapport's own is {@link WeightedHealthScorer}
 * over the {@link HealthPolicy}; a host plugs in its own with {@code Rapport.Builder.healthScorer(...)} (no model
 * training is involved either way). The band it returns is the one stored and acted on: moving into
 * {@code AT_RISK} raises {@code CustomerAtRisk}. Implementations must be thread-safe and must not call Rapport.
 */
@FunctionalInterface
public interface HealthScorer {

    /**
     * Scores one customer.
     *
     * @param signals what Rapport measured about the customer over the policy's look-back window
     * @return the health, for {@code signals.customerId()} and {@code signals.asOf()}; score 0 to 100
     */
    CustomerHealth score(HealthSignals signals);
}
