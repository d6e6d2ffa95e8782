package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.audit.AuditSubject;
import dev.rapport.spi.audit.TrailAction;
import dev.rapport.spi.audit.TrailEntry;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.CaseId;
import java.time.Instant;
import java.util.UUID;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the bulk operations bulk writers (imports) use: {@code insertAll} of customers, cases,
 * interactions and feedback, and {@code appendAll} of audit entries, stores each list as one insert after another
 * would, in order, and all or nothing inside a transaction; {@code findAllByIdentity} finds many customers by their
 * addresses as {@code findByIdentity} finds one.
 * Run by {@link RapportStorageContract} as its nested group "Bulk writes"; not meant to be run on its own.
 */
public abstract class BulkWriteContract {

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected BulkWriteContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private RapportStorage storage() {
        return storage.get();
    }

    @Test
    @DisplayName("customers stored in bulk read back equal, with their identities and version 1, in the given order")
    void customersRoundTrip() {
        // given
        Customer plain = TestData.customer().build();
        Customer full = TestData.customerWithEveryField().build();

        // when
        List<Customer> stored = storage().customers().insertAll(List.of(plain, full));

        // then
        assertThat(stored).containsExactly(plain.withVersion(1), full.withVersion(1));
        assertThat(storage().customers().get(plain.id())).isEqualTo(plain.withVersion(1));
        assertThat(storage().customers().get(full.id())).isEqualTo(full.withVersion(1));
        assertThat(storage().customers().insertAll(List.of())).isEmpty();
    }

    @Test
    @DisplayName("a bulk insert of customers one of which holds another customer's address fails naming the address, "
            + "and inside a transaction stores none of them")
    void customersAllOrNothing() {
        // given
        String taken = TestData.email();
        storage().customers().insert(TestData.customer().identities(List.of(ContactIdentity.primary(Channel.EMAIL,
                taken))).build());
        Customer fine = TestData.customer().build();
        Customer clashing = TestData.customer().identities(List.of(ContactIdentity.primary(Channel.EMAIL,
                taken.toUpperCase(java.util.Locale.ROOT)))).build();

        // when / then
        assertThatThrownBy(() -> storage().transactions().inTransaction(() ->
                storage().customers().insertAll(List.of(fine, clashing))))
                .isInstanceOf(ContactIdentityConflictException.class);
        assertThat(storage().customers().findById(fine.id())).isEmpty();
        assertThat(storage().customers().findById(clashing.id())).isEmpty();
    }

