package dev.rapport.followup;

import dev.rapport.test.SettableClock;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Test data in an in-memory store: customers, agents, cases, the events about them, and a recording publisher. */
final class FollowUpFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    final SettableClock clock;
    final InMemoryStorage storage;
    final RecordingPublisher events = new RecordingPublisher();

    FollowUpFixtures(SettableClock clock) {
        this.clock = clock;
        this.storage = new InMemoryStorage(clock);
    }

    FollowUpFixtures(String now) {
        this(SettableClock.at(now));
    }

    /** A customer in Berlin reachable by email (preferred), SMS and phone, after the given changes. */
    Customer customer(UnaryOperator<Customer.Builder> changes) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Customer.Builder builder = Customer.builder().id(CustomerId.random()).name("Ada Lovelace " + tag)
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "ada." + tag + "@example.com"),
                        ContactIdentity.primary(Channel.SMS, "+4917" + Math.abs(tag.hashCode() % 100_000_000L)),
                        ContactIdentity.primary(Channel.PHONE, "+4930" + Math.abs(tag.hashCode() % 100_000_000L))))
                .preferredChannel(Channel.EMAIL).locale(Locale.GERMANY).timeZone(BERLIN)
                .createdAt(clock.instant()).updatedAt(clock.instant());
        return storage.customers().insert(changes.apply(builder).build());
    }

    Customer customer() {
        return customer(b -> b);
    }

    Customer update(Customer customer, UnaryOperator<Customer.Builder> changes) {
        return storage.customers().update(changes.apply(customer.toBuilder()).updatedAt(clock.instant()).build());
    }

    Agent agent(String name) {
        return storage.agents().insert(Agent.builder().id(AgentId.random()).name(name).presence(Presence.AVAILABLE)
                .createdAt(clock.instant()).updatedAt(clock.instant()).build());
    }

    Case openCase(Customer customer, UnaryOperator<Case.Builder> changes) {
        Case c = Case.builder().id(CaseId.random()).customerId(customer.id()).subject("Parcel arrived damaged")
                .originChannel(Channel.EMAIL).status(CaseStatus.OPEN).createdAt(clock.instant())
                .updatedAt(clock.instant()).build();
        return storage.cases().insert(changes.apply(c.toBuilder()).build());
    }

    /** Moves a stored case and returns the event that says so. */
    CaseStatusChanged move(Case supportCase, CaseStatus to) {
        Case current = storage.cases().get(supportCase.id());
        storage.cases().update(current.moveTo(to, clock.instant()));
        return new CaseStatusChanged(UUID.randomUUID(), clock.instant(), current.id(), current.status(), to);
    }

    InteractionRecorded interaction(Customer customer, InteractionKind kind, Direction direction, CaseId caseId,
            Channel channel) {
        return new InteractionRecorded(UUID.randomUUID(), clock.instant(), InteractionId.random(), customer.id(),
                Optional.ofNullable(caseId), channel, kind, direction);
    }

    InteractionRecorded purchase(Customer customer) {
        return interaction(customer, InteractionKind.PURCHASE, Direction.INBOUND, null, Channel.WEB_FORM);
    }

    InteractionRecorded missedCall(Customer customer) {
        return interaction(customer, InteractionKind.MISSED_CALL, Direction.INBOUND, null, Channel.PHONE);
    }

    InteractionRecorded message(Customer customer, CaseId caseId) {
        return interaction(customer, InteractionKind.MESSAGE, Direction.INBOUND, caseId, Channel.EMAIL);
    }

    /** A follow-up due now, stored directly, on the customer's email. */
    FollowUp dueFollowUp(Customer customer, UnaryOperator<FollowUp.Builder> changes) {
        FollowUpId id = FollowUpId.random();
        FollowUp f = FollowUp.builder().id(id).customerId(customer.id()).kind(FollowUpKind.THANK_YOU)
                .channel(Channel.EMAIL).dueAt(clock.instant()).idempotencyKey("test/" + id)
                .createdAt(clock.instant()).updatedAt(clock.instant()).build();
        return storage.followUps().insert(changes.apply(f.toBuilder()).build());
    }

    FollowUp dueFollowUp(Customer customer) {
        return dueFollowUp(customer, b -> b);
    }

    FollowUp stored(FollowUpId id) {
        return storage.followUps().get(id);
    }

    FollowUpScheduler.Builder scheduler() {
        return FollowUpScheduler.builder(storage).clock(clock).eventPublisher(events);
    }

    FollowUpDispatcher.Builder dispatcher(dev.rapport.spi.messaging.CustomerMessenger messenger) {
        return FollowUpDispatcher.builder(storage, messenger).clock(clock).eventPublisher(events)
                .sendWindow(SendWindow.anyTime()).jitter(0);
    }

    /** Keeps every published event, in order; thread-safe. */
    static final class RecordingPublisher implements EventPublisher {
        final List<DomainEvent> published = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(DomainEvent event) {
            published.add(event);
        }

        <E extends DomainEvent> List<E> ofType(Class<E> type) {
            return List.copyOf(published).stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static Map<String, String> values(String... keysAndValues) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Instant instant(String text) {
        return Instant.parse(text);
    }
}
