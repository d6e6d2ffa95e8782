package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redaction for erasure: the free text of interactions, feedback and complaint audit trails is replaced, every
 * other field stays exactly as stored, other customers are untouched, a second call changes nothing, and a
 * rollback restores the text.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "RedactionContract"; not meant to be run on its own.
 */
public abstract class RedactionContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected RedactionContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    private static final String PLACEHOLDER = "[erased]";

    private Interaction interactionSaying(CustomerId customerId, String summary) {
        return interactions().insert(TestData.interaction(customerId).summary(summary)
                .externalId(TestData.key("msg", 20)).build());
    }

    private Feedback feedbackSaying(CustomerId customerId, String comment) {
        return feedback().insert(TestData.feedback(customerId).comment(comment).build());
    }

    @Test
    @DisplayName("redacting a customer's interactions replaces each summary with the placeholder and keeps every other field")
    void interactionRedactionReplacesOnlyTheSummary() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case supportCase = storedCase(customer.id());
        Interaction full = interactions().insert(TestData.interactionWithEveryField(customer.id(),
                supportCase.id(), agent.id()).build());
        Interaction plain = interactionSaying(customer.id(), "Ann Lee, ann@example.com, +44 20 7946 0958");
        Interaction silent = interactions().insert(TestData.interaction(customer.id()).summary(null).build());

        // when
        int changed = interactions().redactForCustomer(customer.id(), PLACEHOLDER);

        // then
        assertThat(changed).isEqualTo(2);
        assertThat(interactions().get(full.id())).isEqualTo(full.toBuilder().summary(PLACEHOLDER).build());
        assertThat(interactions().get(plain.id())).isEqualTo(plain.toBuilder().summary(PLACEHOLDER).build());
        assertThat(interactions().get(silent.id())).isEqualTo(silent);
        assertThat(interactions().findByExternalId(full.externalId().orElseThrow()))
                .contains(full.toBuilder().summary(PLACEHOLDER).build());
        assertThat(interactions().findByCase(supportCase.id())).extracting(Interaction::summary)
                .containsExactly(Optional.of(PLACEHOLDER));
        assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first()).items())
                .hasSize(3).allSatisfy(i -> assertThat(i.summary()).isIn(Optional.of(PLACEHOLDER),
                        Optional.empty()));
    }

    @Test
    @DisplayName("redacting a customer's interactions leaves another customer's interactions untouched")
    void interactionRedactionLeavesOtherCustomersAlone() {
        // given
        Customer erased = storedCustomer();
        Customer other = storedCustomer();
        interactionSaying(erased.id(), "mine");
        Interaction theirs = interactionSaying(other.id(), "theirs");

        // when
        interactions().redactForCustomer(erased.id(), PLACEHOLDER);

        // then
        assertThat(interactions().get(theirs.id())).isEqualTo(theirs);
        assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first()).items())
                .filteredOn(i -> i.customerId().equals(other.id())).containsExactly(theirs);
    }

    @Test
    @DisplayName("redacting a customer's interactions a second time changes nothing and reports none changed")
    void interactionRedactionIsIdempotent() {
        // given
        Customer customer = storedCustomer();
        Interaction interaction = interactionSaying(customer.id(), "personal text");
        interactions().redactForCustomer(customer.id(), PLACEHOLDER);
        Interaction once = interactions().get(interaction.id());

        // when
        int changed = interactions().redactForCustomer(customer.id(), PLACEHOLDER);

        // then
        assertThat(once.summary()).contains(PLACEHOLDER);
        assertThat(changed).isZero();
        assertThat(interactions().get(interaction.id())).isEqualTo(once);
        assertThat(interactions().redactForCustomer(storedCustomer().id(), PLACEHOLDER)).isZero();
    }

    @Test
    @DisplayName("redacting one interaction replaces or removes its summary, reports whether it changed, and names an unknown id")
    void singleInteractionRedaction() {
        // given
        Customer customer = storedCustomer();
        Interaction kept = interactionSaying(customer.id(), "Call Ann Lee back");
        Interaction removed = interactionSaying(customer.id(), "Ann Lee again");
        InteractionId unknown = InteractionId.random();

        // when
        boolean keptChanged = interactions().redact(kept.id(), Optional.of("Call [erased] back"));
        boolean removedChanged = interactions().redact(removed.id(), Optional.empty());
        boolean again = interactions().redact(kept.id(), Optional.of("Call [erased] back"));

        // then
        assertThat(keptChanged).isTrue();
        assertThat(removedChanged).isTrue();
        assertThat(again).isFalse();
        assertThat(interactions().get(kept.id())).isEqualTo(kept.toBuilder().summary("Call [erased] back").build());
        assertThat(interactions().get(removed.id())).isEqualTo(removed.toBuilder().summary(null).build());
        assertThat(catchThrowableOfType(InteractionNotFoundException.class,
                () -> interactions().redact(unknown, Optional.empty())).interactionId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("redacting a customer's feedback replaces each comment with the placeholder and keeps every score and link")
    void feedbackRedactionReplacesOnlyTheComment() {
        // given
        Customer customer = storedCustomer();
        Agent agent = storedAgent();
        Case supportCase = storedCase(customer.id());
        Interaction interaction = storedInteraction(customer.id());
        Feedback full = feedback().insert(TestData.feedbackWithEveryField(customer.id(), supportCase.id(),
                interaction.id(), agent.id()).build());
        Feedback plain = feedbackSaying(customer.id(), "Ann Lee, write to ann@example.com");
        Feedback silent = feedbackSaying(customer.id(), null);

        // when
        int changed = feedback().redactForCustomer(customer.id(), PLACEHOLDER);

        // then
        assertThat(changed).isEqualTo(2);
        assertThat(feedback().get(full.id())).isEqualTo(full.toBuilder().comment(PLACEHOLDER).build());
        assertThat(feedback().get(plain.id())).isEqualTo(plain.toBuilder().comment(PLACEHOLDER).build());
        assertThat(feedback().get(silent.id())).isEqualTo(silent);
        assertThat(feedback().findByCase(supportCase.id())).extracting(Feedback::score)
                .containsExactly(full.score());
    }

    @Test
    @DisplayName("redacting a customer's feedback leaves another customer's responses untouched and a second call changes nothing")
    void feedbackRedactionLeavesOthersAloneAndIsIdempotent() {
        // given
        Customer erased = storedCustomer();
        Customer other = storedCustomer();
        Feedback mine = feedbackSaying(erased.id(), "mine");
        Feedback theirs = feedbackSaying(other.id(), "theirs");
        feedback().redactForCustomer(erased.id(), PLACEHOLDER);

        // when
        int again = feedback().redactForCustomer(erased.id(), PLACEHOLDER);

        // then
        assertThat(again).isZero();
        assertThat(feedback().get(mine.id())).isEqualTo(mine.toBuilder().comment(PLACEHOLDER).build());
        assertThat(feedback().get(theirs.id())).isEqualTo(theirs);
    }

    @Test
    @DisplayName("redacting one response replaces or removes its comment, reports whether it changed, and names an unknown id")
    void singleFeedbackRedaction() {
        // given
        Customer customer = storedCustomer();
        Feedback kept = feedbackSaying(customer.id(), "Ann Lee is unhappy");
        Feedback removed = feedbackSaying(customer.id(), "Ann Lee again");
        FeedbackId unknown = FeedbackId.random();

        // when
        boolean keptChanged = feedback().redact(kept.id(), Optional.of("[erased] is unhappy"));
        boolean removedChanged = feedback().redact(removed.id(), Optional.empty());
        boolean again = feedback().redact(removed.id(), Optional.empty());

        // then
        assertThat(keptChanged).isTrue();
        assertThat(removedChanged).isTrue();
        assertThat(again).isFalse();
        assertThat(feedback().get(kept.id())).isEqualTo(kept.toBuilder().comment("[erased] is unhappy").build());
        assertThat(feedback().get(removed.id())).isEqualTo(removed.toBuilder().comment(null).build());
        assertThat(catchThrowableOfType(FeedbackNotFoundException.class,
                () -> feedback().redact(unknown, Optional.empty())).feedbackId()).isEqualTo(unknown);
    }

    @Test
    @DisplayName("redacting audit details replaces only the named entries' details and keeps the complaint, its version and the rest of the trail")
    void auditRedactionReplacesOnlyNamedDetails() {
        // given
        Customer customer = storedCustomer();
        Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
        AuditEntry first = TestData.auditEntry();
        AuditEntry note = TestData.auditEntryWithEveryField();
        AuditEntry last = AuditEntry.of(TestData.now(), "agent:7", AuditAction.NOTE, "Ann Lee called again");
        List.of(first, note, last).forEach(e -> complaints().appendAudit(complaint.id(), e));

        // when
        int changed = complaints().redactAuditDetails(complaint.id(),
                Map.of(1, Optional.of(PLACEHOLDER), 2, Optional.empty()));

        // then
        assertThat(changed).isEqualTo(2);
        assertThat(complaints().auditTrail(complaint.id())).containsExactly(first,
                new AuditEntry(note.at(), note.actor(), note.action(), note.from(), note.to(),
                        Optional.of(PLACEHOLDER)),
                new AuditEntry(last.at(), last.actor(), last.action(), last.from(), last.to(), Optional.empty()));
        assertThat(complaints().get(complaint.id())).isEqualTo(complaint);
    }

    @Test
    @DisplayName("redacting audit details a second time changes nothing, and another complaint's trail is untouched")
    void auditRedactionIsIdempotentAndLocal() {
        // given
        Customer customer = storedCustomer();
        Complaint mine = complaints().insert(TestData.complaint(customer.id()).build());
        Complaint other = complaints().insert(TestData.complaint(storedCustomer().id()).build());
        complaints().appendAudit(mine.id(), TestData.auditEntryWithEveryField());
        complaints().appendAudit(other.id(), TestData.auditEntryWithEveryField());
        complaints().redactAuditDetails(mine.id(), Map.of(0, Optional.of(PLACEHOLDER)));

        // when
        int again = complaints().redactAuditDetails(mine.id(), Map.of(0, Optional.of(PLACEHOLDER)));

        // then
        assertThat(again).isZero();
        assertThat(complaints().auditTrail(mine.id())).extracting(AuditEntry::detail)
                .containsExactly(Optional.of(PLACEHOLDER));
        assertThat(complaints().auditTrail(other.id())).containsExactly(TestData.auditEntryWithEveryField());
    }

    @Test
    @DisplayName("redacting audit details outside the trail changes nothing, and an unknown complaint is named")
    void auditRedactionRejectsBadPositions() {
        // given
        Customer customer = storedCustomer();
        Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
        complaints().appendAudit(complaint.id(), TestData.auditEntryWithEveryField());
        ComplaintId unknown = ComplaintId.random();

        // when
        Throwable outside = org.assertj.core.api.Assertions.catchThrowable(() -> complaints().redactAuditDetails(
                complaint.id(), Map.of(0, Optional.of(PLACEHOLDER), 1, Optional.of(PLACEHOLDER))));
        Throwable negative = org.assertj.core.api.Assertions.catchThrowable(() -> complaints()
                .redactAuditDetails(complaint.id(), Map.of(-1, Optional.empty())));

        // then
        assertThat(outside).isInstanceOf(IllegalArgumentException.class);
        assertThat(negative).isInstanceOf(IllegalArgumentException.class);
        assertThat(complaints().auditTrail(complaint.id())).containsExactly(TestData.auditEntryWithEveryField());
        assertThat(catchThrowableOfType(ComplaintNotFoundException.class,
                () -> complaints().redactAuditDetails(unknown, Map.of())).complaintId()).contains(unknown);
    }

    @Test
    @DisplayName("redactions inside a rolled-back transaction leave every text as it was")
    void rollbackRestoresRedactedText() {
        // given
        Customer customer = storedCustomer();
        Interaction interaction = interactionSaying(customer.id(), "Ann Lee's parcel");
        Interaction held = interactionSaying(customer.id(), "Ann Lee's other parcel");
        Feedback response = feedbackSaying(customer.id(), "Ann Lee is unhappy");
        Feedback heldResponse = feedbackSaying(customer.id(), "Ann Lee is happy");
        Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
        complaints().appendAudit(complaint.id(), TestData.auditEntryWithEveryField());
        IllegalStateException boom = new IllegalStateException("boom");

        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                storage().transactions().runInTransaction(() -> {
                    interactions().redact(held.id(), Optional.of("[erased]'s other parcel"));
                    feedback().redact(heldResponse.id(), Optional.empty());
                    assertThat(interactions().redactForCustomer(customer.id(), PLACEHOLDER)).isEqualTo(2);
                    assertThat(feedback().redactForCustomer(customer.id(), PLACEHOLDER)).isEqualTo(1);
                    complaints().redactAuditDetails(complaint.id(), Map.of(0, Optional.empty()));
                    assertThat(interactions().get(interaction.id()).summary()).contains(PLACEHOLDER);
                    throw boom;
                }));

        // then
        assertThat(thrown).isSameAs(boom);
        assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
        assertThat(interactions().get(held.id())).isEqualTo(held);
        assertThat(feedback().get(response.id())).isEqualTo(response);
        assertThat(feedback().get(heldResponse.id())).isEqualTo(heldResponse);
        assertThat(complaints().auditTrail(complaint.id())).containsExactly(TestData.auditEntryWithEveryField());
    }
}
