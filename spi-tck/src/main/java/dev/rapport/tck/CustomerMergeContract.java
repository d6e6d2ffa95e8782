package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerMerge;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.ReassignedRecords;
import dev.rapport.spi.followup.FollowUp;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Customer merges: moving every record of one customer to another, and the merge records.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "Customer merges"; not meant to be run on its own.
 */
public abstract class CustomerMergeContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CustomerMergeContract(Supplier<RapportStorage> storage) {
        super(storage);
    }

    @Test
    @DisplayName("the same email in Unicode NFC and NFD form is one identity: it finds the customer and conflicts")
    void nfcAndNfdEmailsAreOneIdentity() {
        // given
        String nfc = "Jos\u00e9.\u0130nce@example.com";
        String nfd = "JOSE\u0301.i\u0307NCE@EXAMPLE.COM";
        Customer stored = storage().customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, nfc))).build());

        // when
        ContactIdentityConflictException thrown = catchThrowableOfType(() -> storage().customers().insert(
                TestData.customer().identities(List.of(ContactIdentity.primary(Channel.EMAIL, nfd))).build()),
                ContactIdentityConflictException.class);

        // then
        assertThat(storage().customers().findByIdentity(Channel.EMAIL, nfd)).contains(stored);
        assertThat(thrown).isNotNull();
        assertThat(thrown.holder()).isEqualTo(stored.id());
        assertThat(storage().customers().findByIdentity(Channel.EMAIL, "jose.ince@example.com")).isEmpty();
        assertThat(storage().customers().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a national phone number of a customer in a known country is stored in E.164 and found by it")
    void nationalPhoneNumberIsFoundInE164() {
        // given
        Customer stored = storage().customers().insert(TestData.customer().locale(Locale.GERMANY)
                .identities(List.of(ContactIdentity.primary(Channel.PHONE, "030 1234567"))).build());

        // when / then
        assertThat(storage().customers().findByIdentity(Channel.PHONE, "+49 30 1234567")).contains(stored);
        assertThat(storage().customers().findByIdentity(Channel.PHONE, "0049301234567")).contains(stored);
    }

    @Test
    @DisplayName("reassigning moves every record of one customer to another and bumps the versioned ones")
    void reassignMovesEveryRecord() {
        // given
        Customer a = storage().customers().insert(TestData.customer().build());
        Customer b = storage().customers().insert(TestData.customer().build());
        Case bCase = storage().cases().insert(TestData.supportCase(b.id()).build());
        storage().interactions().insert(TestData.interaction(b.id()).build());
        storage().feedback().insert(TestData.feedback(b.id()).build());
        FollowUp bFollowUp = storage().followUps().insert(TestData.followUp(b.id()).build());
        Complaint bComplaint = storage().complaints().insert(TestData.complaint(b.id()).build());
        storage().cases().insert(TestData.supportCase(a.id()).build());

        // when
        ReassignedRecords moved = storage().transactions().inTransaction(
                () -> storage().customerMerges().reassign(b.id(), a.id()));

        // then
        assertThat(moved).isEqualTo(new ReassignedRecords(1, 1, 1, 1, 1));
        PageRequest all = PageRequest.first(100);
        assertThat(storage().cases().findByCustomer(a.id(), all).items()).hasSize(2);
        assertThat(storage().cases().findByCustomer(b.id(), all).items()).isEmpty();
        assertThat(storage().interactions().findByCustomer(a.id(), TimeRange.ALL, all).items()).hasSize(1);
        assertThat(storage().feedback().findByCustomer(a.id(), all).items()).hasSize(1);
        assertThat(storage().followUps().findByCustomer(a.id(), all).items()).hasSize(1);
        assertThat(storage().complaints().findByCustomer(a.id(), all).items()).hasSize(1);
        Case movedCase = storage().cases().get(bCase.id());
        assertThat(movedCase.version()).isEqualTo(bCase.version() + 1);
        assertThat(movedCase.toBuilder().customerId(b.id()).version(bCase.version()).build()).isEqualTo(bCase);
        FollowUp movedFollowUp = storage().followUps().get(bFollowUp.id());
        assertThat(movedFollowUp.idempotencyKey()).isEqualTo(bFollowUp.idempotencyKey());
        assertThat(movedFollowUp.version()).isEqualTo(bFollowUp.version() + 1);
        assertThat(storage().complaints().get(bComplaint.id()).version()).isEqualTo(bComplaint.version() + 1);
    }

    @Test
    @DisplayName("retiring a merged customer removes it, frees its identities and keeps the merge record")
    void retireRemovesCustomerAndKeepsRecord() {
        // given
        Customer a = storage().customers().insert(TestData.customer().build());
        Customer b = storage().customers().insert(TestData.customer().identities(List.of(
                ContactIdentity.primary(Channel.EMAIL, "merged.person@example.com"))).build());
        CustomerMerge merge = new CustomerMerge(b.id(), a.id(), TestData.now(), "user:ann \uD83D\uDE00");

        // when
        CustomerMerge stored = storage().customerMerges().retire(merge);

        // then
        assertThat(stored).isEqualTo(merge);
        assertThat(storage().customers().findById(b.id())).isEmpty();
        assertThat(storage().customers().findByIdentity(Channel.EMAIL, "merged.person@example.com")).isEmpty();
        assertThat(storage().customerMerges().findByMerged(b.id())).contains(merge);
        assertThat(storage().customerMerges().findInto(a.id())).containsExactly(merge);
        assertThat(storage().customers().count()).isEqualTo(1);
        Customer withAddress = storage().customers().update(storage().customers().get(a.id()).toBuilder()
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "merged.person@example.com")))
                .build());
        assertThat(withAddress.identities()).hasSize(1);
    }

    @Test
    @DisplayName("retiring an unknown customer or one already merged fails and changes nothing")
    void retireRefusesUnknownAndRepeated() {
        // given
        Customer a = storage().customers().insert(TestData.customer().build());
        Customer b = storage().customers().insert(TestData.customer().build());
        CustomerId unknown = CustomerId.random();
        storage().customerMerges().retire(new CustomerMerge(b.id(), a.id(), TestData.now(), "system"));

        // when
        Throwable missing = catchThrowable(() -> storage().customerMerges().retire(
                new CustomerMerge(unknown, a.id(), TestData.now(), "system")));
        Throwable repeated = catchThrowable(() -> storage().customerMerges().retire(
                new CustomerMerge(b.id(), a.id(), TestData.now(), "system")));

        // then
        assertThat(missing).isInstanceOf(CustomerNotFoundException.class);
        assertThat(storage().customerMerges().findByMerged(unknown)).isEmpty();
        assertThat(repeated).isInstanceOf(DuplicateEntityException.class);
        assertThat(storage().customerMerges().findInto(a.id())).hasSize(1);
    }

    @Test
    @DisplayName("a reassignment inside a transaction that rolls back moves nothing")
    void reassignRollsBack() {
        // given
        Customer a = storage().customers().insert(TestData.customer().build());
        Customer b = storage().customers().insert(TestData.customer().build());
        storage().cases().insert(TestData.supportCase(b.id()).build());

        // when
        Throwable thrown = catchThrowable(() -> storage().transactions().inTransaction(() -> {
            storage().customerMerges().reassign(b.id(), a.id());
            storage().customerMerges().retire(new CustomerMerge(b.id(), a.id(), TestData.now(), "system"));
            throw new IllegalStateException("abandon");
        }));

        // then
        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(storage().cases().findByCustomer(b.id(), PageRequest.first(10)).items()).hasSize(1);
        assertThat(storage().customers().findById(b.id())).isPresent();
        assertThat(storage().customerMerges().findByMerged(b.id())).isEmpty();
    }
}
