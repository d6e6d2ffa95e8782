package dev.rapport.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Channel;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Masking a customer's identifiers in text kept under legal hold")
class PersonalDataMaskTest {

    private static final Instant NOW = Instant.parse("2025-03-10T09:00:00Z");

    private final Customer ann = Customer.builder().id(CustomerId.random()).name("Ann-Marie O'Neill")
            .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "Ann.ONeill@Example.com"),
                    ContactIdentity.of(Channel.PHONE, "+44 20 7946 0958"),
                    ContactIdentity.of(Channel.X, "@annmarie_o")))
            .createdAt(NOW).updatedAt(NOW).build();
    private final PersonalDataMask mask = PersonalDataMask.of(ann);
    private final PersonalDataProbe probe =
            new PersonalDataProbe("Ann-Marie O'Neill", "ann.oneill@example.com", "+442079460958", null);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Call +44 20 7946 0958 after five",
            "call 0044 20 7946 0958",
            "call 020 7946 0958",
            "call (020) 7946-0958",
            "call 020.7946.0958",
            "call 2079460958",
            "call +442079460958 now"})
    @DisplayName("masks the telephone number in any formatting, with or without prefix")
    void phoneInAnyFormat(String text) {
        // when
        String masked = mask.apply(text);

        // then
        assertThat(probe.findIn(masked)).isEmpty();
        assertThat(masked).contains(PrivacyService.ERASED_TEXT).startsWithIgnoringCase("call");
    }

    @Test
    @DisplayName("masks the name and each of its words, and addresses in any letter case")
    void nameAndAddresses() {
        // when
        String masked = mask.apply("ANN-MARIE O'NEILL wrote from ann.oneill@EXAMPLE.COM; Marie says hi to "
                + "@annmarie_o and to ann.oneill");

        // then
        assertThat(masked).isEqualTo("[erased] wrote from [erased]; [erased] says hi to [erased] and to [erased]");
    }

    @Test
    @DisplayName("leaves other words and numbers alone: order numbers, dates, amounts, words containing a name")
    void leavesTheRest() {
        // given
        String text = "Order 4711-0815 of 2024-05-14 for 19.99 EUR; Annual Mariella Neillson report";

        // when
        String masked = mask.apply(text);

        // then
        assertThat(masked).isEqualTo(text);
    }

    @Test
    @DisplayName("an erased customer yields an empty mask, which changes nothing")
    void erasedCustomer() {
        // given
        Customer erased = ann.toBuilder().name(PrivacyService.ERASED_NAME).identities(List.of()).build();

        // when
        PersonalDataMask none = PersonalDataMask.of(erased);

        // then
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.apply("erased customer said [erased]")).isEqualTo("erased customer said [erased]");
        assertThat(mask.isEmpty()).isFalse();
    }

    @Test
    @DisplayName("masking twice gives the same text as masking once")
    void idempotent() {
        // given
        String once = mask.apply("Ann-Marie O'Neill, +44 20 7946 0958, Ann.ONeill@Example.com");

        // when
        String twice = mask.apply(once);

        // then
        assertThat(twice).isEqualTo(once).isEqualTo("[erased], [erased], [erased]");
    }
}
