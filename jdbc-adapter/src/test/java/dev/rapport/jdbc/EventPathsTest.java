package dev.rapport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.SetConsent;
import dev.rapport.followup.FollowUpRule;
import dev.rapport.followup.Occasion;
import dev.rapport.followup.ScheduleFollowUp;
import dev.rapport.followup.SendWindow;
import dev.rapport.followup.Trigger;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Event paths through the facade on JDBC")
class EventPathsTest {

    private final Clock clock = Clock.systemUTC();
    private final List<Rapport> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Rapport::close);
    }

    private static JdbcStorage h2() {
        return JdbcStorage.builder().dataSource(TestDatabases.h2Memory()).tablePrefix(TestDatabases.freshPrefix())
                .build();
    }

    /** A check-in once a thank-you went out: a rule on the dispatcher's own event. */
    private static FollowUpRule checkInAfterThankYou(RapportStorage storage) {
        return FollowUpRule.builder("check-in-after-thank-you", FollowUpKind.CHECK_IN,
                Trigger.on(FollowUpSent.class, e -> storage.followUps().findById(e.followUpId())
                        .filter(f -> FollowUpKind.THANK_YOU.equals(f.kind()))
                        .map(f -> Occasion.forCustomer(f.customerId(), "after:" + f.id(), e.occurredAt()))))
                .build();
    }

    /** Runs a day of work: a customer, a case routed to an agent, a thank-you scheduled and sent. */
    private List<String> aDayOfWork(RapportStorage storage, boolean useOutbox, List<DomainEvent> published) {
        Rapport rapport = Rapport.builder().storage(storage).clock(clock).useOutbox(useOutbox)
                .eventPublisher(published::add).sendWindow(SendWindow.anyTime())
                .messenger(message -> DeliveryReceipt.accepted(clock.instant()))
                .followUpRules(List.of(checkInAfterThankYou(storage))).build();
        opened.add(rapport);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        storage.agents().insert(Agent.builder().id(AgentId.random()).name("Maya").presence(Presence.AVAILABLE)
                .capacity(Map.of(Channel.EMAIL, 5)).createdAt(now).updatedAt(now).build());
        Customer ann = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
        rapport.customers().setConsent(new SetConsent(ann.id(), Channel.EMAIL, ConsentStatus.OPTED_IN));
        Case parcel = rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel")
                .originChannel(Channel.EMAIL).build());
        rapport.routing().submit(RoutingRequest.forCase(parcel).build());
        rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                .dueAt(clock.instant().minus(Duration.ofMinutes(1))).channel(Channel.EMAIL).build());
        rapport.followUpDispatcher().dispatchDue();
        rapport.outboxRelay().ifPresent(relay -> {
            while (relay.relayOnce().delivered() > 0) {
                // drain: rules fire as the relay publishes, and what they raise is queued in turn
            }
        });
        return published.stream().map(DomainEvent::type).sorted().toList();
    }

    private static long checkIns(RapportStorage storage) {
        return storage.followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), PageRequest.first(100)).items()
                .stream().filter(f -> FollowUpKind.CHECK_IN.equals(f.kind())).count();
    }

    @Test
    @DisplayName("with useOutbox(false), routing, follow-up and dispatcher events reach the publisher directly and the"
            + " outbox stays empty")
    void useOutboxOff() {
        // given
        JdbcStorage storage = h2();
        List<DomainEvent> published = new CopyOnWriteArrayList<>();

        // when
        List<String> types = aDayOfWork(storage, false, published);

        // then
        assertThat(storage.outbox().orElseThrow().pendingCount()).isZero();
        assertThat(types).contains("customer.registered", "case.opened", "case.assigned", "followup.scheduled",
                "followup.sent");
        assertThat(checkIns(storage)).isEqualTo(1);
    }

    @Test
    @DisplayName("the same events reach the publisher and the follow-up rules through the outbox, and on the in-memory"
            + " store")
    void samePathEverywhere() {
        // given
        JdbcStorage viaOutbox = h2();
        JdbcStorage direct = h2();
        InMemoryStorage memory = new InMemoryStorage(clock);

        // when
        List<String> throughOutbox = aDayOfWork(viaOutbox, true, new CopyOnWriteArrayList<>());
        List<String> published = aDayOfWork(direct, false, new CopyOnWriteArrayList<>());
        List<String> inMemory = aDayOfWork(memory, true, new CopyOnWriteArrayList<>());

        // then
        assertThat(throughOutbox).isEqualTo(published).isEqualTo(inMemory);
        assertThat(viaOutbox.outbox().orElseThrow().pendingCount()).isZero();
        assertThat(checkIns(viaOutbox)).isEqualTo(1);
        assertThat(checkIns(direct)).isEqualTo(1);
        assertThat(checkIns(memory)).isEqualTo(1);
    }

    @Test
    @DisplayName("an erasure through rapport.privacy() appends its events to the outbox in its transaction, like every"
            + " other service")
    void privacyTakesTheEnginePath() {
        // given a customer with a pending follow-up, on JDBC with the outbox in use
        JdbcStorage storage = h2();
        List<DomainEvent> published = new CopyOnWriteArrayList<>();
        Rapport rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(published::add).build();
        opened.add(rapport);
        Customer ann = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
        rapport.followUps().schedule(ScheduleFollowUp.builder().customerId(ann.id()).kind(FollowUpKind.THANK_YOU)
                .dueAt(clock.instant().plus(Duration.ofDays(1))).channel(Channel.EMAIL).build());
        long before = storage.outbox().orElseThrow().pendingCount();

        // when
        rapport.privacy().erase(ann.id(), "customer-request");
        long after = storage.outbox().orElseThrow().pendingCount();
        while (rapport.outboxRelay().orElseThrow().relayOnce().delivered() > 0) {
            // drain: one event per aggregate per round
        }

        // then the erasure's events waited in the outbox, untouched by the publisher until the relay ran
        assertThat(after).isGreaterThan(before);
        assertThat(published).extracting(DomainEvent::type).contains("followup.cancelled", "customer.updated");
    }
}
