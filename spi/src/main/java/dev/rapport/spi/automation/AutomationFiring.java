package dev.rapport.spi.automation;

import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainText;
import dev.rapport.spi.validation.SupportedInstant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * One firing of an automation rule on a case: the proof that the rule acted once for an occasion, and the entry
 * the case's automation history shows. Its key is (rule name, case, occasion); a store keeps at most one firing per
 * key, whichever node records it first.
 *
 * @param ruleName the rule that fired; one line of at most {@link Limits#NAME} characters
 * @param caseId the case it acted on
 * @param occasion what made the case eligible, as an instant: its last lifecycle move (or its creation when it has
 *        not moved); the rule fires again only on a later occasion
 * @param firedAt when it fired
 * @param outcome what it did, in words, for example {@code "moved RESOLVED -> CLOSED"}; one line of at most
 *        {@link Limits#HOST_TEXT} characters
 */
public record AutomationFiring(
        @NotBlank @PlainText @Size(max = Limits.NAME) String ruleName,
        @NotNull CaseId caseId,
        @NotNull @SupportedInstant Instant occasion,
        @NotNull @SupportedInstant Instant firedAt,
        @NotBlank @PlainText @Size(max = Limits.HOST_TEXT) String outcome) {
}
