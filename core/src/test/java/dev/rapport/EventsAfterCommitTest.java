package dev.rapport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.cases.AssignCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.SetConsent;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Channel;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.event.CaseAssigned;
import dev.rapport.spi.event.CaseOpened;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.CustomerRegistered;
import dev.rapport.spi.event.CustomerUpdated;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.FeedbackReceived;
import dev.rapport.spi.event.InteractionRecorded;
import dev.rapport.testing.RecordingEventPublisher.Publication;
import dev.rapport.testing.TestRapport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Domain events")
class EventsAfterCommitTest {

    private final TestRapport t = new TestRapport();
    private final Rapport rapport = t.rapport();

    @Test
    @DisplayName("every operation publishes its events after its transaction, when its change is already visible")
    void publishedAfterCommit() {
        // given a publisher that reads the store as each event arrives
        List<String> notVisible = new ArrayList<>();
        t.events().onPublish(event -> {
            if (!visible(event)) {
                notVisible.add(event.type());
            }
        });

        // when every kind of operation runs
        Customer ann = rapport.customers().register(RegisterCustomer.builder().name("Ann")
                .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com")).build());
        rapport.customers().setConsent(new SetConsent(ann.id(), Channel.EMAIL, ConsentStatus.OPTED_IN));
        Case parcel = rapport.cases().open(OpenCase.builder().customerId(ann.id()).subject("Parcel")
                .originChannel(Channel.EMAIL).build());
        rapport.cases().assign(new AssignCase(parcel.id(), t.agent(null).id()));
        rapport.cases().resolve(parcel.id());
        rapport.interactions().record(RecordInteraction.builder().customerId(ann.id()).channel(Channel.EMAIL)
                .caseId(parcel.id()).build());
        rapport.feedback().record(RecordFeedback.csat(ann.id(), 5).caseId(parcel.id()).build());

        // then
        assertThat(t.events().publications()).isNotEmpty().noneMatch(Publication::duringTransaction);
        assertThat(notVisible).isEmpty();
        assertThat(t.events().events()).extracting(DomainEvent::type).containsExactly(
                "customer.registered", "customer.updated", "case.opened", "case.assigned", "case.status_changed", "interaction.recorded",
                "case.status_changed", "feedback.received");
    }

    @Test
    @DisplayName("an operation that rolls back publishes nothing")
    void nothingOnRollback() {
        // given
        Customer ann = t.customer();
        t.storage().failNext("customers.insert", 1, () -> new StorageException("connection lost"));
        t.storage().failNext("interactions.insert", 1, () -> new StorageException("connection lost"));

        // when
        assertThatThrownBy(() -> t.customer()).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> rapport.interactions().record(RecordInteraction.builder().customerId(ann.id())
                .channel(Channel.SMS).build())).isInstanceOf(StorageException.class);

        // then
        assertThat(t.events().events()).isEmpty();
        assertThat(t.snapshot().customers()).containsExactly(ann);
        assertThat(t.snapshot().interactions()).isEmpty();
    }

    @Test
    @DisplayName("a publisher that keeps failing does not undo the committed change")
    void failingPublisherDoesNotUndo() {
        // given
        t.events().onPublish(event -> {
            throw new IllegalStateException("broker down");
        });

        // when
        Customer ann = rapport.customers().register(RegisterCustomer.builder().name("Ann").build());

        // then
        assertThat(rapport.customers().find(ann.id())).contains(ann);
        assertThat(t.events().events(CustomerRegistered.class)).isNotEmpty();
    }

    private boolean visible(DomainEvent event) {
        var storage = t.storage().delegate();
        if (event instanceof CustomerRegistered e) {
            return storage.customers().findById(e.customerId()).isPresent();
        }
        if (event instanceof CustomerUpdated e) {
            return storage.customers().get(e.customerId()).consents().containsKey(Channel.EMAIL);
        }
        if (event instanceof CaseOpened e) {
            return storage.cases().findById(e.caseId()).isPresent();
        }
        if (event instanceof CaseAssigned e) {
            return storage.cases().get(e.caseId()).assignee().filter(e.assignee()::equals).isPresent();
        }
        if (event instanceof CaseStatusChanged e) {
            CaseStatus status = storage.cases().get(e.caseId()).status();
            return status == e.to() || storage.cases().get(e.caseId()).history().stream()
                    .anyMatch(move -> move.from() == e.from() && move.to() == e.to());
        }
        if (event instanceof InteractionRecorded e) {
            return storage.interactions().findById(e.interactionId()).isPresent();
        }
        if (event instanceof FeedbackReceived e) {
            return storage.feedback().findById(e.feedbackId()).isPresent();
        }
        return false;
    }
}
