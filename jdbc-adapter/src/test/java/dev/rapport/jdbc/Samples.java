package dev.rapport.jdbc;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test data with every field set, times to the microsecond. */
final class Samples {

    static final Instant T0 = Instant.parse("2024-03-10T09:15:30.123456Z");

    private Samples() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** Phone numbers unique within a test run, so two sample customers never claim the same one. */
    private static final java.util.concurrent.atomic.AtomicInteger PHONES = new java.util.concurrent.atomic.AtomicInteger();

    static Customer customer(String name) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
        consents.put(Channel.EMAIL, ConsentStatus.OPTED_IN);
        consents.put(Channel.SMS, ConsentStatus.OPTED_OUT);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("tier", "gold");
        attributes.put("note", "line one\nline two\t\"quoted\" \\ back");
        return Customer.builder()
                .id(CustomerId.random())
                .name(name)
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "Ann." + tag + "@Example.com"),
                        new ContactIdentity(Channel.PHONE, "+44 20 " + (10_000_000 + PHONES.getAndIncrement()), false, true)))
                .preferredChannel(Channel.EMAIL)
                .locale(Locale.forLanguageTag("de-CH"))
                .timeZone(ZoneId.of("Europe/Zurich"))
                .birthday(LocalDate.of(1980, 2, 29))
                .segment("gold")
                .consents(consents)
                .status(CustomerStatus.ACTIVE)
                .acquisitionCost(Money.of("12.3456", "CHF"))
                .attributes(attributes)
                .createdAt(at(0))
                .updatedAt(at(5))
                .build();
    }

    /** {@code count} interactions of a customer a second apart, external ids {@code <tag>-0}, {@code <tag>-1}, ... */
    static List<Interaction> feed(CustomerId customer, int count, String tag) {
        List<Interaction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(interaction(customer, null, at(i), tag + "-" + i));
        }
        return out;
    }

    static Interaction interaction(CustomerId customer, CaseId caseId, Instant occurredAt, String externalId) {
        return Interaction.builder()
                .id(InteractionId.random())
                .customerId(customer)
                .channel(Channel.CHAT)
                .direction(Direction.OUTBOUND)
                .occurredAt(occurredAt)
                .agentId(AgentId.random())
                .caseId(caseId)
                .kind(InteractionKind.PURCHASE)
                .handledBy(Handler.HUMAN)
                .visibility(Visibility.PUBLIC)
                .handleTime(new HandleTime(Duration.ofSeconds(95, 123_456_789), Duration.ofSeconds(7), Duration.ZERO))
                .summary("Bought the blue one")
                .externalId(externalId)
                .orderRef("ORD-1")
                .amount(Money.of("19.9900", "EUR"))
                .reason("order.question")
                .recordedAt(occurredAt.plusMillis(3))
                .build();
    }

    static Case supportCase(CustomerId customer, Instant createdAt) {
        Set<String> skills = new LinkedHashSet<>(List.of("billing", "german"));
        Case opened = Case.builder()
                .id(CaseId.random())
                .customerId(customer)
                .subject("Invoice is wrong")
                .category("billing")
                .type("incident")
                .priority(Priority.HIGH)
                .originChannel(Channel.EMAIL)
                .language(Locale.GERMAN)
                .requiredSkills(skills)
                .assignee(AgentId.random())
                .team(TeamId.of("tier-2"))
                .createdAt(createdAt)
                .updatedAt(createdAt)
                .build();
        return opened.moveTo(CaseStatus.OPEN, createdAt.plusSeconds(60)).toBuilder()
                .firstReplyAt(createdAt.plusSeconds(120)).build();
    }

    static Feedback feedback(CustomerId customer, CaseId caseId, Instant receivedAt) {
        return Feedback.builder()
                .id(FeedbackId.random())
                .customerId(customer)
                .metric(FeedbackMetric.CES)
                .scale(Scale.CES_EFFORT_1_TO_5)
                .score(2)
                .comment("Quick, thanks 👍")
                .receivedAt(receivedAt)
                .caseId(caseId)
                .interactionId(InteractionId.random())
                .orderRef("ORD-7")
                .agentId(AgentId.random())
                .channel(Channel.WEB_FORM)
                .build();
    }

    static FollowUp followUp(CustomerId customer, Instant dueAt) {
        return FollowUp.builder()
                .id(FollowUpId.random())
                .customerId(customer)
                .caseId(CaseId.random())
                .kind(FollowUpKind.SURVEY)
                .channel(Channel.EMAIL)
                .dueAt(dueAt)
                .expiresAt(dueAt.plus(Duration.ofDays(3)))
                .idempotencyKey("survey:" + UUID.randomUUID())
                .values(Map.of("caseSubject", "Invoice"))
                .createdAt(at(0))
                .updatedAt(at(0))
                .build();
    }

    static Agent agent(String name) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        skills.put("billing", 7);
        skills.put("german", 10);
        Map<Channel, Integer> capacity = new LinkedHashMap<>();
        capacity.put(Channel.CHAT, 3);
        capacity.put(Channel.EMAIL, 10);
        return Agent.builder()
                .id(AgentId.random())
                .name(name)
                .skills(skills)
                .languages(new LinkedHashSet<>(List.of(Locale.GERMAN, Locale.forLanguageTag("fr-CH"))))
                .capacity(capacity)
                .presence(Presence.AVAILABLE)
                .load(Map.of(Channel.CHAT, 1))
                .lastAssignedAt(Map.of(Channel.CHAT, at(30)))
                .team(TeamId.of("tier-2"))
                .createdAt(at(0))
                .updatedAt(at(1))
                .build();
    }
}
