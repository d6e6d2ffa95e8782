package dev.rapport.tck;

import static dev.rapport.tck.TestData.key;
import static dev.rapport.tck.TestData.multilineText;
import static dev.rapport.tck.TestData.now;

import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link TestData} builders of follow-ups; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class FollowUpTestData {

    private FollowUpTestData() {
    }

    // ------------------------------------------------------------------------------------------------- follow-ups

    /** Builds what {@link TestData#followUp} documents. */
    static FollowUp.Builder followUp(CustomerId customerId) {
        Instant now = now();
        return FollowUp.builder()
                .id(FollowUpId.random())
                .customerId(customerId)
                .kind(FollowUpKind.THANK_YOU)
                .channel(Channel.EMAIL)
                .dueAt(now.plus(Duration.ofDays(1)))
                .idempotencyKey(key("thank-you", 48))
                .values(Map.of("first_name", "Ada"))
                .createdAt(now)
                .updatedAt(now);
    }

    /** Builds what {@link TestData#followUpWithEveryField} documents. */
    static FollowUp.Builder followUpWithEveryField(CustomerId customerId, CaseId caseId) {
        Instant created = Instant.parse("2024-02-29T12:00:00.000001Z");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("first_name", "Zoë");
        values.put("voucher", "WOW-10 🎁");
        values.put("agent.name", "Kenji 佐藤");
        values.put("signature", "Mit freundlichen Grüßen\nIhr Team");
        return followUp(customerId)
                .caseId(caseId)
                .kind(FollowUpKind.CALL_BACK)
                .channel(Channel.PHONE)
                .dueAt(created.plus(Duration.ofMinutes(30)))
                .expiresAt(created.plus(Duration.ofDays(2)))
                .status(FollowUpStatus.CLAIMED)
                .attempts(2)
                .leaseOwner("dispatcher@node-7 🖥")
                .leaseUntil(created.plus(Duration.ofMinutes(35)).plusNanos(250_000))
                .lastError("SMTP 451 4.7.1 Try again later\n— Gateway überlastet")
                .cancelReason("Kunde hat selbst angerufen ☎")
                .values(values)
                .createdAt(created)
                .updatedAt(created.plusSeconds(1));
    }

    /** Builds what {@link TestData#followUpAtLimits} documents. */
    static FollowUp.Builder followUpAtLimits(CustomerId customerId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; values.size() < Limits.ATTRIBUTES; i++) {
            values.put(String.format(Locale.ROOT, "value_%03d", i), multilineText(Limits.ATTRIBUTE_VALUE));
        }
        return followUp(customerId)
                .kind(FollowUpKind.of("k".repeat(64)))
                .idempotencyKey(key("idem", Limits.KEY))
                .leaseOwner(key("owner", Limits.KEY))
                .lastError(multilineText(Limits.TEXT))
                .cancelReason(multilineText(Limits.TEXT))
                .values(values);
    }
}