    @Test
    @DisplayName("customers are found in bulk by their addresses, matched as one by one, keyed by the value given")
    void findAllByIdentity() {
        // given
        String email = TestData.email();
        String phone = TestData.phone();
        Customer ann = storage().customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, email), ContactIdentity.of(Channel.PHONE, phone))).build());
        String shouted = email.toUpperCase(java.util.Locale.ROOT);
        String unknown = TestData.email();

        // when
        Map<String, Customer> byEmail = storage().customers().findAllByIdentity(Channel.EMAIL,
                Arrays.asList(email, shouted, unknown, null));
        Map<String, Customer> byPhone = storage().customers().findAllByIdentity(Channel.PHONE, List.of(phone));

        // then
        assertThat(byEmail).containsOnlyKeys(email, shouted).containsEntry(email, ann).containsEntry(shouted, ann);
        assertThat(byEmail.get(email)).isEqualTo(storage().customers().findByIdentity(Channel.EMAIL, email)
                .orElseThrow());
        assertThat(byPhone).containsExactly(Map.entry(phone, ann));
        assertThat(storage().customers().findAllByIdentity(Channel.EMAIL, List.of())).isEmpty();
    }

    @Test
    @DisplayName("cases stored in bulk read back equal, with version 1, in the given order")
    void casesRoundTrip() {
        // given
        Customer customer = storage().customers().insert(TestData.customer().build());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cases.add(TestData.supportCase(customer.id()).subject("Case " + i).build());
        }

        // when
        List<Case> stored = storage().cases().insertAll(cases);

        // then
        assertThat(stored).containsExactlyElementsOf(cases.stream().map(c -> c.withVersion(1)).toList());
        for (Case supportCase : cases) {
            assertThat(storage().cases().get(supportCase.id())).isEqualTo(supportCase.withVersion(1));
        }
    }

    @Test
    @DisplayName("interactions stored in bulk read back equal; an external id already stored fails the call and, "
            + "inside a transaction, stores none of them")
    void interactionsRoundTripAndExternalIds() {
        // given
        Customer customer = storage().customers().insert(TestData.customer().build());
        String stored = "bulk-" + TestData.unique();
        storage().interactions().insert(TestData.interaction(customer.id()).externalId(stored).build());
        Interaction first = TestData.interaction(customer.id()).externalId("bulk-" + TestData.unique()).build();
        Interaction second = TestData.interaction(customer.id()).build();
        Interaction fine = TestData.interaction(customer.id()).build();
        Interaction again = TestData.interaction(customer.id()).externalId(stored).build();

        // when
        List<Interaction> inserted = storage().interactions().insertAll(List.of(first, second));

        // then
        assertThat(inserted).containsExactly(first, second);
        assertThat(storage().interactions().get(first.id())).isEqualTo(first);
        assertThat(storage().interactions().get(second.id())).isEqualTo(second);
        assertThatThrownBy(() -> storage().transactions().inTransaction(() ->
                storage().interactions().insertAll(List.of(fine, again))))
                .isInstanceOf(DuplicateExternalIdException.class);
        assertThat(storage().interactions().findById(fine.id())).isEmpty();
    }

    @Test
    @DisplayName("feedback responses stored in bulk read back equal, in the given order")
    void feedbackRoundTrip() {
        // given
        Customer customer = storage().customers().insert(TestData.customer().build());
        Feedback five = TestData.feedback(customer.id()).build();
        Feedback three = TestData.feedback(customer.id()).score(3).comment(null).build();

        // when
        List<Feedback> stored = storage().feedback().insertAll(List.of(five, three));

        // then
        assertThat(stored).containsExactly(five, three);
        assertThat(storage().feedback().get(five.id())).isEqualTo(five);
        assertThat(storage().feedback().get(three.id())).isEqualTo(three);
    }

    @Test
    @DisplayName("audit entries appended in bulk read back equal, each trail in the list's order even at one time")
    void auditEntriesRoundTrip() {
        // given
        Customer customer = storage().customers().insert(TestData.customer().build());
        AuditSubject one = AuditSubject.of(customer.id());
        AuditSubject other = AuditSubject.of(new CaseId(UUID.randomUUID()));
        Instant at = Instant.parse("2024-06-03T08:00:00.000001Z");
        TrailEntry registered = TrailEntry.of(one, at, Actor.system(), TrailAction.CUSTOMER_REGISTERED, null, null,
                null);
        TrailEntry opened = TrailEntry.of(other, at, Actor.system(), TrailAction.CASE_TAGS_CHANGED, null, "vip", null);
        TrailEntry tagged = TrailEntry.of(one, at, Actor.hostUser("user:ann"), TrailAction.CUSTOMER_TAGS_CHANGED, null,
                "gold", "imported");

        // when
        List<TrailEntry> stored = storage().auditTrails().appendAll(List.of(registered, opened, tagged));

        // then
        assertThat(stored).containsExactly(registered, opened, tagged);
        assertThat(storage().auditTrails().find(one, PageRequest.first(10)).items()).containsExactly(registered,
                tagged);
        assertThat(storage().auditTrails().find(other, PageRequest.first(10)).items()).containsExactly(opened);
        assertThat(storage().auditTrails().appendAll(List.of())).isEmpty();
    }

    @Test
    @DisplayName("a bulk append of audit entries one of which has a stored id fails naming the id, and inside a "
            + "transaction appends none of them")
    void auditEntriesAllOrNothing() {
        // given
        AuditSubject subject = AuditSubject.of(new CaseId(UUID.randomUUID()));
        Instant at = Instant.parse("2024-06-03T08:00:00.000001Z");
        TrailEntry stored = storage().auditTrails().append(TrailEntry.of(subject, at, Actor.system(),
                TrailAction.CASE_TAGS_CHANGED, null, "first", null));
        TrailEntry fine = TrailEntry.of(subject, at.plusSeconds(1), Actor.system(), TrailAction.CASE_TAGS_CHANGED,
                null, "second", null);

        // when / then
        assertThatThrownBy(() -> storage().transactions().inTransaction(() ->
                storage().auditTrails().appendAll(List.of(fine, stored))))
                .isInstanceOfSatisfying(DuplicateEntityException.class,
                        e -> assertThat(e.getMessage()).contains(stored.id().toString()));
        assertThat(storage().auditTrails().find(subject, PageRequest.first(10)).items()).containsExactly(stored);
    }
}
