package dev.rapport.tck;

import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.text;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@link TestData} builders of cases; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class CaseTestData {

    private CaseTestData() {
    }

    // ------------------------------------------------------------------------------------------------------ cases

    /** Builds what {@link TestData#supportCase} documents. */
    static Case.Builder supportCase(CustomerId customerId) {
        Instant now = now();
        return Case.builder()
                .id(CaseId.random())
                .customerId(customerId)
                .subject("My order has not arrived")
                .category("delivery")
                .originChannel(Channel.EMAIL)
                .createdAt(now)
                .updatedAt(now);
    }

    /** Builds what {@link TestData#caseWithEveryField} documents. */
    static Case.Builder caseWithEveryField(CustomerId customerId, AgentId assignee) {
        Instant created = Instant.parse("2024-10-27T00:30:00.000001Z");
        Set<String> skills = new LinkedHashSet<>(List.of("billing", "sprache.de", "tier-2"));
        Case opened = supportCase(customerId)
                .subject("Rückerstattung für Bestellung #4711 fehlt 💸")
                .category("billing.refund")
                .type("incident")
                .priority(Priority.URGENT)
                .originChannel(Channel.WHATSAPP)
                .language(Locale.forLanguageTag("sr-Latn-RS"))
                .requiredSkills(skills)
                .assignee(assignee)
                .team(TeamId.of("Kundendienst-Zürich"))
                .createdAt(created)
                .updatedAt(created)
                .firstReplyAt(created.plusSeconds(95).plusNanos(123_000))
                .build();
        Case moved = opened.moveTo(CaseStatus.OPEN, created.plusSeconds(60))
                .moveTo(CaseStatus.RESOLVED, created.plus(Duration.ofHours(2)))
                .moveTo(CaseStatus.OPEN, created.plus(Duration.ofHours(26)))
                .moveTo(CaseStatus.PENDING_CUSTOMER, created.plus(Duration.ofHours(27)))
                .moveTo(CaseStatus.RESOLVED, created.plus(Duration.ofDays(3)).plusNanos(999_000))
                .moveTo(CaseStatus.CLOSED, created.plus(Duration.ofDays(10)));
        return moved.toBuilder();
    }

    /** Builds what {@link TestData#caseAtLimits} documents. */
    static Case.Builder caseAtLimits(CustomerId customerId) {
        Set<String> skills = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            skills.add(String.format(Locale.ROOT, "skill-%02d", i) + (i == 0 ? "x".repeat(56) : ""));
        }
        return supportCase(customerId)
                .subject(text(Limits.SUBJECT))
                .category("c".repeat(64))
                .type("t".repeat(64))
                .requiredSkills(skills)
                .team(TeamId.of("T".repeat(64)));
    }
}
