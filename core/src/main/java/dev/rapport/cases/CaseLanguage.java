package dev.rapport.cases;

import dev.rapport.spi.customer.Customer;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a case is served in when the command opening it names none: the customer's own locale, reduced to
 * its language (and script), unless that locale is only the default every customer gets. Stateless.
 *
 * <p>{@code RegisterCustomer} and {@code Customer.builder()} give a customer {@link Locale#ENGLISH} (plain
 * {@code en}) when the host sets no locale, and the customer record cannot tell that default from an English
 * locale set on purpose. A case's language makes routing require an agent who speaks it, so letting the default
 * flow would make every case of a shop that never set locales require English, and agents without languages would
 * get none of them. So plain {@code en} does not flow; any other locale does ({@code de-DE} gives {@code de},
 * {@code en-GB} gives {@code en}). A host whose customers are English and wants their cases routed by language sets
 * a locale with a region, such as {@code en-GB}, or names the language on the command.
 */
final class CaseLanguage {

    private CaseLanguage() {
    }

    /**
     * The language a new case of the customer gets when its command names none.
     *
     * @param customer the case's customer
     * @return the customer's language, or empty when the customer's locale is the plain-English default or has no
     *         language
     */
    static Optional<Locale> defaultFor(Customer customer) {
        Locale locale = customer.locale();
        if (locale.equals(Locale.ENGLISH) || locale.getLanguage().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Locale.Builder().setLanguage(locale.getLanguage()).setScript(locale.getScript())
                .build());
    }
}
