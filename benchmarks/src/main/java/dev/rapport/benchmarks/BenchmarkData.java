package dev.rapport.benchmarks;

import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded test data for the database benchmarks: the same seed gives the same rows, so two contenders measured in
 * separate forks store identical content.
 */
final class BenchmarkData {

    /** The instant the generated interactions happen around. */
    static final Instant BASE = Instant.parse("2025-03-03T09:00:00Z");

    private static final Channel[] CHANNELS = {Channel.EMAIL, Channel.CHAT, Channel.PHONE, Channel.SMS, Channel.WHATSAPP};
    private static final InteractionKind[] KINDS = InteractionKind.values();
    private static final String[] REASONS = {"order.question", "delivery.late", "billing.refund", "account.access",
        "product.defect", "subscription.renewal"};
    private static final String[] SUMMARIES = {"Asked where the parcel is", "Wants a refund for a double charge",
        "Cannot log in after the password reset", "Thanked us for the quick exchange",
        "Reported a scratch on the delivered table", "Asked to move the renewal date"};

    private BenchmarkData() {
    }

    private static UUID uuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * Interactions as a feed would bring them: each with an external id, about a third with a handle time, a case
     * and an agent, a fifth with an order and an amount; summaries of 25 to 45 characters.
     *
     * @param count how many
     * @param seed the seed; the same seed gives the same interactions
     */
    static List<Interaction> interactions(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CustomerId> customers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            customers.add(new CustomerId(uuid(random)));
        }
        List<Interaction> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant occurred = BASE.plusMillis(random.nextLong(30L * 24 * 3_600_000)).truncatedTo(ChronoUnit.MICROS);
            boolean handled = random.nextInt(3) == 0;
            boolean purchase = random.nextInt(5) == 0;
            Interaction.Builder b = Interaction.builder()
                    .id(new InteractionId(uuid(random)))
                    .customerId(customers.get(random.nextInt(customers.size())))
                    .channel(CHANNELS[random.nextInt(CHANNELS.length)])
                    .direction(random.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND)
                    .occurredAt(occurred)
                    .kind(KINDS[random.nextInt(KINDS.length)])
                    .handledBy(Handler.HUMAN)
                    .visibility(Visibility.PUBLIC)
                    .summary(SUMMARIES[random.nextInt(SUMMARIES.length)])
                    .externalId("feed-" + seed + "-" + i + "-" + Long.toHexString(random.nextLong()))
                    .reason(REASONS[random.nextInt(REASONS.length)])
                    .recordedAt(occurred.plusMillis(1 + random.nextInt(5_000)));
            if (handled) {
                b.caseId(new CaseId(uuid(random)))
                        .agentId(new AgentId(uuid(random)))
                        .handleTime(new HandleTime(Duration.ofSeconds(30 + random.nextInt(900)),
                                Duration.ofSeconds(random.nextInt(120)), Duration.ofSeconds(random.nextInt(300))));
            }
            if (purchase) {
                b.orderRef("ORD-" + (100_000 + random.nextInt(900_000)))
                        .amount(Money.of(random.nextInt(50_000) / 100 + "." + String.format(Locale.ROOT, "%02d00",
                                random.nextInt(100)), "EUR"));
            }
            out.add(b.build());
        }
        return out;
    }

    /**
     * Active customers with a verified primary email address they opted in to, so that every follow-up to them is
     * sent.
     *
     * @param count how many
     * @param now their creation time
     */
    static List<Customer> customers(int count, Instant now) {
        SplittableRandom random = new SplittableRandom(17);
        Instant stamp = now.truncatedTo(ChronoUnit.MICROS); // the storage refuses instants finer than microseconds
        List<Customer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Customer.builder()
                    .id(new CustomerId(uuid(random)))
                    .name("Customer " + i)
                    .identities(List.of(new ContactIdentity(Channel.EMAIL, "customer" + i + "@example.com", true, true)))
                    .preferredChannel(Channel.EMAIL)
                    .locale(Locale.UK)
                    .timeZone(ZoneId.of("Europe/London"))
                    .consents(Map.of(Channel.EMAIL, ConsentStatus.OPTED_IN))
                    .status(CustomerStatus.ACTIVE)
                    .createdAt(stamp)
                    .updatedAt(stamp)
                    .build());
        }
        return out;
    }

    /**
     * One open email case per customer, the i-th for the i-th customer, with ids from a fixed seed, so that every
     * run and every contender finds the same cases.
     *
     * @param customers whose cases
     * @param now their creation time
     * @return the cases, in the customers' order
     */
    static List<dev.rapport.spi.cases.Case> cases(List<CustomerId> customers, Instant now) {
        SplittableRandom random = new SplittableRandom(23);
        Instant stamp = now.truncatedTo(ChronoUnit.MICROS);
        List<dev.rapport.spi.cases.Case> out = new ArrayList<>(customers.size());
        for (CustomerId customer : customers) {
            out.add(dev.rapport.spi.cases.Case.builder().id(new CaseId(uuid(random))).customerId(customer)
                    .subject("Where is my order").originChannel(Channel.EMAIL).createdAt(stamp).updatedAt(stamp)
                    .build());
        }
        return out;
    }

    /**
     * A scheduled email follow-up of a case, due an hour before {@code now} (a few microseconds apart, so the order
     * is stable), so that sending it reads the customer and the case.
     *
     * @param customer who it is for
     * @param supportCase the case it belongs to
     * @param index its number in the run, which makes its idempotency key unique
     * @param now the time the run starts
     * @return the follow-up
     */
    static FollowUp dueFollowUp(CustomerId customer, CaseId supportCase, int index, Instant now) {
        FollowUp plain = dueFollowUp(customer, index, now);
        return FollowUp.builder().id(plain.id()).customerId(customer).caseId(supportCase).kind(plain.kind())
                .channel(plain.channel()).dueAt(plain.dueAt()).idempotencyKey(plain.idempotencyKey())
                .values(plain.values()).createdAt(plain.createdAt()).updatedAt(plain.updatedAt()).build();
    }

    /**
     * A scheduled email follow-up, due an hour before {@code now} (a few microseconds apart, so the order is
     * stable), with no case, so that sending it reads only the customer.
     *
     * @param customer who it is for
     * @param index its number in the run, which makes its idempotency key unique
     * @param now the time the run starts
     */
    static FollowUp dueFollowUp(CustomerId customer, int index, Instant now) {
        Instant stamp = now.truncatedTo(ChronoUnit.MICROS);
        return FollowUp.builder()
                .id(FollowUpId.random())
                .customerId(customer)
                .kind(FollowUpKind.THANK_YOU)
                .channel(Channel.EMAIL)
                .dueAt(stamp.minusSeconds(3_600).plusNanos(index * 1_000L))
                .idempotencyKey("bench:" + UUID.randomUUID())
                .values(Map.of("product", "the blue table"))
                .createdAt(stamp)
                .updatedAt(stamp)
                .build();
    }
}
