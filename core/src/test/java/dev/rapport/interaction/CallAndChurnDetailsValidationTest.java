package dev.rapport.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.testing.Outcomes;
import dev.rapport.testing.StoreSnapshot;
import dev.rapport.testing.TestRapport;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Call details and churn reasons are checked by field and rule")
class CallAndChurnDetailsValidationTest {

    private final TestRapport t = new TestRapport();
    private final Customer customer = t.customer();

    @Test
    @DisplayName("a call's wait and a missed call's abandonment are stored")
    void storesCallDetails() {
        // given
        RecordInteraction missed = RecordInteraction.builder().customerId(customer.id()).channel(Channel.PHONE)
                .kind(InteractionKind.MISSED_CALL).waitTime(Duration.ofSeconds(95, 1)).abandoned(true).build();

        // when
        Interaction stored = t.rapport().interactions().record(missed);

        // then
        assertThat(t.rapport().interactions().get(stored.id())).isEqualTo(stored);
        assertThat(stored.waitTime()).contains(Duration.ofSeconds(95, 1));
        assertThat(stored.abandoned()).isTrue();
    }

    @Test
    @DisplayName("a negative wait, or one longer than 24 hours, is refused naming waitTime and rule WaitTime")
    void waitOutOfRange() {
        for (Duration wait : new Duration[] {Duration.ofNanos(-1), Duration.ofHours(24).plusNanos(1),
            Duration.ofSeconds(Long.MAX_VALUE)}) {
            // given
            RecordInteraction call = RecordInteraction.builder().customerId(customer.id()).channel(Channel.PHONE)
                    .kind(InteractionKind.CALL).waitTime(wait).build();

            // when / then
            refused(() -> t.rapport().interactions().record(call), tuple("waitTime", "WaitTime"));
        }
    }

    @Test
    @DisplayName("a wait on what is not a call, and abandonment on what is not a missed call, are refused by field")
    void detailsOffKind() {
        // given
        RecordInteraction message = RecordInteraction.builder().customerId(customer.id()).channel(Channel.EMAIL)
                .kind(InteractionKind.MESSAGE).waitTime(Duration.ofSeconds(3)).abandoned(true).build();
        RecordInteraction answered = RecordInteraction.builder().customerId(customer.id()).channel(Channel.PHONE)
                .kind(InteractionKind.CALL).abandoned(true).build();

        // when / then
        refused(() -> t.rapport().interactions().record(message),
                tuple("waitTime", "CallDetailsFitKind"),
                tuple("abandoned", "CallDetailsFitKind"));
        refused(() -> t.rapport().interactions().record(answered),
                tuple("abandoned", "CallDetailsFitKind"));
    }

    @Test
    @DisplayName("a churn reason is stored with the status CHURNED and refused with another, naming churnReason")
    void churnReason() {
        // given
        UpdateCustomerDetails churned = UpdateCustomerDetails.from(customer).status(CustomerStatus.CHURNED)
                .churnReason("price").build();
        UpdateCustomerDetails stillActive = UpdateCustomerDetails.from(customer).churnReason("price").build();
        UpdateCustomerDetails badCode = UpdateCustomerDetails.from(customer).status(CustomerStatus.CHURNED)
                .churnReason("too expensive!").build();

        // when / then
        refused(() -> t.rapport().customers().updateDetails(stillActive),
                tuple("churnReason", "ChurnReasonWhenChurned"));
        StoreSnapshot before = t.snapshot();
        assertThatThrownBy(() -> t.rapport().customers().updateDetails(badCode))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(Outcomes.topLevel(e.fields())).containsOnly("churnReason"));
        assertThat(t.snapshot()).isEqualTo(before);
        Customer stored = t.rapport().customers().updateDetails(churned);
        assertThat(stored.churnReason()).contains("price");
        assertThat(t.rapport().customers().get(customer.id()).churnReason()).contains("price");
        refused(() -> t.rapport().customers().updateDetails(UpdateCustomerDetails.from(stored)
                .status(CustomerStatus.ACTIVE).build()), tuple("churnReason", "ChurnReasonWhenChurned"));
        Customer back = t.rapport().customers().updateDetails(UpdateCustomerDetails.from(stored)
                .status(CustomerStatus.ACTIVE).churnReason(null).build());
        assertThat(back.churnReason()).isEmpty();
    }

    /** The operation is refused naming exactly these fields and rules, and the store is unchanged. */
    private void refused(Supplier<?> operation, Tuple... expected) {
        StoreSnapshot before = t.snapshot();
        assertThatThrownBy(operation::get).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).extracting(v -> Outcomes.topLevel(List.of(v.field())).iterator().next(),
                                Violation::rule)
                        .containsExactlyInAnyOrder(expected));
        assertThat(t.snapshot()).isEqualTo(before);
    }
}
