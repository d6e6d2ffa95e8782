package dev.rapport.cases;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import jakarta.validation.constraints.NotNull;

/**
 * The command to move a case in its lifecycle; the allowed moves are those of {@link CaseStatus}.
 *
 * @param caseId the case
 * @param to the state to move it to
 */
public record MoveCase(@NotNull CaseId caseId, @NotNull CaseStatus to) {
}
