package dev.rapport.examples;

import dev.rapport.Rapport;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.MergeCustomers;
import dev.rapport.complaint.ReceiveComplaint;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.health.AtRiskCustomer;
import dev.rapport.health.HealthFactor;
import dev.rapport.health.HealthSweepReport;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.spi.Money;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerMergedException;
import java.io.PrintStream;
import java.util.Currency;
import java.util.Locale;

/**
 * One person, two customers, one merge: a shopper writes on WhatsApp, later registers with an email, and becomes a
 * second customer. Shows identity normalisation (the same email in two Unicode forms, a national phone number in
 * E.164) and the merge that makes them one customer again; then a rough month for two customers, their health
evaluated, and the customers at risk listed by lifetime value with the factors that put them there. Prints what
happens.
 *
 * <p>Run it from the root of the project:
 * {@code mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.rapport.examples.CustomerMergeMain}.
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

            // 4. A rough month: two customers rate low, complain and keep coming back; a third is happy.
            Customer mia = rapport.customers().register(RegisterCustomer.builder().name("Mia Wagner")
                    .locale(Locale.forLanguageTag("de-DE"))
                    .identity(ContactIdentity.primary(Channel.EMAIL, "mia@example.com")).build());
            Customer ben = rapport.customers().register(RegisterCustomer.builder().name("Ben Okafor")
                    .identity(ContactIdentity.primary(Channel.EMAIL, "ben@example.com")).build());
            buy(rapport, merged, "120.00");
            buy(rapport, mia, "2400.00");
            buy(rapport, ben, "800.00");
            roughMonth(rapport, merged);
            roughMonth(rapport, mia);
            HealthSweepReport round = rapport.health().evaluateAll();
            out.println("Health evaluated for " + round.evaluated() + " customers; at risk: " + round.atRisk());
            for (AtRiskCustomer atRisk : rapport.health().atRisk(Currency.getInstance("EUR"), 10)) {
                out.println("At risk: " + atRisk.name() + ", score " + atRisk.standing().score()
                        + ", lifetime value " + atRisk.lifetimeValue().map(v -> v.toPlainString() + " EUR")
                        .orElse("unknown"));
                for (HealthFactor factor : rapport.health().score(atRisk.customerId()).factors()) {
                    if (factor.contribution().signum() > 0) {
                        out.println("  -" + factor.contribution() + " " + factor.name() + " (weight "
                                + factor.weight() + "): " + factor.detail());
                    }
                }
            }
            out.println("Ben Okafor is " + rapport.health().standing(ben.id()).map(s -> s.band().name())
                    .orElse("not evaluated"));
        }
    }

    private static void buy(Rapport rapport, Customer customer, String amount) {
        rapport.interactions().record(RecordInteraction.builder().customerId(customer.id()).channel(Channel.WEB_FORM)
                .kind(InteractionKind.PURCHASE).amount(Money.of(amount, "EUR")).summary("Order").build());
    }

    /** Three low ratings, three complaints and four cases about the same parcel within a few days. */
    private static void roughMonth(Rapport rapport, Customer customer) {
        for (int i = 0; i < 3; i++) {
            rapport.feedback().record(RecordFeedback.builder().customerId(customer.id()).metric(FeedbackMetric.CSAT)
                    .score(2).channel(Channel.EMAIL).build());
            rapport.complaints().receive(ReceiveComplaint.builder().customerId(customer.id()).channel(Channel.EMAIL)
                    .description("The parcel is still missing.").build());
        }
        for (int i = 0; i < 4; i++) {
            rapport.cases().open(OpenCase.builder().customerId(customer.id()).subject("Parcel still missing")
                    .originChannel(Channel.EMAIL).build());
        }
    }
}
