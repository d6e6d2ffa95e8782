package dev.rapport.complaint;

import dev.rapport.spi.Copies;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * The command to record why a complaint happened: root causes from the host's taxonomy, added to those it has.
 *
 * @param complaintId the complaint
 * @param rootCauses the root-cause codes; each must be in the taxonomy
 * @param actor who found them
 */
public record AssignRootCauses(
        @NotNull ComplaintId complaintId,
        @NotEmpty @Size(max = 50) Set<@NotNull @Code String> rootCauses,
        @NotBlank @PlainText @Size(max = Limits.KEY) String actor) {

    /**
     * Copies the codes, keeping nulls for the validator.
     *
     * @param complaintId the complaint
     * @param rootCauses the root-cause codes; each must be in the taxonomy
     * @param actor who found them
     */
    public AssignRootCauses {
        rootCauses = Copies.set(rootCauses);
    }
}
