package dev.rapport.tck;

import static dev.rapport.tck.TestData.key;
import static dev.rapport.tck.TestData.multilineText;
import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.unique;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@link TestData} builders of interactions; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class InteractionTestData {

    private InteractionTestData() {
    }

    // ----------------------------------------------------------------------------------------------- interactions

    /** Builds what {@link TestData#interaction} documents. */
    static Interaction.Builder interaction(CustomerId customerId) {
        Instant now = now();
        return Interaction.builder()
                .id(InteractionId.random())
                .customerId(customerId)
                .channel(Channel.EMAIL)
                .direction(Direction.INBOUND)
                .kind(InteractionKind.QUESTION)
                .summary("Where is my order?")
                .occurredAt(now)
                .recordedAt(now);
    }

    /** Builds what {@link TestData#interactionWithEveryField} documents. */
    static Interaction.Builder interactionWithEveryField(CustomerId customerId, CaseId caseId,
            AgentId agentId) {
        Instant occurred = Instant.parse("2024-03-31T00:59:59.999999Z");
        return interaction(customerId)
                .channel(Channel.PHONE)
                .direction(Direction.OUTBOUND)
                .kind(InteractionKind.CALL)
                .handledBy(Handler.HUMAN)
                .visibility(Visibility.PUBLIC)
                .agentId(agentId)
                .caseId(caseId)
                .handleTime(new HandleTime(Duration.parse("PT4M12.345678S"), Duration.ofSeconds(45),
                        Duration.parse("PT1M0.000001S")))
                .summary("Called back about the damaged parcel 📦.\nOffered a replacement — Kunde zufrieden 👍.")
                .externalId(key("call", 40))
                .orderRef("ORD-2024-Ü" + unique())
                .amount(Money.of("-19.9900", "GBP"))
                .reason("delivery.damaged")
                .occurredAt(occurred)
                .recordedAt(occurred.plusMillis(1500));
    }

    /** Builds what {@link TestData#interactionAtLimits} documents. */
    static Interaction.Builder interactionAtLimits(CustomerId customerId) {
        return interaction(customerId)
                .kind(InteractionKind.PURCHASE)
                .summary(multilineText(Limits.TEXT))
                .externalId(key("msg", Limits.KEY))
                .orderRef(key("order", Limits.KEY))
                .amount(Money.of("-999999999999999.9999", "KWD"))
                .reason("r".repeat(64));
    }
}
