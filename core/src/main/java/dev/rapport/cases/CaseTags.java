package dev.rapport.cases;

import jakarta.validation.Valid;
import dev.rapport.spi.cases.Actor;
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
 * @param actor who adds or removes them; default {@link Actor#system()}
 */
public record CaseTags(@NotNull CaseId caseId,
        @NotNull @Size(min = 1, max = Limits.TAGS) Set<@NotNull @Code String> tags,
        @NotNull @Valid Actor actor) {

    /**
     * Normalises the tags (keeping nulls for the validator) and turns a null actor into {@link Actor#system()}.
     *
     * @param caseId the case to tag or untag
     * @param tags the tags, 1 to {@value Limits#TAGS}
     * @param actor who acts; null becomes {@link Actor#system()}
     */
    public CaseTags {
        tags = Tags.normalise(tags);
        actor = actor == null ? Actor.system() : actor;
    }

    /**
     * Tags added or removed by the system.
     *
     * @param caseId the case
     * @param tags the tags
     */
    public CaseTags(CaseId caseId, Set<String> tags) {
        this(caseId, tags, Actor.system());
    }

    /**
     * The same tags, added or removed by the given actor.
     *
     * @param by who adds or removes them
     * @return the command
     */
    public CaseTags by(Actor by) {
        return new CaseTags(caseId, tags, by);
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
