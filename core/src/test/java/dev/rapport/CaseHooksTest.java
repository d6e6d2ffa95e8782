package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.MoveCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.complaint.AssessComplaint;
import dev.rapport.complaint.ComplaintCaseHook;
import dev.rapport.complaint.ComplaintPolicy;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.internal.CaseHooks;
import dev.rapport.spi.Channel;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.Complexity;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.SlaBreached;
import dev.rapport.spi.messaging.DeliveryReceipt;
import dev.rapport.test.SettableClock;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The case hooks")
class CaseHooksTest {

    private final SettableClock clock = SettableClock.at("2025-03-10T09:15:30Z");
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final List<DomainEvent> published = new ArrayList<>();
    private final Rapport rapport = Rapport.builder().storage(storage).clock(clock).eventPublisher(published::add)
            .messenger(message -> DeliveryReceipt.accepted(clock.instant()))
            .complaintPolicy(ComplaintPolicy.builder().caseHook(ComplaintCaseHook.openCases(storage.cases())).build())
            .build();
    private final Recording hooks = new Recording();
    private Customer ann;

    /** Records each call with the store as the hook saw it. */
    private final class Recording implements CaseHooks {
        final List<String> calls = new ArrayList<>();
        RuntimeException failWith;
        DomainEvent addEvent;

        @Override
        public void opened(Case opened, List<DomainEvent> events) {
            calls.add("opened " + opened.status() + " v" + opened.version());
            react(events);
        }

        @Override
        public void statusChanged(Case before, Case after, List<DomainEvent> events) {
            // inside the transaction: the change is stored, its events are not yet published
            calls.add(before.status() + "->" + after.status() + " stored="
                    + storage.cases().get(after.id()).status() + " published="
                    + events.stream().anyMatch(published::contains));
            react(events);
        }

        @Override
        public void committed() {
            calls.add("committed");
        }

        private void react(List<DomainEvent> events) {
            if (failWith != null) {
                throw failWith;
            }
            if (addEvent != null) {
                events.add(addEvent);
            }
        }
    }

    @BeforeEach
    void register() {
        rapport.runtime().addCaseHooks(hooks);
        ann = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
    }

    private Case open() {
        return rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel")
                .originChannel(Channel.EMAIL).build());
    }

    @Test
    @DisplayName("run when a case is opened, inside its transaction, and once more after the commit")
    void opened() {
        // when
        open();

        // then
        assertThat(hooks.calls).containsExactly("opened NEW v1", "committed");
    }

    @Test
    @DisplayName("run on every status change through the case service, with the case before and after")
    void everyStatusChange() {
        // given
        Case parcel = open();
        hooks.calls.clear();

        // when
        rapport.cases().startWork(parcel.id());
        rapport.cases().waitOnCustomer(parcel.id());
        rapport.cases().hold(parcel.id());
        rapport.cases().move(new MoveCase(parcel.id(), CaseStatus.OPEN));
        rapport.cases().resolve(parcel.id());
        rapport.cases().reopen(parcel.id());
        rapport.cases().resolve(parcel.id());
        rapport.cases().close(parcel.id());

        // then
        assertThat(hooks.calls).containsExactly(
                "NEW->OPEN stored=OPEN published=false", "committed",
                "OPEN->PENDING_CUSTOMER stored=PENDING_CUSTOMER published=false", "committed",
                "PENDING_CUSTOMER->ON_HOLD stored=ON_HOLD published=false", "committed",
                "ON_HOLD->OPEN stored=OPEN published=false", "committed",
                "OPEN->RESOLVED stored=RESOLVED published=false", "committed",
                "RESOLVED->OPEN stored=OPEN published=false", "committed",
                "OPEN->RESOLVED stored=RESOLVED published=false", "committed",
                "RESOLVED->CLOSED stored=CLOSED published=false", "committed");
    }

    @Test
    @DisplayName("not run by a change that leaves the status alone, such as an assignment")
    void notOnOtherChanges() {
        // given
        Case parcel = open();
        Agent maya = storage.agents().insert(Agent.builder().id(AgentId.random()).name("Maya")
                .presence(Presence.AVAILABLE).capacity(Map.of(Channel.EMAIL, 5)).createdAt(clock.instant())
                .updatedAt(clock.instant()).build());
        hooks.calls.clear();

        // when
        rapport.cases().assign(new AssignCase(parcel.id(), maya.id()));

        // then
        assertThat(hooks.calls).isEmpty();
    }

    @Test
    @DisplayName("run when the customer's message moves a waiting case back to open, or reopens a resolved one")
    void customerMessages() {
        // given
        Case parcel = open();
        rapport.cases().waitOnCustomer(parcel.id());
        hooks.calls.clear();
        RecordInteraction reply = RecordInteraction.builder().customerId(ann.id()).caseId(parcel.id())
                .channel(Channel.EMAIL).summary("Still nothing").build();

        // when
        rapport.interactions().record(reply);
        rapport.cases().resolve(parcel.id());
        rapport.interactions().record(reply);

        // then
        assertThat(hooks.calls).containsExactly(
                "PENDING_CUSTOMER->OPEN stored=OPEN published=false", "committed",
                "OPEN->RESOLVED stored=RESOLVED published=false", "committed",
                "RESOLVED->OPEN stored=OPEN published=false", "committed");
    }

    @Test
    @DisplayName("run when a complaint's assessment opens its case")
    void complaintOpensACase() {
        // given
        Complaint complaint = rapport.complaints().receive(ReceiveComplaint.builder().customerId(ann.id())
                .channel(Channel.EMAIL).description("The kettle leaks").severity(Severity.HIGH).actor("agent:ann")
                .build());
        hooks.calls.clear();

        // when
        Complaint assessed = rapport.complaints().assess(new AssessComplaint(complaint.id(), Severity.HIGH,
                Complexity.SIMPLE, Optional.empty(), "agent:ann"));

        // then
        assertThat(assessed.caseId()).isPresent();
        assertThat(hooks.calls).containsExactly("opened NEW v1", "committed");
    }

    @Test
    @DisplayName("a hook that fails rolls the change back, and nothing is published")
    void failureRollsBack() {
        // given
        Case parcel = open();
        published.clear();
        hooks.calls.clear();
        hooks.failWith = new IllegalStateException("no capacity table");

        // when / then
        assertThatThrownBy(() -> rapport.cases().resolve(parcel.id())).isInstanceOf(IllegalStateException.class);
        assertThat(storage.cases().get(parcel.id()).status()).isEqualTo(CaseStatus.NEW);
        assertThat(published).isEmpty();
        assertThat(hooks.calls).doesNotContain("committed").isNotEmpty();
    }

    @Test
    @DisplayName("events a hook adds are published after the commit, after the change's own")
    void hookEvents() {
        // given
        Case parcel = open();
        published.clear();
        Instant now = clock.instant();
        hooks.addEvent = new SlaBreached(UUID.randomUUID(), now, parcel.id(),
                dev.rapport.spi.cases.SlaTarget.FIRST_RESOLUTION, now);

        // when
        rapport.cases().resolve(parcel.id());

        // then
        assertThat(published).extracting(DomainEvent::type).containsExactly("case.status_changed", "sla.breached");
    }
}
