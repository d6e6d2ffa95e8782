package dev.rapport.tck;

import static dev.rapport.tck.TestData.LINE;
import static dev.rapport.tck.TestData.NAMES;
import static dev.rapport.tck.TestData.email;
import static dev.rapport.tck.TestData.key;
import static dev.rapport.tck.TestData.multilineText;
import static dev.rapport.tck.TestData.now;
import static dev.rapport.tck.TestData.phone;
import static dev.rapport.tck.TestData.text;
import static dev.rapport.tck.TestData.unique;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.validation.Limits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link TestData} builders of customers; {@code TestData}'s public methods delegate here and
 * document what each builds.
 */
final class CustomerTestData {

    private CustomerTestData() {
    }

    // -------------------------------------------------------------------------------------------------- customers

    /** Builds what {@link TestData#customer} documents. */
    static Customer.Builder customer() {
        Instant now = now();
        long n = unique();
        return Customer.builder()
                .id(CustomerId.random())
                .name(NAMES.get((int) (n % NAMES.size())))
                .identities(List.of(ContactIdentity.primary(Channel.EMAIL, email()),
                        ContactIdentity.of(Channel.PHONE, phone())))
                .preferredChannel(Channel.EMAIL)
                .locale(Locale.forLanguageTag("en-GB"))
                .timeZone(ZoneId.of("Europe/London"))
                .consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_IN))
                .createdAt(now)
                .updatedAt(now);
    }

    /** Builds what {@link TestData#customerWithEveryField} documents. */
    static Customer.Builder customerWithEveryField() {
        long n = unique();
        Instant created = Instant.parse("2023-11-05T01:30:00.123456Z");
        Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
        consents.put(Channel.EMAIL, ConsentStatus.OPTED_IN);
        consents.put(Channel.SMS, ConsentStatus.OPTED_OUT);
        consents.put(Channel.WHATSAPP, ConsentStatus.OPTED_IN);
        consents.put(LINE, ConsentStatus.OPTED_OUT);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("loyalty_tier", "gold ⭐");
        attributes.put("größe", "XL");
        attributes.put("notes", "Prefers calls after 18:00.\nAllergic to peanuts 🥜 — no food gifts.");
        attributes.put("crm.legacy-id", "CRM-000" + n);
        return customer()
                .name("Zoë Ørsted-Łukasiewicz 山田 👩🏽‍💻")
                .identities(List.of(
                        ContactIdentity.primary(Channel.EMAIL, "Zoë.Ørsted" + n + "@Bücher.example"),
                        new ContactIdentity(Channel.EMAIL, "zoe" + n + "@work.example.com", false, true),
                        new ContactIdentity(Channel.PHONE, phone(), true, true),
                        ContactIdentity.of(Channel.WHATSAPP, phone()),
                        ContactIdentity.of(LINE, "@zoë_" + n)))
                .preferredChannel(Channel.WHATSAPP)
                .locale(Locale.forLanguageTag("zh-Hant-TW"))
                .timeZone(ZoneId.of("Asia/Kathmandu"))
                .birthday(LocalDate.of(2000, 2, 29))
                .segment("gold")
                .consents(consents)
                .status(CustomerStatus.INACTIVE)
                .acquisitionCost(Money.of("1234567.8912", "EUR"))
                .attributes(attributes)
                .ownAgent(AgentId.random())
                .createdAt(created)
                .updatedAt(created.plus(Duration.ofDays(400)).plusNanos(654_000));
    }

    /** Builds what {@link TestData#customerAtLimits} documents. */
    static Customer.Builder customerAtLimits() {
        long n = unique();
        List<ContactIdentity> identities = new ArrayList<>();
        identities.add(ContactIdentity.primary(Channel.EMAIL, email()));
        identities.add(ContactIdentity.primary(Channel.PHONE, phone()));
        identities.add(ContactIdentity.of(Channel.CHAT, key("h" + n, Limits.ADDRESS)));
        while (identities.size() < Limits.IDENTITIES) {
            int i = identities.size();
            Channel channel = switch (i % 4) {
                case 0 -> Channel.EMAIL;
                case 1 -> Channel.SMS;
                case 2 -> Channel.X;
                default -> Channel.WHATSAPP;
            };
            String address = channel.isPhoneNumberBased() ? phone() : channel.equals(Channel.EMAIL) ? email()
                    : "@handle_" + n + "_" + i;
            identities.add(new ContactIdentity(channel, address, false, i % 3 == 0));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; attributes.size() < Limits.ATTRIBUTES; i++) {
            String keyName = String.format(Locale.ROOT, "attribute_%03d_", i);
            attributes.put(keyName + "k".repeat(64 - keyName.length()), multilineText(Limits.ATTRIBUTE_VALUE));
        }
        return customer()
                .name(text(Limits.NAME))
                .identities(identities)
                .segment("s".repeat(64))
                .acquisitionCost(Money.of("999999999999999.9999", "USD"))
                .attributes(attributes);
    }
}
