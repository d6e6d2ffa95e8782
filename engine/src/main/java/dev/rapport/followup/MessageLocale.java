package dev.rapport.followup;

import java.util.Locale;
import java.util.Optional;

/**
 * The locale a message to a customer is written in: the customer's own locale, unless the case is in another
 * language. A case in the customer's language (often taken from the customer's locale, so {@code de} for a
 * {@code de-CH} customer) keeps the customer's regional form, so a Swiss customer gets Swiss templates and formats and
 * an {@code en-GB} customer reads 09:00, not 9:00 AM.
 */
final class MessageLocale {

    private MessageLocale() {
    }

    /**
     * The locale to write in.
     *
     * @param caseLanguage the case's language, if the message is about a case that has one
     * @param customerLocale the customer's locale
     * @return the customer's locale, or the case's language when it is another language than the customer's
     */
    static Locale of(Optional<Locale> caseLanguage, Locale customerLocale) {
        return caseLanguage.filter(language -> !language.getLanguage().equals(customerLocale.getLanguage()))
                .orElse(customerLocale);
    }
}
