package dev.rapport.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.testing.TestRapport;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A case's language")
class CaseLanguageTest {

    private final TestRapport t = new TestRapport();

    private Customer customer(Locale locale) {
        RegisterCustomer.Builder command = RegisterCustomer.builder().name("Kunde");
        if (locale != null) {
            command.locale(locale);
        }
        return t.rapport().customers().register(command.build());
    }

    private Case open(Customer customer, Locale language) {
        return t.rapport().cases().open(OpenCase.builder().customerId(customer.id()).subject("Paket fehlt")
                .originChannel(Channel.EMAIL).language(language).build());
    }

    @ParameterizedTest(name = "a customer in {0} gets cases in {1}")
    @CsvSource({"de-DE, de", "en-GB, en", "fr, fr", "sr-Latn-RS, sr-Latn", "pt-BR, pt"})
    @DisplayName("defaults from the customer's own locale, reduced to its language and script")
    void defaultsFromTheCustomer(String customerLocale, String caseLanguage) {
        // given
        Customer customer = customer(Locale.forLanguageTag(customerLocale));

        // when
        Case opened = open(customer, null);

        // then
        assertThat(opened.language()).contains(Locale.forLanguageTag(caseLanguage));
        assertThat(t.storage().cases().get(opened.id()).language()).contains(Locale.forLanguageTag(caseLanguage));
    }

    @Test
    @DisplayName("stays empty for a customer whose locale is the plain-English default, set or not")
    void plainEnglishDoesNotFlow() {
        // given
        Customer defaulted = customer(null);
        Customer plainEnglish = customer(Locale.ENGLISH);

        // when / then
        assertThat(defaulted.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(open(defaulted, null).language()).isEmpty();
        assertThat(open(plainEnglish, null).language()).isEmpty();
    }

    @Test
    @DisplayName("the language named on the command wins over the customer's")
    void commandWins() {
        // given
        Customer customer = customer(Locale.GERMANY);

        // when
        Case opened = open(customer, Locale.FRENCH);

        // then
        assertThat(opened.language()).contains(Locale.FRENCH);
    }
}
