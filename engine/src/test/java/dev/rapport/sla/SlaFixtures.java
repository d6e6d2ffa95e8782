package dev.rapport.sla;

import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test data for SLA tests: cases that move through their lifecycle and the messages on them. */
final class SlaFixtures {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private SlaFixtures() {
    }

    static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    static Case newCase(Instant createdAt, Priority priority, Channel channel) {
        return Case.builder().id(CaseId.random()).customerId(CustomerId.random()).subject("Parcel not delivered")
                .priority(priority).originChannel(channel).createdAt(createdAt).updatedAt(createdAt).build();
    }

    static Case newCase(Instant createdAt) {
        return newCase(createdAt, Priority.NORMAL, Channel.EMAIL);
    }

    static Case move(Case supportCase, CaseStatus to, Instant at) {
        return supportCase.moveTo(to, at);
    }

    static Interaction customerMessage(Case supportCase, Instant at) {
        return Interaction.builder().id(InteractionId.random()).customerId(supportCase.customerId())
                .caseId(supportCase.id()).channel(supportCase.originChannel()).direction(Direction.INBOUND)
                .occurredAt(at).recordedAt(at).build();
    }

    static Interaction reply(Case supportCase, Instant at, Handler handler) {
        return Interaction.builder().id(InteractionId.random()).customerId(supportCase.customerId())
                .caseId(supportCase.id()).channel(supportCase.originChannel()).direction(Direction.OUTBOUND)
                .handledBy(handler).agentId(handler == Handler.HUMAN ? AgentId.random() : null)
                .occurredAt(at).recordedAt(at).build();
    }

    static Interaction humanReply(Case supportCase, Instant at) {
        return reply(supportCase, at, Handler.HUMAN);
    }
}
