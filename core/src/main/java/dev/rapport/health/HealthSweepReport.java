package dev.rapport.health;

/**
 * What one round of {@link HealthService#evaluateAll()} did.
 *
 * @param evaluated customers evaluated and stored
 * @param atRisk of those, customers in band {@code AT_RISK} after the round
 * @param becameAtRisk customers that moved into {@code AT_RISK} in this round (one {@code CustomerAtRisk} each)
 * @param failed customers whose evaluation failed (logged by id; the round went on)
 */
public record HealthSweepReport(int evaluated, int atRisk, int becameAtRisk, int failed) {
}
