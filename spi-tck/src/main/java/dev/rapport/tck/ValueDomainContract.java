package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.validation.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The value domain at its edges ({@link Limits}): every entity with its instants at both ends of the supported
 * range, one microsecond inside them and at a time with microseconds reads back equal and is found by the range
 * queries over {@link TimeRange#ALL} and over a one-microsecond range around it; the same entity one microsecond
 * outside the range, at {@code Instant.MIN}/{@code MAX}, in the years -5000 and 300000, or with a digit below the
 * microsecond is refused with a {@link ValidationException} naming the field, and the store holds nothing of it.
 * Locales: the longest canonical tag is kept, a longer one and a legacy locale that does not round-trip are
 * refused naming the field. The generated test writes generated instants (around the edges and anywhere) to
 * customers, interactions, cases, feedback, follow-ups, complaints and agents, as many to each.
 *
 * <p>Run by {@link RapportStorageContract} as its nested group "value domain"; not meant to be run on its own.
 */
public abstract class ValueDomainContract extends StorageGroup {

    /**
     * Creates the group over the store of the running test and the number of writes of its generated test.
     *
     * @param storage the store under test, as the enclosing contract created it
     * @param tries the number of generated writes, as the enclosing contract computes it
     */
    protected ValueDomainContract(Supplier<RapportStorage> storage, IntSupplier tries) {
        super(storage, tries);
    }

    /** Instants inside the domain: both ends, one microsecond inside them, and an ordinary time. */
    static final List<Instant> ACCEPTED = List.of(Limits.MIN_INSTANT, Limits.MIN_INSTANT.plusNanos(1_000),
            T0, Limits.MAX_INSTANT.minusNanos(1_000), Limits.MAX_INSTANT);

    /** Instants outside the domain: one microsecond beyond each end, far beyond, and below the microsecond. */
    static final List<Instant> REFUSED = List.of(Limits.MIN_INSTANT.minusNanos(1_000),
            Limits.MAX_INSTANT.plusNanos(1_000), Instant.MIN, Instant.MAX,
            Instant.parse("-5000-01-01T00:00:00Z"), Instant.parse("+300000-01-01T00:00:00Z"), T0.plusNanos(1));

    /** A canonical BCP 47 tag of exactly {@link Limits#LANGUAGE_TAG} characters. */
    static final String LONGEST_TAG = "de-DE-x-abcdefg-abcdefgh-abcdefgh-a";

    private void refusedNaming(String field, Runnable write) {
        Throwable thrown = catchThrowable(write::run);
        assertThat(thrown).as("a value outside the domain in %s", field).isInstanceOf(ValidationException.class);
        assertThat(((ValidationException) thrown).fields()).contains(field);
    }

    private static TimeRange around(Instant at) {
        return TimeRange.of(at, at.plusNanos(1_000));
    }


    /**
     * An instant from a seeded generator: mostly near the domain's ends (within a few microseconds, inside and
     * out, sometimes with a nanosecond digit), otherwise anywhere from {@code Instant.MIN} to {@code Instant.MAX}.
     */
    private Instant generated(java.util.Random random) {
        long micros = random.nextInt(5) - 2;
        switch (random.nextInt(6)) {
            case 0:
                return Limits.MIN_INSTANT.plusNanos(micros * 1_000);
            case 1:
                return Limits.MAX_INSTANT.plusNanos(micros * 1_000);
            case 2:
                return Limits.MIN_INSTANT.plusNanos(micros * 1_000 + random.nextInt(1_000));
            case 3: {
                long span = Limits.MAX_INSTANT.getEpochSecond() - Limits.MIN_INSTANT.getEpochSecond();
                return Instant.ofEpochSecond(Limits.MIN_INSTANT.getEpochSecond() + (long) (random.nextDouble() * span),
                        random.nextInt(1_000_000) * 1_000L);
            }
            case 4:
                return Instant.ofEpochSecond(
                        (long) ((random.nextDouble() * 2 - 1) * 0.999_999 * Instant.MAX.getEpochSecond()),
                        random.nextInt(1_000_000_000));
            default:
                return Limits.MAX_INSTANT.plusNanos(micros * 1_000 + random.nextInt(1_000));
        }
    }

    @Test
    @DisplayName("generated instants at and around the edges are, per entity, read back equal and found by range queries, or refused by field leaving nothing")
    void generatedInstantsRoundTripOrAreRefusedByField(org.junit.jupiter.api.TestReporter reporter) {
        // given
        java.util.Random random = new java.util.Random(15);
        int tries = effectiveValueDomainTries();
        Customer owner = storedCustomer();
        int[] accepted = new int[6];
        int[] refusedBy = new int[6];
        int refused = 0;

        for (int i = 0; i < tries; i++) {
            int entity = i % 6;
            Instant at = generated(random);
            boolean inDomain = Limits.isSupported(at);
            String description = "entity " + entity + " at " + at;
            // when
            Object stored;
            java.util.function.Supplier<Optional<Object>> reread;
            java.util.function.Supplier<List<Object>> around = List::of;
            String field;
            Throwable thrown;
            switch (entity) {
                case 0: {
                    Customer c = TestData.customer().createdAt(at).updatedAt(at).build();
                    field = "createdAt";
                    thrown = catchThrowable(() -> customers().insert(c));
                    stored = c.withVersion(1);
                    reread = () -> customers().findById(c.id()).map(Object.class::cast);
                    break;
                }
                case 1: {
                    Interaction x = TestData.interaction(owner.id()).occurredAt(at).recordedAt(at).build();
                    field = "occurredAt";
                    thrown = catchThrowable(() -> interactions().insert(x));
                    stored = x;
                    reread = () -> interactions().findById(x.id()).map(Object.class::cast);
                    around = () -> List.<Object>copyOf(interactions().findOccurredBetween(around(at),
                            PageRequest.first(PageRequest.MAX_LIMIT)).items());
                    break;
                }
                case 2: {
                    Case x = TestData.supportCase(owner.id()).createdAt(at).updatedAt(at).build();
                    field = "createdAt";
                    thrown = catchThrowable(() -> cases().insert(x));
                    stored = x.withVersion(1);
                    reread = () -> cases().findById(x.id()).map(Object.class::cast);
                    around = () -> List.<Object>copyOf(cases().findCreatedBetween(around(at),
                            PageRequest.first(PageRequest.MAX_LIMIT)).items());
                    break;
                }
                case 3: {
                    Feedback x = TestData.feedback(owner.id()).receivedAt(at).build();
                    field = "receivedAt";
                    thrown = catchThrowable(() -> feedback().insert(x));
                    stored = x;
                    reread = () -> feedback().findById(x.id()).map(Object.class::cast);
                    around = () -> List.<Object>copyOf(feedback().findReceivedBetween(around(at),
                            PageRequest.first(PageRequest.MAX_LIMIT)).items());
                    break;
                }
                case 4: {
                    FollowUp x = TestData.followUp(owner.id()).dueAt(at).build();
                    field = "dueAt";
                    thrown = catchThrowable(() -> followUps().insert(x));
                    stored = x.withVersion(1);
                    reread = () -> followUps().findById(x.id()).map(Object.class::cast);
                    break;
                }
                default: {
                    Complaint x = TestData.complaint(owner.id()).receivedAt(at).updatedAt(at).build();
                    field = "receivedAt";
                    thrown = catchThrowable(() -> storage().complaints().insert(x));
                    stored = x.withVersion(1);
                    reread = () -> storage().complaints().findById(x.id()).map(Object.class::cast);
                    around = () -> List.<Object>copyOf(storage().complaints().findReceivedBetween(around(at),
                            PageRequest.first(PageRequest.MAX_LIMIT))
                            .items());
                    break;
                }
            }
            // then
            if (inDomain) {
                assertThat(thrown).as(description).isNull();
                assertThat(reread.get()).as(description).contains(stored);
                boolean ranged = entity == 1 || entity == 2 || entity == 3 || entity == 5;
                // the first 600 writes, then one round of six in ten: a range query scans more as the store fills
                if (ranged && (i < 600 || i % 60 < 6)) {
                    assertThat(around.get()).as("range around " + description).contains(stored);
                }
                accepted[entity]++;
            } else {
                assertThat(thrown).as(description).isInstanceOf(ValidationException.class);
                assertThat(((ValidationException) thrown).fields()).as(description).contains(field);
                assertThat(reread.get()).as(description).isEmpty();
                refused++;
                refusedBy[entity]++;
            }
        }
        int[] agents = generatedAgents(tries / 6);
        String[] names = {"customers", "interactions", "cases", "feedback", "followUps", "complaints"};
        for (int e = 0; e < names.length; e++) {
            reporter.publishEntry("valueDomainTries." + names[e],
                    (accepted[e] + refusedBy[e]) + " tries, " + accepted[e] + " read back equal, " + refusedBy[e]
                            + " refused by field");
        }
        reporter.publishEntry("valueDomainTries.agents", (agents[0] + agents[1]) + " tries, " + agents[0]
                + " read back equal, " + agents[1] + " refused by field");
        assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first(PageRequest.MAX_LIMIT))
                .items()).as("every accepted interaction over TimeRange.ALL").hasSize(Math.min(accepted[1],
                        PageRequest.MAX_LIMIT));
        assertThat(customers().count()).as("every accepted customer and the owner").isEqualTo(accepted[0] + 1);
        assertThat(refused).as("the generator reaches both sides of the edges").isPositive();
        assertThat(accepted[1]).isPositive();
    }

    /**
     * Writes agents with generated instants, as many as each other entity gets, from a generator of their own (so
     * the other entities see the same values as before agents were added): each is read back equal and listed, or
     * refused naming {@code createdAt} with nothing stored.
     *
     * @return the agents read back equal, then the agents refused
     */
    private int[] generatedAgents(int tries) {
        Random random = new Random(16);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < tries; i++) {
            Instant at = generated(random);
            String description = "agent at " + at;
            Agent agent = TestData.agent().createdAt(at).updatedAt(at).build();
            // when
            Throwable thrown = catchThrowable(() -> agents().insert(agent));
            // then
            if (Limits.isSupported(at)) {
                assertThat(thrown).as(description).isNull();
                assertThat(agents().findById(agent.id())).as(description).contains(agent.withVersion(1));
                accepted++;
            } else {
                assertThat(thrown).as(description).isInstanceOf(ValidationException.class);
                assertThat(((ValidationException) thrown).fields()).as(description).contains("createdAt");
                assertThat(agents().findById(agent.id())).as(description).isEmpty();
                refused++;
            }
        }
        assertThat(agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).as("every accepted agent listed")
                .hasSize(Math.min(accepted, PageRequest.MAX_LIMIT));
        if (tries >= 6) {
            assertThat(accepted).as("agents inside the domain").isPositive();
            assertThat(refused).as("agents outside the domain").isPositive();
        }
        return new int[] {accepted, refused};
    }

    @Test
    @DisplayName("interactions at every instant edge read back equal and are found by range queries; beyond it they are refused by field")
    void interactionInstantsAtTheEdges() {
        Customer customer = storedCustomer();
        for (Instant at : ACCEPTED) {
            // given
            Interaction interaction = TestData.interaction(customer.id()).occurredAt(at).recordedAt(at).build();
            // when
            interactions().insert(interaction);
            // then
            assertThat(interactions().findById(interaction.id())).as("at %s", at).contains(interaction);
            assertThat(interactions().findOccurredBetween(around(at), PageRequest.first(10)).items())
                    .as("range around %s", at).contains(interaction);
        }
        assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first(100)).items())
                .as("TimeRange.ALL").hasSize(ACCEPTED.size());
        assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first(100)).items())
                .as("the customer's interactions over TimeRange.ALL").hasSize(ACCEPTED.size());
        for (Instant at : REFUSED) {
            Interaction interaction = TestData.interaction(customer.id()).occurredAt(at).recordedAt(T0).build();
            refusedNaming("occurredAt", () -> interactions().insert(interaction));
            assertThat(interactions().findById(interaction.id())).as("refused at %s", at).isEmpty();
        }
        assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first(100)).items())
                .hasSize(ACCEPTED.size());
    }

    @Test
    @DisplayName("cases at every instant edge read back equal and are found by range queries; beyond it they are refused by field")
    void caseInstantsAtTheEdges() {
        Customer customer = storedCustomer();
        for (Instant at : ACCEPTED) {
            Case supportCase = cases().insert(
                    TestData.supportCase(customer.id()).createdAt(at).updatedAt(at).build());
            assertThat(cases().findById(supportCase.id())).as("at %s", at).contains(supportCase);
            assertThat(cases().findCreatedBetween(around(at), PageRequest.first(10)).items())
                    .as("range around %s", at).contains(supportCase);
        }
        assertThat(cases().findCreatedBetween(TimeRange.ALL, PageRequest.first(100)).items())
                .as("TimeRange.ALL").hasSize(ACCEPTED.size());
        for (Instant at : REFUSED) {
            Case supportCase = TestData.supportCase(customer.id()).createdAt(T0).updatedAt(at).build();
            refusedNaming("updatedAt", () -> cases().insert(supportCase));
            assertThat(cases().findById(supportCase.id())).as("refused at %s", at).isEmpty();
        }
    }

    @Test
    @DisplayName("feedback at every instant edge reads back equal and is found by range queries; beyond it it is refused by field")
    void feedbackInstantsAtTheEdges() {
        Customer customer = storedCustomer();
        for (Instant at : ACCEPTED) {
            Feedback given = TestData.feedback(customer.id()).receivedAt(at).build();
            feedback().insert(given);
            assertThat(feedback().findById(given.id())).as("at %s", at).contains(given);
            assertThat(feedback().findReceivedBetween(around(at), PageRequest.first(10)).items())
                    .as("range around %s", at).contains(given);
        }
        assertThat(feedback().findReceivedBetween(TimeRange.ALL, PageRequest.first(100)).items())
                .as("TimeRange.ALL").hasSize(ACCEPTED.size());
        for (Instant at : REFUSED) {
            Feedback given = TestData.feedback(customer.id()).receivedAt(at).build();
            refusedNaming("receivedAt", () -> feedback().insert(given));
            assertThat(feedback().findById(given.id())).as("refused at %s", at).isEmpty();
        }
    }

    @Test
    @DisplayName("customers at every instant edge and with the longest locale tag read back equal; beyond them they are refused by field")
    void customerInstantsAndLocalesAtTheEdges() {
        for (Instant at : ACCEPTED) {
            Customer customer = customers().insert(TestData.customer().createdAt(at).updatedAt(at).build());
            assertThat(customers().findById(customer.id())).as("at %s", at).contains(customer);
        }
        Locale longest = Locale.forLanguageTag(LONGEST_TAG);
        assertThat(longest.toLanguageTag()).hasSize(Limits.LANGUAGE_TAG);
        Customer withLongestTag = customers().insert(TestData.customer().locale(longest).build());
        assertThat(customers().findById(withLongestTag.id())).contains(withLongestTag);

        for (Instant at : REFUSED) {
            Customer customer = TestData.customer().updatedAt(at).build();
            refusedNaming("updatedAt", () -> customers().insert(customer));
            assertThat(customers().findById(customer.id())).as("refused at %s", at).isEmpty();
        }
        for (Locale locale : List.of(Locale.forLanguageTag(LONGEST_TAG + "b"), new Locale("no", "NO", "NY"))) {
            Customer customer = TestData.customer().locale(locale).build();
            refusedNaming("locale", () -> customers().insert(customer));
            assertThat(customers().findById(customer.id())).as("refused %s", locale).isEmpty();
        }
    }

    @Test
    @DisplayName("follow-ups at every instant edge read back equal; beyond it they are refused by field")
    void followUpInstantsAtTheEdges() {
        Customer customer = storedCustomer();
        for (Instant at : ACCEPTED) {
            FollowUp followUp = followUps().insert(TestData.followUp(customer.id()).dueAt(at).build());
            assertThat(followUps().findById(followUp.id())).as("at %s", at).contains(followUp);
        }
        for (Instant at : REFUSED) {
            FollowUp followUp = TestData.followUp(customer.id()).dueAt(at).build();
            refusedNaming("dueAt", () -> followUps().insert(followUp));
            assertThat(followUps().findById(followUp.id())).as("refused at %s", at).isEmpty();
        }
    }

    @Test
    @DisplayName("agents at every instant edge read back equal; beyond it they are refused by field")
    void agentInstantsAtTheEdges() {
        for (Instant at : ACCEPTED) {
            Agent agent = agents().insert(TestData.agent().createdAt(at).updatedAt(at).build());
            assertThat(agents().findById(agent.id())).as("at %s", at).contains(agent);
        }
        for (Instant at : REFUSED) {
            Agent agent = TestData.agent().updatedAt(at).build();
            refusedNaming("updatedAt", () -> agents().insert(agent));
            assertThat(agents().findById(agent.id())).as("refused at %s", at).isEmpty();
        }
    }

    @Test
    @DisplayName("complaints at every instant edge read back equal and are found by range queries; beyond it they are refused by field")
    void complaintInstantsAtTheEdges() {
        Customer customer = storedCustomer();
        for (Instant at : ACCEPTED) {
            Complaint complaint = storage().complaints().insert(
                    TestData.complaint(customer.id()).receivedAt(at).updatedAt(at).build());
            assertThat(storage().complaints().findById(complaint.id())).as("at %s", at).contains(complaint);
            assertThat(storage().complaints().findReceivedBetween(around(at), PageRequest.first(10)).items())
                    .as("range around %s", at).contains(complaint);
        }
        assertThat(storage().complaints().findReceivedBetween(TimeRange.ALL, PageRequest.first(100)).items())
                .as("TimeRange.ALL").hasSize(ACCEPTED.size());
        for (Instant at : REFUSED) {
            Complaint complaint = TestData.complaint(customer.id()).updatedAt(at).build();
            refusedNaming("updatedAt", () -> storage().complaints().insert(complaint));
            assertThat(storage().complaints().findById(complaint.id())).as("refused at %s", at).isEmpty();
        }
    }
}
