package dev.rapport.spi.cases;

import dev.rapport.spi.validation.SupportedInstant;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * One move in a case's lifecycle, kept so that SLA clocks and KPIs can be recomputed from history.
 *
 * @param from the state before
 * @param to the state after
 * @param at when the move happened
 */
public record StatusChange(@NotNull CaseStatus from, @NotNull CaseStatus to, @NotNull @SupportedInstant Instant at) {
}
