package dev.rapport.complaint;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The command to link a complaint to an existing case of the same customer, so it is worked and routed there.
 *
 * @param complaintId the complaint
 * @param caseId the case; must exist and belong to the complaint's customer
 * @param actor who linked them
 */
public record LinkCase(
        @NotNull ComplaintId complaintId,
        @NotNull CaseId caseId,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {
}
