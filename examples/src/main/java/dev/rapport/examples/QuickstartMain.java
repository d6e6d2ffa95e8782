package dev.rapport.examples;

import dev.rapport.Rapport;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.outbox.OutboxRelay;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rapport in five minutes: customers known on several channels, an issue that comes in by email, is answered on
 * chat and by phone, waits on the customer, is resolved and rated. Prints what happens.
 *
 * <p>Run it from the root of the project: {@code mvn -B -q -pl examples -am test-compile exec:java}. It keeps its data in
 * an in-process H2 database through the JDBC adapter; see {@link ExampleDatabase} to point it at PostgreSQL.
 */
public final class QuickstartMain {

    private QuickstartMain() {
    }

    /**
     * Runs the walk-through.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> published = Collections.synchronizedList(new ArrayList<>());

        // 1. One entry point: storage is required, everything else has a documented default. Events are written to
        //    the database's outbox in the same transaction as the change; start() runs the relay that publishes
        //    them, and the other background workers (follow-up dispatcher, sweeps), until close().
        JdbcStorage storage = ExampleDatabase.open("quickstart");
        out.println("Storing in " + ExampleDatabase.describe("quickstart"));
        try (Rapport rapport = Rapport.builder()
                .storage(storage)
                .eventPublisher(event -> published.add(event.type()))
                .build()
                .start()) {
            walkThrough(rapport, out);
            rapport.outboxRelay().ifPresent(relay -> drain(relay, storage));
        }
        out.println("Events published: " + published.size() + " " + published.stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
    }

    /** Relays until the outbox is empty, so the summary counts every event. */
    private static void drain(OutboxRelay relay, JdbcStorage storage) {
        while (storage.outbox().orElseThrow().pendingCount() > 0) {
            if (relay.relayOnce().claimed() == 0) {
                Thread.onSpinWait(); // the background relay holds the rest; it will deliver them
            }
        }
    }

    private static void walkThrough(Rapport rapport, PrintStream out) {

        // 2. Customers, with every address they use. One person is one customer whatever the channel.
        Customer ann = rapport.customers().register(RegisterCustomer.builder()
                .name("Ann Lee")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann.lee@example.com"))
                .identity(ContactIdentity.primary(Channel.PHONE, "+44 7700 900123"))
                .preferredChannel(Channel.WHATSAPP)
                .timeZone(ZoneId.of("Europe/London"))
                .consent(Channel.EMAIL, ConsentStatus.OPTED_IN)
                .build());
        out.println("Registered " + ann.name() + " with " + ann.identities().size() + " addresses");
        Customer bob = rapport.customers().register(RegisterCustomer.builder()
                .name("Bob Stone")
                .identity(ContactIdentity.primary(Channel.WHATSAPP, "+49 151 2345 6789"))
                .locale(Locale.GERMAN)
                .build());
        out.println("Registered " + bob.name() + " with " + bob.identities().size() + " address");

        // 3. An agent (agents are kept by the storage port until an agent service exists).
        Agent maya = rapport.storage().agents().insert(Agent.builder()
                .id(AgentId.random()).name("Maya Patel").team(TeamId.of("support"))
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 10, Channel.CHAT, 3))
                // stored instants are whole microseconds (the value domain): truncate the clock's reading
                .createdAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS))
                .updatedAt(rapport.clock().instant().truncatedTo(ChronoUnit.MICROS))
                .build());
        out.println("Agent " + maya.name() + " joins team " + maya.team().orElseThrow());

        // 4. An email arrives: whoever sent it, in whatever formatting, is found.
        Customer sender = rapport.customers().resolve(Channel.EMAIL, "  ANN.Lee@Example.com ").orElseThrow();
        out.println("Email from ANN.Lee@Example.com resolved to " + sender.name());
        Case parcel = rapport.cases().open(OpenCase.builder()
                .customerId(sender.id()).subject("Parcel not delivered").category("delivery")
                .priority(Priority.HIGH).originChannel(Channel.EMAIL).build());
        out.println("Opened case '" + parcel.subject() + "' [" + parcel.status() + "]");
        RecordInteraction email = RecordInteraction.builder()
                .customerId(sender.id()).caseId(parcel.id()).channel(Channel.EMAIL)
                .kind(InteractionKind.QUESTION).summary("Where is my parcel? Order ORD-1001.")
                .orderRef("ORD-1001").externalId("mail-<a1b2c3@example.com>").build();
        Interaction first = rapport.interactions().record(email);
        out.println("Recorded inbound email");

        // 5. The case goes to an agent, who replies on chat: that is the case's first reply.
        parcel = rapport.cases().assign(new AssignCase(parcel.id(), maya.id()));
        out.println("Assigned to " + maya.name() + " (team " + parcel.team().orElseThrow() + ")");
        rapport.cases().startWork(parcel.id());
        rapport.interactions().record(RecordInteraction.builder()
                .customerId(ann.id()).caseId(parcel.id()).channel(Channel.CHAT).outbound().agentId(maya.id())
                .summary("Hi Ann, I am checking with the courier now.").build());
        parcel = rapport.cases().get(parcel.id());
        out.println("Agent replied on chat; first reply recorded: " + parcel.firstReplyAt().isPresent());

        // 6. The agent asks a question and waits; Ann answers on WhatsApp from the phone number she registered.
        parcel = rapport.cases().waitOnCustomer(parcel.id());
        out.println("Case status: " + parcel.status());
        Customer whatsappSender = rapport.customers().resolve(Channel.WHATSAPP, "0044 7700 900 123").orElseThrow();
        out.println("WhatsApp from 0044 7700 900 123 resolved to " + whatsappSender.name());
        rapport.interactions().record(RecordInteraction.builder()
                .customerId(whatsappSender.id()).caseId(parcel.id()).channel(Channel.WHATSAPP)
                .summary("Yes, the neighbour at number 12 can take it.").externalId("wamid.HBgMNDQ3NzAw").build());
        parcel = rapport.cases().get(parcel.id());
        out.println("Case status: " + parcel.status() + " (the customer answered)");

        // 7. The email provider retries its webhook: nothing is recorded twice.
        Interaction retried = rapport.interactions().record(email);
        out.println("Retried webhook returned the first interaction: " + retried.id().equals(first.id()));

        // 8. The agent calls to confirm and resolves the case.
        rapport.interactions().record(RecordInteraction.builder()
                .customerId(ann.id()).caseId(parcel.id()).channel(Channel.PHONE).outbound().agentId(maya.id())
                .kind(InteractionKind.CALL)
                .handleTime(new HandleTime(Duration.ofMinutes(4), Duration.ofSeconds(40), Duration.ofMinutes(2)))
                .summary("Courier confirmed delivery to the neighbour.").build());
        parcel = rapport.cases().resolve(parcel.id());
        out.println("Case status: " + parcel.status());

        // 9. Ann rates the service.
        Feedback csat = rapport.feedback().record(RecordFeedback.csat(ann.id(), 5)
                .caseId(parcel.id()).agentId(maya.id()).comment("Fast and friendly!").build());
        Feedback nps = rapport.feedback().record(RecordFeedback.nps(ann.id(), 9).build());
        out.println("CSAT " + csat.score() + "/" + csat.scale().max() + ", NPS " + nps.score() + "/"
                + nps.scale().max());

        // 10. The whole story stays with the case.
        out.println("The case holds " + rapport.interactions().findByCase(parcel.id()).size()
                + " interactions on " + rapport.interactions().findByCase(parcel.id()).stream()
                .map(i -> i.channel().code()).distinct().toList());
        out.println("Done: " + rapport.customers().count() + " customers");
    }
}
