package dev.rapport.cases;

import dev.rapport.field.Tags;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.validation.Code;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Set;

/**
 * The command to add tags to a case, or to remove them ({@code CaseService#addTags}, {@code CaseService#removeTags}).
 * Tags are normalised on the way in ({@link Tags#normalise(String)}: NFC, stripped, lower case) and must then be
 * codes.
 *
 * @param caseId the case
 * @param tags the tags, 1 to {@value Limits#TAGS}
 */
public record CaseTags(@NotNull CaseId caseId,
        @NotNull @Size(min = 1, max = Limits.TAGS) Set<@NotNull @Code String> tags) {

    /**
     * Normalises the tags (keeping nulls for the validator).
     *
     * @param caseId the case to tag or untag
     * @param tags the tags, 1 to {@value Limits#TAGS}
     */
    public CaseTags {
        tags = Tags.normalise(tags);
    }

    /**
     * The command for some tags.
     *
     * @param caseId the case
     * @param tags the tags
     * @return the command
     */
    public static CaseTags of(CaseId caseId, String... tags) {
        return new CaseTags(caseId, tags == null ? null : new java.util.LinkedHashSet<>(Arrays.asList(tags)));
    }
}
