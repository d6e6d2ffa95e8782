package dev.rapport.examples;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.MergeCustomers;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerMergedException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * One person, two customers, one merge: a shopper writes on WhatsApp, later registers with an email, and becomes a
 * second customer. Shows identity normalisation (the same email in two Unicode forms, a national phone number in
 * E.164) and the merge that makes them one customer again. Prints what happens.
 *
 * <p>Run it from the root of the project:
 * {@code mvn -B -q -pl examples -am compile exec:java -Dexec.mainClass=dev.rapport.examples.CustomerMergeMain}.
 */
public final class CustomerMergeMain {

    private CustomerMergeMain() {
    }

    /**
     * Runs the walk-through.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        try (Rapport rapport = Rapport.builder().storage(ExampleDatabase.open("merge")).build()) {
            // 1. A shopper in Germany writes on WhatsApp with a national number: stored as given, matched in E.164.
            Customer fromChat = rapport.customers().register(RegisterCustomer.builder().name("Jos\u00e9 \u00d6zt\u00fcrk")
                    .locale(Locale.forLanguageTag("de-DE"))
                    .identity(ContactIdentity.primary(Channel.WHATSAPP, "0171 2345678")).build());
            out.println("WhatsApp +49 171 2345678 resolves to " + rapport.customers()
                    .resolve(Channel.WHATSAPP, "+49 171 2345678").map(Customer::name).orElse("nobody"));
            rapport.cases().open(OpenCase.builder().customerId(fromChat.id()).subject("Wrong size")
                    .originChannel(Channel.WHATSAPP).build());

            // 2. Later the same person registers on the web shop with an email typed in decomposed Unicode (NFD).
            Customer fromShop = rapport.customers().register(RegisterCustomer.builder().name("Jose Ozturk")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "JOSE\u0301@example.com")).build());
            rapport.cases().open(OpenCase.builder().customerId(fromShop.id()).subject("Where is my refund")
                    .originChannel(Channel.EMAIL).build());
            out.println("Customers: " + rapport.customers().count());
            try {
                rapport.customers().register(RegisterCustomer.builder().name("Copy")
                        .identity(ContactIdentity.primary(Channel.EMAIL, "jos\u00e9@example.com")).build());
            } catch (ContactIdentityConflictException e) {
                out.println("The same email in NFC is refused: held by the web-shop customer "
                        + e.holder().equals(fromShop.id()));
            }

            // 3. Support notices they are one person and merges the web-shop customer into the WhatsApp one.
            Customer merged = rapport.customers().merge(new MergeCustomers(fromChat.id(), fromShop.id(),
                    "user:support-lead"));
            out.println("Merged: " + merged.name() + " now has " + merged.identities().size() + " addresses and "
                    + rapport.cases().findByCustomer(merged.id(), PageRequest.first(10)).items().size() + " cases");
            out.println("Email jos\u00e9@example.com resolves to " + rapport.customers()
                    .resolve(Channel.EMAIL, "jos\u00e9@example.com").map(Customer::name).orElse("nobody"));
            try {
                rapport.customers().get(fromShop.id());
            } catch (CustomerMergedException e) {
                out.println("The old id answers: merged into the WhatsApp customer " + e.into().equals(fromChat.id()));
            }
            out.println("Merge records: " + rapport.customers().mergesInto(fromChat.id()).size()
                    + ", customers: " + rapport.customers().count());
        }
    }
}
