package dev.rapport.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMergedException;
import dev.rapport.spi.event.CustomersMerged;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.tck.TestData;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Merging customers")
class CustomerMergeTest {

    private final TestRapport t = new TestRapport();
    private final CustomerService customers = t.rapport().customers();

    @Test
    @DisplayName("moves cases and identities to the survivor, removes the merged customer and publishes CustomersMerged")
    void mergesEverything() {
        // given
        Customer a = t.customer("Ada", ContactIdentity.primary(Channel.EMAIL, "ada@example.com"));
        Customer b = t.customer("Ada L.", ContactIdentity.primary(Channel.EMAIL, "Ada.L@example.com"),
                ContactIdentity.primary(Channel.WHATSAPP, "+44 7700 900123"));
        Case bCase = t.openCase(b.id());

        // when
        Customer merged = customers.merge(new MergeCustomers(a.id(), b.id(), "user:ann"));

        // then
        assertThat(merged.identities()).containsExactly(ContactIdentity.primary(Channel.EMAIL, "ada@example.com"),
                ContactIdentity.of(Channel.EMAIL, "Ada.L@example.com"),
                ContactIdentity.primary(Channel.WHATSAPP, "+44 7700 900123"));
        assertThat(customers.count()).isEqualTo(1);
        assertThat(t.storage().cases().get(bCase.id()).customerId()).isEqualTo(a.id());
        assertThat(customers.resolve(Channel.WHATSAPP, "+447700900123")).map(Customer::id).contains(a.id());
        assertThat(customers.findFollowingMerges(b.id())).map(Customer::id).contains(a.id());
        CustomerMergedException gone = catchThrowableOfType(() -> customers.get(b.id()),
                CustomerMergedException.class);
        assertThat(gone.into()).isEqualTo(a.id());
        assertThat(customers.mergesInto(a.id())).singleElement()
                .satisfies(m -> assertThat(m.actor()).isEqualTo("user:ann"));
        assertThat(t.events().events(CustomersMerged.class)).singleElement()
                .satisfies(e -> assertThat(e.merged()).isEqualTo(b.id()));
    }

    @Test
    @DisplayName("cancels a scheduled follow-up of the merged customer that repeats one of the survivor's")
    void cancelsRepeatedFollowUps() {
        // given
        Customer a = t.customer();
        Customer b = t.customer();
        FollowUp mine = t.storage().followUps().insert(TestData.followUp(a.id())
                .idempotencyKey("birthday/" + a.id() + "/2026").ruleId("birthday")
                .occasionDate(java.time.LocalDate.of(2026, 5, 1)).build());
        FollowUp repeat = t.storage().followUps().insert(TestData.followUp(b.id())
                .idempotencyKey("birthday/" + b.id() + "/2026").ruleId("birthday")
                .occasionDate(java.time.LocalDate.of(2026, 5, 1)).build());
        FollowUp other = t.storage().followUps().insert(TestData.followUp(b.id())
                .idempotencyKey("thanks/order-7").build());

        // when
        customers.merge(new MergeCustomers(a.id(), b.id(), "system"));

        // then
        assertThat(t.storage().followUps().get(repeat.id()).status()).isEqualTo(FollowUpStatus.CANCELLED);
        assertThat(t.storage().followUps().get(mine.id()).status()).isEqualTo(mine.status());
        assertThat(t.storage().followUps().get(other.id()).status()).isEqualTo(other.status());
        assertThat(t.storage().followUps().findByCustomer(a.id(), PageRequest.first(10)).items()).hasSize(3);
    }

    @Test
    @DisplayName("hostile input is refused by name and stores nothing")
    void refusesHostileInput() {
        // given
        Customer a = t.customer();
        StoreSnapshot before = t.snapshot();
        List<MergeCustomers> hostile = List.of(
                new MergeCustomers(a.id(), a.id(), "user:ann"),
                new MergeCustomers(null, a.id(), "user:ann"),
                new MergeCustomers(a.id(), null, "user:ann"),
                new MergeCustomers(a.id(), CustomerId.random(), " "),
                new MergeCustomers(a.id(), CustomerId.random(), "evil\u0000actor"));
        List<String> fields = List.of("merged", "into", "merged", "actor", "actor");

        for (int i = 0; i < hostile.size(); i++) {
            MergeCustomers command = hostile.get(i);
            // when
            ValidationException thrown = catchThrowableOfType(() -> customers.merge(command),
                    ValidationException.class);

            // then
            assertThat(thrown).as(command.toString()).isNotNull();
            assertThat(thrown.getMessage()).contains(fields.get(i));
            assertThat(t.snapshot()).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("the same email in NFC and NFD, and a national number in E.164, conflict on registration")
    void normalFormsConflict() {
        // given
        customers.register(RegisterCustomer.builder().name("José").locale(Locale.forLanguageTag("de-DE"))
                .identity(ContactIdentity.primary(Channel.EMAIL, "jos\u00e9@example.com"))
                .identity(ContactIdentity.primary(Channel.PHONE, "030 1234567")).build());

        // when
        Throwable email = catchThrowableOfType(() -> customers.register(RegisterCustomer.builder().name("Jose")
                .identity(ContactIdentity.primary(Channel.EMAIL, "JOSE\u0301@example.com")).build()),
                dev.rapport.spi.customer.ContactIdentityConflictException.class);
        Throwable phone = catchThrowableOfType(() -> customers.register(RegisterCustomer.builder().name("Jo")
                .identity(ContactIdentity.primary(Channel.PHONE, "+49 30 1234567")).build()),
                dev.rapport.spi.customer.ContactIdentityConflictException.class);

        // then
        assertThat(email).isNotNull();
        assertThat(phone).isNotNull();
        assertThat(customers.count()).isEqualTo(1);
    }
}
