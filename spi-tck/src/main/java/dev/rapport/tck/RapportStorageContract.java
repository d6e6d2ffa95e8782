package dev.rapport.tck;

import dev.rapport.spi.customer.ReassignedRecords;
import dev.rapport.spi.customer.CustomerMerge;
import static dev.rapport.tck.Concurrently.inParallel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.spi.Channel;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Money;
import dev.rapport.spi.Page;
import dev.rapport.spi.complaint.AuditAction;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintDeadline;
import dev.rapport.spi.complaint.ComplaintId;
import dev.rapport.spi.complaint.ComplaintKind;
import dev.rapport.spi.complaint.ComplaintNotFoundException;
import dev.rapport.spi.complaint.ComplaintReference;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementId;
import dev.rapport.spi.complaint.ImprovementItem;
import dev.rapport.spi.complaint.ImprovementNotFoundException;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.complaint.IssueKey;
import dev.rapport.spi.complaint.Remedy;
import dev.rapport.spi.complaint.Severity;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.AgentNotFoundException;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ConsentStatus;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerNotFoundException;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.feedback.Feedback;
import dev.rapport.spi.feedback.FeedbackId;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.feedback.FeedbackNotFoundException;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.feedback.ScaleDirection;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Direction;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.WorkExclusion;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The storage contract as executable tests: every storage adapter subclasses this class, returns a fresh, empty store
 * from {@link #createStorage()} and must pass every test. The tests check exactly what the Javadoc of
 * {@link RapportStorage} and of each repository port promises, grouped in {@code @Nested} classes per aggregate and
 * per concern: customers, interactions, cases, feedback, follow-ups (with claims), agents (with their change feed),
 * routing state, complaints (with their audit trails, reference sequence and improvement items), redaction for
 * erasure, transactions, concurrency and pagination.
 *
 * <p>An adapter that legitimately lacks something declares it through {@link #capabilities()}; the tests that need
 * it are then skipped, visibly, through JUnit assumptions. Never override a test to silence it.
 *
 * <p>Test data comes from {@link TestData}: instants are truncated to microseconds, the precision the contract
 * promises. Due times and leases are set an hour before or after {@link Instant#now()}, because a store's clock (a
 * database's) cannot be controlled; the store's clock must therefore be within a minute of the test's. Aggregates
 * referred to by id (customer, case, agent, interaction) are always stored before the aggregates that refer to them,
 * so adapters may enforce foreign keys.
 *
 * <p>One instance runs one test, as JUnit does by default; the class is not meant to be shared between threads.
 */
public abstract class RapportStorageContract {

    /** How far the store's clock may be from the test's when leases are checked. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    /** A fixed instant with microseconds, for data whose order matters. */
    private static final Instant T0 = Instant.parse("2024-06-03T08:00:00.000001Z");

    private RapportStorage storage;

    /**
     * Creates the store under test. Called before each test; must return a fresh, empty store (for a database: empty
     * tables), whose repositories and transactions are ready to use.
     *
     * @return a fresh, empty store
     */
    protected abstract RapportStorage createStorage();

    /**
     * What the adapter can do. Tests that need a capability missing from this set are skipped through a JUnit
     * assumption. Default: every {@link StorageCapability}.
     *
     * @return the adapter's capabilities
     */
    protected Set<StorageCapability> capabilities() {
        return EnumSet.allOf(StorageCapability.class);
    }

    /**
     * How many generated values the value-domain group writes in its generated test, spread evenly over customers,
     * interactions, cases, feedback, follow-ups and complaints. Default {@value #DEFAULT_VALUE_DOMAIN_TRIES}; a fast
     * store may raise it (the in-memory reference adapter runs 60,000), a slow one lower it.
     *
     * @return the number of writes; at least 6
     */
    protected int valueDomainTries() {
        return DEFAULT_VALUE_DOMAIN_TRIES;
    }

    /** The default of {@link #valueDomainTries()}: 100 per entity. */
    public static final int DEFAULT_VALUE_DOMAIN_TRIES = 600;

    /**
     * The system property that, when set to a number, overrides {@link #valueDomainTries()} for every adapter: the
     * value-domain group's generated test then writes that many values per entity (six entities). Unset by default;
     * {@code -Drapport.tries=10000} runs the 10,000 tries per entity of issue 15 (see docs/reliability.md). The same
     * property sets the tries of Rapport's own jqwik command properties.
     */
    public static final String TRIES_PROPERTY = "rapport.tries";

    /**
     * The number of generated writes the value-domain group makes: six times {@value #TRIES_PROPERTY} when that
     * system property is set, else {@link #valueDomainTries()}; at least 6.
     *
     * @return the number of generated writes
     * @throws IllegalStateException if the system property is set but not a positive number
     */
    protected final int effectiveValueDomainTries() {
        String configured = System.getProperty(TRIES_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return Math.max(6, valueDomainTries());
        }
        try {
            int perEntity = Integer.parseInt(configured.trim());
            if (perEntity < 1) {
                throw new NumberFormatException("not positive");
            }
            return Math.max(6, Math.multiplyExact(perEntity, 6));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalStateException("system property " + TRIES_PROPERTY + " must be a positive number of tries"
                    + " per entity, was '" + configured + "'", e);
        }
    }

    @BeforeEach
    final void createFreshStorage() {
        storage = createStorage();
        assertThat(storage).as("createStorage() must return a store").isNotNull();
    }

    /**
     * The store of the running test, as returned by {@link #createStorage()}.
     *
     * @return the store created for the running test
     */
    protected final RapportStorage storage() {
        return storage;
    }

    /**
     * Skips the running test unless the adapter declares the capability.
     *
     * @param capability the capability the running test needs
     */
    protected final void requires(StorageCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the adapter does not declare " + capability);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private CustomerRepository customers() {
        return storage.customers();
    }

    private InteractionRepository interactions() {
        return storage.interactions();
    }

    private CaseRepository cases() {
        return storage.cases();
    }

    private FeedbackRepository feedback() {
        return storage.feedback();
    }

    private FollowUpRepository followUps() {
        return storage.followUps();
    }

    private AgentRepository agents() {
        return storage.agents();
    }

    private Customer storedCustomer() {
        return customers().insert(TestData.customer().build());
    }

    private Agent storedAgent() {
        return agents().insert(TestData.agent().build());
    }

    private Case storedCase(CustomerId customerId) {
        return cases().insert(TestData.supportCase(customerId).build());
    }

    private Interaction storedInteraction(CustomerId customerId) {
        return interactions().insert(TestData.interaction(customerId).build());
    }

    private static Instant hoursFromNow(long hours) {
        return TestData.now().plus(Duration.ofHours(hours));
    }

    private FollowUp storedFollowUp(CustomerId customerId, FollowUpStatus status, Instant dueAt) {
        return followUps().insert(TestData.followUp(customerId).status(status).dueAt(dueAt).build());
    }

    private static <T> List<UUID> ids(List<T> items, Function<T, UUID> id) {
        return items.stream().map(id).toList();
    }

    private static String counterOf(Customer customer) {
        return customer.attributes().getOrDefault("counter", "0");
    }

    private static Customer withCounter(Customer customer, int value) {
        Map<String, String> attributes = new LinkedHashMap<>(customer.attributes());
        attributes.put("counter", Integer.toString(value));
        return customer.toBuilder().attributes(attributes).build();
    }

    /**
     * Walks every page of a query and returns the items in order, checking on the way that every page but the last
     * is full and says a next page exists, and that the last one says none does.
     */
    private static <T> List<T> walk(Function<PageRequest, Page<T>> query, int pageSize) {
        List<T> all = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; pages < 10_000; pages++) {
            Page<T> page = query.apply(request);
            assertThat(page.items()).as("items on the page at offset %d", request.offset()).hasSizeLessThanOrEqualTo(
                    pageSize);
            if (page.hasNext()) {
                assertThat(page.items()).as("a page followed by another is full").hasSize(pageSize);
            }
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            request = request.next();
        }
        throw new AssertionError("the pages never ended");
    }

    /**
     * Checks a paged query's total order: walking small pages visits the expected items exactly once, sorted by the
     * documented time and then by id, the same as one big page and the same on a second walk.
     */
    private static <T> void assertPagesVisitEachOnce(Function<PageRequest, Page<T>> query, Function<T, UUID> id,
            Function<T, Instant> time, Set<UUID> expected) {
        List<T> walked = walk(query, 4);
        List<UUID> walkedIds = ids(walked, id);
        assertThat(walkedIds).as("every item exactly once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(walked.stream().map(time).toList()).as("ordered by time").isSorted();
        assertTiesOrderedById(walked, id, time);
        assertThat(ids(walk(query, 4), id)).as("the same order on a second walk").isEqualTo(walkedIds);
        assertThat(ids(walk(query, PageRequest.MAX_LIMIT), id)).as("the same order in one big page")
                .isEqualTo(walkedIds);
    }

    /**
     * Items with equal times are ordered by id: by {@link UUID#compareTo} or by the unsigned order databases use
     * (the order of the canonical text), whichever the adapter follows, but consistently.
     */
    private static <T> void assertTiesOrderedById(List<T> items, Function<T, UUID> id, Function<T, Instant> time) {
        Map<Instant, List<UUID>> ties = items.stream().collect(
                Collectors.groupingBy(time, LinkedHashMap::new, Collectors.mapping(id, Collectors.toList())));
        boolean javaOrder = true;
        boolean unsignedOrder = true;
        for (List<UUID> group : ties.values()) {
            javaOrder &= isSorted(group, Comparator.naturalOrder());
            unsignedOrder &= isSorted(group, Comparator.comparing(UUID::toString));
        }
        assertThat(javaOrder || unsignedOrder).as("items with equal times are ordered by id: %s", ties).isTrue();
    }

    private static boolean isSorted(List<UUID> ids, Comparator<UUID> order) {
        for (int i = 1; i < ids.size(); i++) {
            if (order.compare(ids.get(i - 1), ids.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Instants around a half-open range {@code [T0, T0 + 1 h)}: just before, start, inside, just before the end, end. */
    private static List<Instant> aroundRange() {
        Instant to = T0.plus(Duration.ofHours(1));
        return List.of(T0.minusNanos(1_000), T0, T0.plus(Duration.ofMinutes(30)), to.minusNanos(1_000), to);
    }

    private static TimeRange theRange() {
        return TimeRange.of(T0, T0.plus(Duration.ofHours(1)));
    }

    // ================================================================================================== customers

    /** Customers: round trips, versions, unique ids and contact identities, lookups by identity. */
    @Nested
    @DisplayName("Customers")
    class CustomerContract {

        @Test
        @DisplayName("findAllById returns every stored customer among the ids with its identities, skips unknown ids and counts repeats once")
        void findAllCustomersById() {
            // given
            Customer full = customers().insert(TestData.customerWithEveryField().build());
            Customer plain = storedCustomer();
            Customer other = storedCustomer();
            CustomerId unknown = CustomerId.random();

            // when
            Map<CustomerId, Customer> found = customers().findAllById(
                    List.of(plain.id(), unknown, full.id(), plain.id()));

            // then
            assertThat(found).containsOnly(Map.entry(full.id(), full), Map.entry(plain.id(), plain))
                    .doesNotContainKey(other.id());
            assertThat(found.get(full.id()).identities()).isEqualTo(full.identities());
            assertThat(customers().findAllById(List.of())).isEmpty();
            assertThat(customers().findAllById(Set.of(unknown))).isEmpty();
        }

        @Test
        @DisplayName("findAllById answers for 1,200 ids at once, more than one IN list holds")
        void findManyCustomersById() {
            // given
            List<CustomerId> ids = new ArrayList<>();
            storage.transactions().runInTransaction(() -> {
                for (int i = 0; i < 1_200; i++) {
                    ids.add(storedCustomer().id());
                }
            });

            // when
            Map<CustomerId, Customer> found = customers().findAllById(ids);

            // then
            assertThat(found).hasSize(1_200);
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        }

        @Test
        @DisplayName("an inserted customer comes back with version 1, whatever version it carried")
        void insertedCustomerHasVersionOne() {
            // given
            Customer customer = TestData.customer().version(7).build();

            // when
            Customer stored = customers().insert(customer);

            // then
            assertThat(stored.version()).isEqualTo(1);
            assertThat(customers().get(customer.id()).version()).isEqualTo(1);
        }

        @Test
        @DisplayName("a customer with every field set comes back exactly as stored")
        void customerWithEveryFieldRoundTrips() {
            // given
            Customer customer = TestData.customerWithEveryField().build();

            // when
            Customer stored = customers().insert(customer);

            // then
            assertThat(stored).isEqualTo(customer.withVersion(1));
            assertThat(customers().findById(customer.id())).contains(customer.withVersion(1));
        }

        @Test
        @DisplayName("a customer with empty optionals and empty collections comes back with them empty")
        void customerWithEmptyOptionalsRoundTrips() {
            // given
            Instant now = TestData.now();
            Customer customer = Customer.builder().id(CustomerId.random()).name("Ng").createdAt(now)
                    .updatedAt(now).build();

            // when
            customers().insert(customer);

            // then
            Customer found = customers().get(customer.id());
            assertThat(found).isEqualTo(customer.withVersion(1));
            assertThat(found.identities()).isEmpty();
            assertThat(found.preferredChannel()).isEmpty();
            assertThat(found.birthday()).isEmpty();
            assertThat(found.segment()).isEmpty();
            assertThat(found.acquisitionCost()).isEmpty();
            assertThat(found.consents()).isEmpty();
            assertThat(found.attributes()).isEmpty();
        }

        @Test
        @DisplayName("a customer at every size limit (name, 50 identities, 100 attributes of 2,000 characters) round-trips")
        void customerAtLimitsRoundTrips() {
            // given
            Customer customer = TestData.customerAtLimits().build();

            // when
            customers().insert(customer);

            // then
            assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
            for (ContactIdentity identity : customer.identities()) {
                assertThat(customers().findByIdentity(identity.channel(), identity.value()))
                        .as("found by %s identity", identity.channel()).map(Customer::id).contains(customer.id());
            }
        }

        @Test
        @DisplayName("locales with script and region and unusual time zones round-trip")
        void unusualLocalesAndZonesRoundTrip() {
            // given
            List<Locale> locales = List.of(Locale.forLanguageTag("zh-Hant-TW"), Locale.forLanguageTag("sr-Latn-RS"),
                    Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("es-419"), Locale.forLanguageTag("de-CH"),
                    Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("ja"), Locale.forLanguageTag("en-IN"),
                    Locale.forLanguageTag("fr-CA"), Locale.forLanguageTag("uk-UA"));
            List<ZoneId> zones = List.of(ZoneId.of("Asia/Kathmandu"), ZoneId.of("Pacific/Chatham"),
                    ZoneId.of("America/St_Johns"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Kiritimati"),
                    ZoneId.of("Etc/GMT+12"), ZoneId.of("UTC"), ZoneOffset.UTC, ZoneId.of("+05:30"),
                    ZoneId.of("UTC+01:00"));
            List<Customer> all = new ArrayList<>();
            for (int i = 0; i < zones.size(); i++) {
                all.add(TestData.customer().locale(locales.get(i)).timeZone(zones.get(i)).build());
            }

            // when
            all.forEach(customers()::insert);

            // then
            for (Customer customer : all) {
                Customer found = customers().get(customer.id());
                assertThat(found.locale()).isEqualTo(customer.locale());
                assertThat(found.timeZone()).isEqualTo(customer.timeZone());
                assertThat(found).isEqualTo(customer.withVersion(1));
            }
        }

        @Test
        @DisplayName("every customer status and both consent values on every channel round-trip")
        void everyStatusAndConsentRoundTrips() {
            // given
            List<Customer> all = new ArrayList<>();
            for (CustomerStatus status : CustomerStatus.values()) {
                Map<Channel, ConsentStatus> consents = new LinkedHashMap<>();
                List<Channel> channels = new ArrayList<>(Channel.BUILT_IN);
                channels.add(TestData.LINE);
                for (int i = 0; i < channels.size(); i++) {
                    consents.put(channels.get(i), ConsentStatus.values()[(i + status.ordinal()) % 2]);
                }
                all.add(TestData.customer().status(status).consents(consents).build());
            }

            // when
            all.forEach(customers()::insert);

            // then
            for (Customer customer : all) {
                assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
            }
        }

        @Test
        @DisplayName("text is kept exactly: no Unicode normalisation, no trimming, empty strings stay empty")
        void textIsKeptExactly() {
            // given
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("empty", "");
            attributes.put("padded", "  two spaces either side  ");
            attributes.put("lines", "first\r\nsecond\n\tindented\n");
            attributes.put("decomposed", "Cafe\u0301");
            attributes.put("composed", "Caf\u00e9");
            Customer decomposed = TestData.customer().name("Rene\u0301e 🧑🏿‍🚀").attributes(attributes).build();
            Customer composed = TestData.customer().name("Ren\u00e9e 🧑🏿‍🚀").build();

            // when
            customers().insert(decomposed);
            customers().insert(composed);

            // then
            assertThat(customers().get(decomposed.id()).name()).isEqualTo("Rene\u0301e 🧑🏿‍🚀");
            assertThat(customers().get(composed.id()).name()).isEqualTo("Ren\u00e9e 🧑🏿‍🚀");
            assertThat(customers().get(decomposed.id()).attributes()).isEqualTo(attributes);
        }

        @Test
        @DisplayName("each update raises the version by one and stores every changed field")
        void updateRaisesVersionByOne() {
            // given
            Customer v1 = customers().insert(TestData.customer().build());

            // when
            Customer v2 = customers().update(v1.toBuilder().name("Ada King").segment("vip")
                    .updatedAt(v1.updatedAt().plusSeconds(5)).build());
            Customer v3 = customers().update(v2.toBuilder().status(CustomerStatus.CHURNED)
                    .preferredChannel(Channel.PHONE).build());

            // then
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v3.version()).isEqualTo(3);
            assertThat(customers().get(v1.id())).isEqualTo(v3)
                    .isEqualTo(v2.toBuilder().status(CustomerStatus.CHURNED).preferredChannel(Channel.PHONE)
                            .version(3).build());
        }

        @Test
        @DisplayName("an update based on a stale version is rejected and changes nothing")
        void staleCustomerUpdateIsRejected() {
            // given
            Customer v1 = storedCustomer();
            Customer v2 = customers().update(v1.toBuilder().name("Changed by someone else").build());

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> customers().update(v1.toBuilder().name("Late change").segment("late").build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.id()).isEqualTo(v1.id().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(customers().get(v1.id())).isEqualTo(v2);
        }

        @Test
        @DisplayName("updating an unknown customer throws CustomerNotFoundException with its id and stores nothing")
        void updatingUnknownCustomerThrowsNotFound() {
            // given
            Customer unknown = TestData.customer().version(1).build();

            // when
            CustomerNotFoundException thrown = catchThrowableOfType(CustomerNotFoundException.class,
                    () -> customers().update(unknown));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.customerId()).isEqualTo(unknown.id());
            assertThat(customers().findById(unknown.id())).isEmpty();
            assertThat(customers().count()).isZero();
            ContactIdentity email = unknown.identities().get(0);
            assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws CustomerNotFoundException with the id")
        void unknownCustomerIsNotFound() {
            // given
            CustomerId unknown = CustomerId.random();
            storedCustomer();

            // when
            Optional<Customer> found = customers().findById(unknown);
            CustomerNotFoundException thrown = catchThrowableOfType(CustomerNotFoundException.class,
                    () -> customers().get(unknown));

            // then
            assertThat(found).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.customerId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a second customer with the same id is rejected on key \"id\" and the first stays as it was")
        void duplicateCustomerIdIsRejected() {
            // given
            Customer first = storedCustomer();
            Customer second = TestData.customer().id(first.id()).name("Impostor").build();

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> customers().insert(second));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(customers().get(first.id())).isEqualTo(first);
            assertThat(customers().count()).isEqualTo(1);
            ContactIdentity email = second.identities().get(0);
            assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
        }

        @Test
        @DisplayName("a customer is found by email case-insensitively, Unicode included, and ignoring surrounding spaces")
        void findsCustomerByEmailCaseInsensitively() {
            // given
            Customer customer = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "Zoë.Ørsted@Bücher.Example"))).build());

            // when / then
            for (String query : List.of("Zoë.Ørsted@Bücher.Example", "zoë.ørsted@bücher.example",
                    "ZOË.ØRSTED@BÜCHER.EXAMPLE", "  zoë.ørsted@BÜCHER.example ")) {
                assertThat(customers().findByIdentity(Channel.EMAIL, query)).as(query).contains(customer);
            }
        }

        @Test
        @DisplayName("a customer is found by phone number whatever its formatting: \"+44 20 7946-0000\" finds \"00442079460000\"")
        void findsCustomerByNormalisedPhoneNumber() {
            // given
            Customer stored = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.PHONE, "00442079460000"))).build());
            Customer formatted = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.WHATSAPP, "+44 (20) 7946-0001"))).build());

            // when / then
            for (String query : List.of("+44 20 7946-0000", "+442079460000", "0044 20 7946 0000",
                    "+44.20.7946.0000", "(+44) 20/7946/0000")) {
                assertThat(customers().findByIdentity(Channel.PHONE, query)).as(query).contains(stored);
            }
            assertThat(customers().findByIdentity(Channel.WHATSAPP, "00442079460001")).contains(formatted);
        }

        @Test
        @DisplayName("an identity is looked up on its own channel only")
        void identityLookupRespectsTheChannel() {
            // given
            Customer customer = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0100"))).build());

            // when / then
            assertThat(customers().findByIdentity(Channel.PHONE, "+442079460100")).contains(customer);
            assertThat(customers().findByIdentity(Channel.SMS, "+442079460100")).isEmpty();
            assertThat(customers().findByIdentity(Channel.WHATSAPP, "+442079460100")).isEmpty();
        }

        @Test
        @DisplayName("an unknown or malformed identity finds nothing and throws nothing")
        void unknownOrMalformedIdentityFindsNothing() {
            // given
            storedCustomer();

            // when / then
            assertThat(customers().findByIdentity(Channel.EMAIL, "nobody@example.com")).isEmpty();
            assertThat(customers().findByIdentity(Channel.PHONE, "call me maybe")).isEmpty();
            assertThat(customers().findByIdentity(Channel.EMAIL, "")).isEmpty();
            assertThat(customers().findByIdentity(TestData.LINE, "%")).isEmpty();
        }

        @Test
        @DisplayName("inserting a customer with an identity another holds throws ContactIdentityConflictException naming the holder, and stores nothing")
        void identityConflictOnInsertIsRejected() {
            // given
            Customer holder = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "ada.lovelace@example.com"))).build());
            String otherPhone = TestData.phone();
            Customer newcomer = TestData.customer().identities(List.of(
                    ContactIdentity.of(Channel.PHONE, otherPhone),
                    ContactIdentity.primary(Channel.EMAIL, "  Ada.Lovelace@EXAMPLE.com"))).build();

            // when
            ContactIdentityConflictException thrown = catchThrowableOfType(ContactIdentityConflictException.class,
                    () -> customers().insert(newcomer));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.holder()).isEqualTo(holder.id());
            assertThat(thrown.identity().channel()).isEqualTo(Channel.EMAIL);
            assertThat(thrown.identity().normalized()).isEqualTo("ada.lovelace@example.com");
            assertThat(customers().findById(newcomer.id())).isEmpty();
            assertThat(customers().count()).isEqualTo(1);
            assertThat(customers().findByIdentity(Channel.PHONE, otherPhone)).isEmpty();
            assertThat(customers().findByIdentity(Channel.EMAIL, "ada.lovelace@example.com")).contains(holder);
        }

        @Test
        @DisplayName("updating a customer to take another's identity throws ContactIdentityConflictException and changes nothing")
        void identityConflictOnUpdateIsRejected() {
            // given
            Customer holder = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0200"))).build());
            Customer other = storedCustomer();
            List<ContactIdentity> grabbing = new ArrayList<>(other.identities());
            grabbing.add(ContactIdentity.primary(Channel.PHONE, "0044-20-7946-0200"));
            grabbing.remove(1); // the other's own phone, so that one primary phone remains

            // when
            ContactIdentityConflictException thrown = catchThrowableOfType(ContactIdentityConflictException.class,
                    () -> customers().update(other.toBuilder().identities(grabbing).name("Grabber").build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.holder()).isEqualTo(holder.id());
            assertThat(customers().get(other.id())).isEqualTo(other);
            assertThat(customers().findByIdentity(Channel.PHONE, "+442079460200")).contains(holder);
            ContactIdentity otherPhone = other.identities().get(1);
            assertThat(customers().findByIdentity(otherPhone.channel(), otherPhone.value())).contains(other);
        }

        @Test
        @DisplayName("an identity released by an update can be taken by another customer")
        void releasedIdentityCanBeTakenByAnother() {
            // given
            Customer first = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "shared.inbox@example.com"),
                    ContactIdentity.of(Channel.PHONE, TestData.phone()))).build());
            Customer released = customers().update(first.toBuilder()
                    .identities(List.of(first.identities().get(1))).build());

            // when
            Customer second = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "Shared.Inbox@example.com"))).build());

            // then
            assertThat(customers().findByIdentity(Channel.EMAIL, "shared.inbox@example.com")).contains(second);
            assertThat(customers().get(first.id())).isEqualTo(released);
        }

        @Test
        @DisplayName("lookups by identity follow updates: a removed identity finds nothing, an added one finds the latest version")
        void identityIndexFollowsUpdates() {
            // given
            Customer v1 = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0300"))).build());

            // when
            Customer v2 = customers().update(v1.toBuilder().name("Moved house").identities(List.of(
                    ContactIdentity.primary(Channel.PHONE, "+44 20 7946 0301"))).build());

            // then
            assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0300")).isEmpty();
            assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0301")).contains(v2);
            assertThat(v2.version()).isEqualTo(2);
        }

        @Test
        @DisplayName("a customer may keep its own identities across updates, even written differently, and the new spelling is stored")
        void customerKeepsItsOwnIdentitiesAcrossUpdates() {
            // given
            Customer v1 = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "keep.me@example.com"),
                    ContactIdentity.of(Channel.PHONE, "+44 20 7946 0400"))).build());

            // when
            Customer v2 = customers().update(v1.toBuilder().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "Keep.Me@Example.com"),
                    new ContactIdentity(Channel.PHONE, "00442079460400", false, true))).build());

            // then
            assertThat(customers().get(v1.id())).isEqualTo(v2);
            assertThat(v2.identities().get(0).value()).isEqualTo("Keep.Me@Example.com");
            assertThat(customers().findByIdentity(Channel.EMAIL, "keep.me@example.com")).contains(v2);
            assertThat(customers().findByIdentity(Channel.PHONE, "+44 20 7946 0400")).contains(v2);
        }

        @Test
        @DisplayName("count tells how many customers are stored, and a rejected insert does not count")
        void countsCustomers() {
            // given
            assertThat(customers().count()).isZero();
            Customer first = storedCustomer();
            storedCustomer();
            storedCustomer();

            // when
            catchThrowableOfType(DuplicateEntityException.class, () -> customers().insert(first));

            // then
            assertThat(customers().count()).isEqualTo(3);
        }
    }

    // ===================================================================================== tags and custom fields

    /** Tags and custom field values of cases and customers; the tests are in {@link TagsAndFieldsContract}. */
    @Nested
    @DisplayName("Tags and custom fields")
    class TagsAndFieldsTests extends TagsAndFieldsContract {
        TagsAndFieldsTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ============================================================================================== audit trails

    /** The audit trails of customers and cases; the tests are in {@link AuditTrailContract}. */
    @Nested
    @DisplayName("Audit trails")
    class AuditTrailTests extends AuditTrailContract {
        AuditTrailTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ================================================================================================ bulk writes

    /** The bulk operations of bulk writers such as imports; the tests are in {@link BulkWriteContract}. */
    @Nested
    @DisplayName("Bulk writes")
    class BulkWriteTests extends BulkWriteContract {
        BulkWriteTests() {
            super(RapportStorageContract.this::storage);
        }
    }

    // ============================================================================================ customer merges

    /** Customer merges: moving every record of one customer to another, and the merge records. */
    @Nested
    @DisplayName("Customer merges")
    class CustomerMergeContract {

        @Test
        @DisplayName("the same email in Unicode NFC and NFD form is one identity: it finds the customer and conflicts")
        void nfcAndNfdEmailsAreOneIdentity() {
            // given
            String nfc = "Jos\u00e9.\u0130nce@example.com";
            String nfd = "JOSE\u0301.i\u0307NCE@EXAMPLE.COM";
            Customer stored = storage().customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, nfc))).build());

            // when
            ContactIdentityConflictException thrown = catchThrowableOfType(() -> storage().customers().insert(
                    TestData.customer().identities(List.of(ContactIdentity.primary(Channel.EMAIL, nfd))).build()),
                    ContactIdentityConflictException.class);

            // then
            assertThat(storage().customers().findByIdentity(Channel.EMAIL, nfd)).contains(stored);
            assertThat(thrown).isNotNull();
            assertThat(thrown.holder()).isEqualTo(stored.id());
            assertThat(storage().customers().findByIdentity(Channel.EMAIL, "jose.ince@example.com")).isEmpty();
            assertThat(storage().customers().count()).isEqualTo(1);
        }

        @Test
        @DisplayName("a national phone number of a customer in a known country is stored in E.164 and found by it")
        void nationalPhoneNumberIsFoundInE164() {
            // given
            Customer stored = storage().customers().insert(TestData.customer().locale(Locale.GERMANY)
                    .identities(List.of(ContactIdentity.primary(Channel.PHONE, "030 1234567"))).build());

            // when / then
            assertThat(storage().customers().findByIdentity(Channel.PHONE, "+49 30 1234567")).contains(stored);
            assertThat(storage().customers().findByIdentity(Channel.PHONE, "0049301234567")).contains(stored);
        }

        @Test
        @DisplayName("reassigning moves every record of one customer to another and bumps the versioned ones")
        void reassignMovesEveryRecord() {
            // given
            Customer a = storage().customers().insert(TestData.customer().build());
            Customer b = storage().customers().insert(TestData.customer().build());
            Case bCase = storage().cases().insert(TestData.supportCase(b.id()).build());
            storage().interactions().insert(TestData.interaction(b.id()).build());
            storage().feedback().insert(TestData.feedback(b.id()).build());
            FollowUp bFollowUp = storage().followUps().insert(TestData.followUp(b.id()).build());
            Complaint bComplaint = storage().complaints().insert(TestData.complaint(b.id()).build());
            storage().cases().insert(TestData.supportCase(a.id()).build());

            // when
            ReassignedRecords moved = storage().transactions().inTransaction(
                    () -> storage().customerMerges().reassign(b.id(), a.id()));

            // then
            assertThat(moved).isEqualTo(new ReassignedRecords(1, 1, 1, 1, 1));
            PageRequest all = PageRequest.first(100);
            assertThat(storage().cases().findByCustomer(a.id(), all).items()).hasSize(2);
            assertThat(storage().cases().findByCustomer(b.id(), all).items()).isEmpty();
            assertThat(storage().interactions().findByCustomer(a.id(), TimeRange.ALL, all).items()).hasSize(1);
            assertThat(storage().feedback().findByCustomer(a.id(), all).items()).hasSize(1);
            assertThat(storage().followUps().findByCustomer(a.id(), all).items()).hasSize(1);
            assertThat(storage().complaints().findByCustomer(a.id(), all).items()).hasSize(1);
            Case movedCase = storage().cases().get(bCase.id());
            assertThat(movedCase.version()).isEqualTo(bCase.version() + 1);
            assertThat(movedCase.toBuilder().customerId(b.id()).version(bCase.version()).build()).isEqualTo(bCase);
            FollowUp movedFollowUp = storage().followUps().get(bFollowUp.id());
            assertThat(movedFollowUp.idempotencyKey()).isEqualTo(bFollowUp.idempotencyKey());
            assertThat(movedFollowUp.version()).isEqualTo(bFollowUp.version() + 1);
            assertThat(storage().complaints().get(bComplaint.id()).version()).isEqualTo(bComplaint.version() + 1);
        }

        @Test
        @DisplayName("retiring a merged customer removes it, frees its identities and keeps the merge record")
        void retireRemovesCustomerAndKeepsRecord() {
            // given
            Customer a = storage().customers().insert(TestData.customer().build());
            Customer b = storage().customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "merged.person@example.com"))).build());
            CustomerMerge merge = new CustomerMerge(b.id(), a.id(), TestData.now(), "user:ann \uD83D\uDE00");

            // when
            CustomerMerge stored = storage().customerMerges().retire(merge);

            // then
            assertThat(stored).isEqualTo(merge);
            assertThat(storage().customers().findById(b.id())).isEmpty();
            assertThat(storage().customers().findByIdentity(Channel.EMAIL, "merged.person@example.com")).isEmpty();
            assertThat(storage().customerMerges().findByMerged(b.id())).contains(merge);
            assertThat(storage().customerMerges().findInto(a.id())).containsExactly(merge);
            assertThat(storage().customers().count()).isEqualTo(1);
            Customer withAddress = storage().customers().update(storage().customers().get(a.id()).toBuilder()
                    .identities(List.of(ContactIdentity.primary(Channel.EMAIL, "merged.person@example.com")))
                    .build());
            assertThat(withAddress.identities()).hasSize(1);
        }

        @Test
        @DisplayName("retiring an unknown customer or one already merged fails and changes nothing")
        void retireRefusesUnknownAndRepeated() {
            // given
            Customer a = storage().customers().insert(TestData.customer().build());
            Customer b = storage().customers().insert(TestData.customer().build());
            CustomerId unknown = CustomerId.random();
            storage().customerMerges().retire(new CustomerMerge(b.id(), a.id(), TestData.now(), "system"));

            // when
            Throwable missing = catchThrowable(() -> storage().customerMerges().retire(
                    new CustomerMerge(unknown, a.id(), TestData.now(), "system")));
            Throwable repeated = catchThrowable(() -> storage().customerMerges().retire(
                    new CustomerMerge(b.id(), a.id(), TestData.now(), "system")));

            // then
            assertThat(missing).isInstanceOf(CustomerNotFoundException.class);
            assertThat(storage().customerMerges().findByMerged(unknown)).isEmpty();
            assertThat(repeated).isInstanceOf(DuplicateEntityException.class);
            assertThat(storage().customerMerges().findInto(a.id())).hasSize(1);
        }

        @Test
        @DisplayName("a reassignment inside a transaction that rolls back moves nothing")
        void reassignRollsBack() {
            // given
            Customer a = storage().customers().insert(TestData.customer().build());
            Customer b = storage().customers().insert(TestData.customer().build());
            storage().cases().insert(TestData.supportCase(b.id()).build());

            // when
            Throwable thrown = catchThrowable(() -> storage().transactions().inTransaction(() -> {
                storage().customerMerges().reassign(b.id(), a.id());
                storage().customerMerges().retire(new CustomerMerge(b.id(), a.id(), TestData.now(), "system"));
                throw new IllegalStateException("abandon");
            }));

            // then
            assertThat(thrown).isInstanceOf(IllegalStateException.class);
            assertThat(storage().cases().findByCustomer(b.id(), PageRequest.first(10)).items()).hasSize(1);
            assertThat(storage().customers().findById(b.id())).isPresent();
            assertThat(storage().customerMerges().findByMerged(b.id())).isEmpty();
        }
    }

    // =============================================================================================== interactions

    /** Interactions: round trips, unique ids and external ids, queries by case, customer and time range. */
    @Nested
    @DisplayName("Interactions")
    class InteractionContract {

        @Test
        @DisplayName("an interaction with every field set comes back exactly as stored")
        void interactionWithEveryFieldRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case supportCase = storedCase(customer.id());
            Interaction interaction = TestData.interactionWithEveryField(customer.id(), supportCase.id(), agent.id())
                    .build();

            // when
            Interaction stored = interactions().insert(interaction);

            // then
            assertThat(stored).isEqualTo(interaction);
            assertThat(interactions().findById(interaction.id())).contains(interaction);
        }

        @Test
        @DisplayName("an interaction with every optional empty comes back with them empty")
        void interactionWithEmptyOptionalsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            Interaction interaction = Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                    .channel(Channel.CHAT).occurredAt(now).recordedAt(now).build();

            // when
            interactions().insert(interaction);

            // then
            Interaction found = interactions().get(interaction.id());
            assertThat(found).isEqualTo(interaction);
            assertThat(found.summary()).isEmpty();
            assertThat(found.externalId()).isEmpty();
            assertThat(found.handleTime()).isEmpty();
            assertThat(found.amount()).isEmpty();
        }

        @Test
        @DisplayName("a summary of 100,000 characters with emoji and keys of 200 characters round-trip")
        void interactionAtLimitsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Interaction interaction = TestData.interactionAtLimits(customer.id()).build();

            // when
            interactions().insert(interaction);

            // then
            assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
            assertThat(interactions().findByExternalId(interaction.externalId().orElseThrow())).contains(interaction);
        }

        @Test
        @DisplayName("every kind, direction, handler, visibility and channel round-trips, a host-defined channel too")
        void everyInteractionValueRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<Channel> channels = new ArrayList<>(Channel.BUILT_IN);
            channels.add(TestData.LINE);
            List<Interaction> all = new ArrayList<>();
            int n = Math.max(channels.size(), InteractionKind.values().length);
            for (int i = 0; i < n; i++) {
                all.add(TestData.interaction(customer.id())
                        .channel(channels.get(i % channels.size()))
                        .kind(InteractionKind.values()[i % InteractionKind.values().length])
                        .direction(Direction.values()[i % Direction.values().length])
                        .handledBy(Handler.values()[i % Handler.values().length])
                        .visibility(Visibility.values()[(i / 2) % Visibility.values().length])
                        .build());
            }

            // when
            all.forEach(interactions()::insert);

            // then
            for (Interaction interaction : all) {
                assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
            }
        }

        @Test
        @DisplayName("a second interaction with the same id is rejected on key \"id\"")
        void duplicateInteractionIdIsRejected() {
            // given
            Customer customer = storedCustomer();
            Interaction first = storedInteraction(customer.id());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> interactions().insert(TestData.interaction(customer.id()).id(first.id())
                            .summary("other").build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(interactions().get(first.id())).isEqualTo(first);
        }

        @Test
        @DisplayName("a second interaction with the same external id throws DuplicateExternalIdException naming the stored one")
        void duplicateExternalIdIsRejected() {
            // given
            Customer customer = storedCustomer();
            Interaction first = interactions().insert(TestData.interaction(customer.id())
                    .externalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ").build());
            Interaction again = TestData.interaction(customer.id()).externalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ")
                    .build();

            // when
            DuplicateExternalIdException thrown = catchThrowableOfType(DuplicateExternalIdException.class,
                    () -> interactions().insert(again));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.existing()).isEqualTo(first.id());
            assertThat(thrown.externalId()).isEqualTo("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ");
            assertThat(interactions().findById(again.id())).isEmpty();
            assertThat(interactions().findByExternalId("wamid.HBgLNDQ3OTQ2MDAwMBUCABEYEjQ")).contains(first);
        }

        @Test
        @DisplayName("lookups by external id are exact: case and spaces matter")
        void externalIdLookupIsExact() {
            // given
            Customer customer = storedCustomer();
            Interaction stored = interactions().insert(TestData.interaction(customer.id()).externalId("Call-ABC-1")
                    .build());
            Interaction other = interactions().insert(TestData.interaction(customer.id()).externalId("call-abc-1")
                    .build());

            // when / then
            assertThat(interactions().findByExternalId("Call-ABC-1")).contains(stored);
            assertThat(interactions().findByExternalId("call-abc-1")).contains(other);
            assertThat(interactions().findByExternalId("CALL-ABC-1")).isEmpty();
            assertThat(interactions().findByExternalId("Call-ABC-1 ")).isEmpty();
        }

        @Test
        @DisplayName("a batch lookup by external ids finds each stored one exactly, over several queries' worth of ids")
        void externalIdBatchLookup() {
            // given
            Customer customer = storedCustomer();
            Interaction stored = interactions().insert(TestData.interaction(customer.id()).externalId("Call-ABC-1")
                    .build());
            Interaction other = interactions().insert(TestData.interaction(customer.id()).externalId("call-abc-1")
                    .build());
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                asked.add("ticket:" + i);
            }
            asked.addAll(List.of("Call-ABC-1", "call-abc-1", "CALL-ABC-1", "Call-ABC-1"));
            asked.add(null);

            // when
            Map<String, Interaction> found = interactions().findAllByExternalId(asked);

            // then
            assertThat(found).containsOnly(Map.entry("Call-ABC-1", stored), Map.entry("call-abc-1", other));
            assertThat(interactions().findAllByExternalId(List.of())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws InteractionNotFoundException with the id")
        void unknownInteractionIsNotFound() {
            // given
            InteractionId unknown = InteractionId.random();

            // when
            InteractionNotFoundException thrown = catchThrowableOfType(InteractionNotFoundException.class,
                    () -> interactions().get(unknown));

            // then
            assertThat(interactions().findById(unknown)).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.interactionId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a case's interactions come in occurrence order, without other cases' interactions")
        void interactionsOfACaseInOccurrenceOrder() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            Case otherCase = storedCase(customer.id());
            Interaction third = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                    .occurredAt(T0.plusSeconds(30)).build());
            Interaction first = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                    .occurredAt(T0).build());
            Interaction second = interactions().insert(TestData.interaction(customer.id()).caseId(supportCase.id())
                    .occurredAt(T0.plusNanos(1_000)).build());
            interactions().insert(TestData.interaction(customer.id()).caseId(otherCase.id()).occurredAt(T0).build());
            interactions().insert(TestData.interaction(customer.id()).occurredAt(T0).build());

            // when
            List<Interaction> found = interactions().findByCase(supportCase.id());

            // then
            assertThat(found).containsExactly(first, second, third);
            assertThat(interactions().findByCase(CaseId.random())).isEmpty();
        }

        @Test
        @DisplayName("a customer's interactions are found in a half-open time range [from, to)")
        void customerInteractionsInHalfOpenRange() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            List<Interaction> stored = new ArrayList<>();
            for (Instant at : aroundRange()) {
                stored.add(interactions().insert(TestData.interaction(customer.id()).occurredAt(at).build()));
                interactions().insert(TestData.interaction(other.id()).occurredAt(at).build());
            }

            // when
            Page<Interaction> found = interactions().findByCustomer(customer.id(), theRange(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
            assertThat(found.hasNext()).isFalse();
        }

        @Test
        @DisplayName("all interactions are found in a half-open time range [from, to), whoever the customer")
        void interactionsOccurredInHalfOpenRange() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            List<Interaction> stored = new ArrayList<>();
            List<Instant> times = aroundRange();
            for (int i = 0; i < times.size(); i++) {
                Customer whose = i % 2 == 0 ? customer : other;
                stored.add(interactions().insert(TestData.interaction(whose.id()).occurredAt(times.get(i)).build()));
            }

            // when
            Page<Interaction> found = interactions().findOccurredBetween(theRange(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        }

        @Test
        @DisplayName("the range TimeRange.ALL finds interactions from any year, and an empty range finds none")
        void extremeRangesOfInteractions() {
            // given
            Customer customer = storedCustomer();
            Interaction old = interactions().insert(TestData.interaction(customer.id())
                    .occurredAt(Instant.parse("1960-01-01T00:00:00.000001Z")).build());
            Interaction future = interactions().insert(TestData.interaction(customer.id())
                    .occurredAt(Instant.parse("2100-12-31T23:59:59.999999Z")).build());
            Interaction atT0 = interactions().insert(TestData.interaction(customer.id()).occurredAt(T0).build());

            // when
            Page<Interaction> all = interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first());
            Page<Interaction> ofCustomer = interactions().findByCustomer(customer.id(), TimeRange.ALL,
                    PageRequest.first());
            Page<Interaction> none = interactions().findOccurredBetween(TimeRange.of(T0, T0), PageRequest.first());

            // then
            assertThat(all.items()).containsExactly(old, atT0, future);
            assertThat(ofCustomer.items()).containsExactly(old, atT0, future);
            assertThat(none.items()).isEmpty();
        }
    }

    // ====================================================================================================== cases

    /** Cases: round trips with history, versions, unique ids, queries by customer, status and creation time. */
    @Nested
    @DisplayName("Cases")
    class CaseContract {

        @Test
        @DisplayName("findAllById returns every stored case among the ids, history included, and skips unknown ids")
        void findAllCasesById() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case full = cases().insert(TestData.caseWithEveryField(customer.id(), agent.id()).build());
            Case plain = storedCase(customer.id());
            Case other = storedCase(customer.id());

            // when
            Map<CaseId, Case> found = cases().findAllById(List.of(full.id(), CaseId.random(), plain.id(), full.id()));

            // then
            assertThat(found).containsOnly(Map.entry(full.id(), full), Map.entry(plain.id(), plain))
                    .doesNotContainKey(other.id());
            assertThat(cases().findAllById(List.of())).isEmpty();
        }

        @Test
        @DisplayName("a case with every field set, history included, comes back exactly as stored with version 1")
        void caseWithEveryFieldRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case supportCase = TestData.caseWithEveryField(customer.id(), agent.id()).version(3).build();

            // when
            Case stored = cases().insert(supportCase);

            // then
            assertThat(stored).isEqualTo(supportCase.withVersion(1));
            assertThat(cases().findById(supportCase.id())).contains(supportCase.withVersion(1));
            assertThat(stored.history()).hasSize(6);
        }

        @Test
        @DisplayName("a case with every optional empty comes back with them empty")
        void caseWithEmptyOptionalsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            Case supportCase = Case.builder().id(CaseId.random()).customerId(customer.id()).subject("?")
                    .originChannel(Channel.IN_PERSON).createdAt(now).updatedAt(now).build();

            // when
            cases().insert(supportCase);

            // then
            Case found = cases().get(supportCase.id());
            assertThat(found).isEqualTo(supportCase.withVersion(1));
            assertThat(found.history()).isEmpty();
            assertThat(found.requiredSkills()).isEmpty();
            assertThat(found.language()).isEmpty();
            assertThat(found.firstReplyAt()).isEmpty();
        }

        @Test
        @DisplayName("a subject of 500 characters with emoji and 50 required skills round-trip")
        void caseAtLimitsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = TestData.caseAtLimits(customer.id()).build();

            // when
            cases().insert(supportCase);

            // then
            assertThat(cases().get(supportCase.id())).isEqualTo(supportCase.withVersion(1));
        }

        @Test
        @DisplayName("every case status and priority round-trips")
        void everyCaseStatusAndPriorityRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<Case> all = new ArrayList<>();
            for (CaseStatus status : CaseStatus.values()) {
                for (Priority priority : Priority.values()) {
                    all.add(TestData.supportCase(customer.id()).status(status).priority(priority).build());
                }
            }

            // when
            all.forEach(cases()::insert);

            // then
            for (Case supportCase : all) {
                assertThat(cases().get(supportCase.id())).isEqualTo(supportCase.withVersion(1));
            }
        }

        @Test
        @DisplayName("every creation-time quality round-trips, and a lifecycle update keeps it")
        void creationTimeQualityRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<Case> all = new ArrayList<>();
            for (CreationTimeQuality quality : CreationTimeQuality.values()) {
                all.add(TestData.supportCase(customer.id()).createdAtQuality(quality).build());
            }

            // when
            all.forEach(cases()::insert);
            List<Case> found = all.stream().map(c -> cases().get(c.id())).toList();
            Case unknown = found.get(found.size() - 1);
            Case moved = cases().update(unknown.moveTo(CaseStatus.OPEN, unknown.createdAt().plusSeconds(10)));

            // then
            assertThat(found).isEqualTo(all.stream().map(c -> c.withVersion(1)).toList());
            assertThat(moved.createdAtQuality()).isEqualTo(CreationTimeQuality.UNKNOWN);
            assertThat(cases().get(moved.id()).createdAtQuality()).isEqualTo(CreationTimeQuality.UNKNOWN);
            assertThat(Case.builder().build().createdAtQuality()).isEqualTo(CreationTimeQuality.RECORDED);
        }

        @Test
        @DisplayName("each lifecycle update raises the version by one and keeps the growing history")
        void caseUpdatesThroughItsLifecycle() {
            // given
            Customer customer = storedCustomer();
            Case v1 = storedCase(customer.id());
            Instant created = v1.createdAt();

            // when
            Case v2 = cases().update(v1.moveTo(CaseStatus.OPEN, created.plusSeconds(10)));
            Case v3 = cases().update(v2.moveTo(CaseStatus.RESOLVED, created.plusSeconds(20)));
            Case v4 = cases().update(v3.moveTo(CaseStatus.OPEN, created.plusSeconds(30)));

            // then
            assertThat(List.of(v2.version(), v3.version(), v4.version())).containsExactly(2L, 3L, 4L);
            Case found = cases().get(v1.id());
            assertThat(found).isEqualTo(v4);
            assertThat(found.history()).extracting(h -> h.to())
                    .containsExactly(CaseStatus.OPEN, CaseStatus.RESOLVED, CaseStatus.OPEN);
            assertThat(found.firstResolvedAt()).contains(created.plusSeconds(20));
            assertThat(found.resolvedAt()).isEmpty();
            assertThat(found.reopenCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("an update based on a stale version is rejected and changes nothing")
        void staleCaseUpdateIsRejected() {
            // given
            Customer customer = storedCustomer();
            Case v1 = storedCase(customer.id());
            Case v2 = cases().update(v1.moveTo(CaseStatus.OPEN, v1.createdAt().plusSeconds(1)));

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> cases().update(v1.moveTo(CaseStatus.RESOLVED, v1.createdAt().plusSeconds(2))));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.id()).isEqualTo(v1.id().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(cases().get(v1.id())).isEqualTo(v2);
        }

        @Test
        @DisplayName("updating an unknown case throws CaseNotFoundException with its id and stores nothing")
        void updatingUnknownCaseThrowsNotFound() {
            // given
            Customer customer = storedCustomer();
            Case unknown = TestData.supportCase(customer.id()).version(1).build();

            // when
            CaseNotFoundException thrown = catchThrowableOfType(CaseNotFoundException.class,
                    () -> cases().update(unknown));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.caseId()).isEqualTo(unknown.id());
            assertThat(cases().findById(unknown.id())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws CaseNotFoundException with the id")
        void unknownCaseIsNotFound() {
            // given
            CaseId unknown = CaseId.random();

            // when
            CaseNotFoundException thrown = catchThrowableOfType(CaseNotFoundException.class,
                    () -> cases().get(unknown));

            // then
            assertThat(cases().findById(unknown)).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.caseId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a second case with the same id is rejected on key \"id\" and the first stays as it was")
        void duplicateCaseIdIsRejected() {
            // given
            Customer customer = storedCustomer();
            Case first = storedCase(customer.id());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> cases().insert(TestData.supportCase(customer.id()).id(first.id()).subject("Other").build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(cases().get(first.id())).isEqualTo(first);
        }

        @Test
        @DisplayName("a customer's cases come in creation order, without other customers' cases")
        void casesOfACustomerInCreationOrder() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            Case later = cases().insert(TestData.supportCase(customer.id()).createdAt(T0.plusSeconds(60)).build());
            Case earlier = cases().insert(TestData.supportCase(customer.id()).createdAt(T0).build());
            cases().insert(TestData.supportCase(other.id()).createdAt(T0).build());

            // when
            Page<Case> found = cases().findByCustomer(customer.id(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(earlier, later);
            assertThat(cases().findByCustomer(CustomerId.random(), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("cases are found by any of several statuses, in creation order; no status finds none")
        void casesFoundByAnyOfSeveralStatuses() {
            // given
            Customer customer = storedCustomer();
            Map<CaseStatus, Case> byStatus = new HashMap<>();
            int i = 0;
            for (CaseStatus status : CaseStatus.values()) {
                byStatus.put(status, cases().insert(TestData.supportCase(customer.id()).status(status)
                        .createdAt(T0.minusSeconds(i++)).build()));
            }

            // when
            Page<Case> found = cases().findByStatus(EnumSet.of(CaseStatus.OPEN, CaseStatus.RESOLVED),
                    PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(byStatus.get(CaseStatus.RESOLVED),
                    byStatus.get(CaseStatus.OPEN));
            assertThat(cases().findByStatus(Set.of(CaseStatus.CLOSED), PageRequest.first()).items())
                    .containsExactly(byStatus.get(CaseStatus.CLOSED));
            assertThat(cases().findByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("cases are found by creation time in a half-open range [from, to)")
        void casesCreatedInHalfOpenRange() {
            // given
            Customer customer = storedCustomer();
            List<Case> stored = new ArrayList<>();
            for (Instant at : aroundRange()) {
                stored.add(cases().insert(TestData.supportCase(customer.id()).createdAt(at).updatedAt(at).build()));
            }

            // when
            Page<Case> found = cases().findCreatedBetween(theRange(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
            assertThat(cases().findCreatedBetween(TimeRange.ALL, PageRequest.first()).items())
                    .containsExactlyElementsOf(stored);
        }
    }

    // =================================================================================================== feedback

    /** Feedback: round trips of every metric and scale, unique ids, queries by case, customer and receipt time. */
    @Nested
    @DisplayName("Feedback")
    class FeedbackContract {

        @Test
        @DisplayName("a response with every field set comes back exactly as stored")
        void feedbackWithEveryFieldRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case supportCase = storedCase(customer.id());
            Interaction interaction = interactions().insert(TestData.interaction(customer.id())
                    .caseId(supportCase.id()).agentId(agent.id()).build());
            Feedback response = TestData.feedbackWithEveryField(customer.id(), supportCase.id(), interaction.id(),
                    agent.id()).build();

            // when
            Feedback stored = feedback().insert(response);

            // then
            assertThat(stored).isEqualTo(response);
            assertThat(feedback().findById(response.id())).contains(response);
        }

        @Test
        @DisplayName("a response with every optional empty comes back with them empty")
        void feedbackWithEmptyOptionalsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Feedback response = Feedback.builder().id(FeedbackId.random()).customerId(customer.id())
                    .metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(0).receivedAt(TestData.now()).build();

            // when
            feedback().insert(response);

            // then
            Feedback found = feedback().get(response.id());
            assertThat(found).isEqualTo(response);
            assertThat(found.comment()).isEmpty();
            assertThat(found.channel()).isEmpty();
            assertThat(found.caseId()).isEmpty();
        }

        @Test
        @DisplayName("a comment of 100,000 characters with emoji and an order reference of 200 characters round-trip")
        void feedbackAtLimitsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Feedback response = TestData.feedbackAtLimits(customer.id()).build();

            // when
            feedback().insert(response);

            // then
            assertThat(feedback().get(response.id())).isEqualTo(response);
        }

        @Test
        @DisplayName("every metric, scale and direction round-trips, with scores at both ends and negative scales")
        void everyMetricAndScaleRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<Feedback> all = List.of(
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(1)
                            .build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT).scale(Scale.CSAT_1_TO_5).score(5)
                            .build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(0)
                            .build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.NPS).scale(Scale.NPS_0_TO_10).score(10)
                            .build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CES).scale(Scale.CES_1_TO_7).score(7)
                            .build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CES).scale(Scale.CES_EFFORT_1_TO_5)
                            .score(5).build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CSAT)
                            .scale(new Scale(-2, 2, ScaleDirection.HIGHER_IS_BETTER)).score(-2).build(),
                    TestData.feedback(customer.id()).metric(FeedbackMetric.CES)
                            .scale(new Scale(0, 100, ScaleDirection.LOWER_IS_BETTER)).score(73).build());

            // when
            all.forEach(feedback()::insert);

            // then
            for (Feedback response : all) {
                assertThat(feedback().get(response.id())).isEqualTo(response);
            }
        }

        @Test
        @DisplayName("a second response with the same id is rejected on key \"id\"")
        void duplicateFeedbackIdIsRejected() {
            // given
            Customer customer = storedCustomer();
            Feedback first = feedback().insert(TestData.feedback(customer.id()).build());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> feedback().insert(TestData.feedback(customer.id()).id(first.id()).score(1).build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(feedback().get(first.id())).isEqualTo(first);
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws FeedbackNotFoundException with the id")
        void unknownFeedbackIsNotFound() {
            // given
            FeedbackId unknown = FeedbackId.random();

            // when
            FeedbackNotFoundException thrown = catchThrowableOfType(FeedbackNotFoundException.class,
                    () -> feedback().get(unknown));

            // then
            assertThat(feedback().findById(unknown)).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.feedbackId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a case's responses come in receipt order, without other cases' responses")
        void feedbackOfACaseInReceiptOrder() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            Case otherCase = storedCase(customer.id());
            Feedback later = feedback().insert(TestData.feedback(customer.id()).caseId(supportCase.id())
                    .receivedAt(T0.plusSeconds(1)).build());
            Feedback earlier = feedback().insert(TestData.feedback(customer.id()).caseId(supportCase.id())
                    .receivedAt(T0).build());
            feedback().insert(TestData.feedback(customer.id()).caseId(otherCase.id()).receivedAt(T0).build());
            feedback().insert(TestData.feedback(customer.id()).receivedAt(T0).build());

            // when
            List<Feedback> found = feedback().findByCase(supportCase.id());

            // then
            assertThat(found).containsExactly(earlier, later);
        }

        @Test
        @DisplayName("a customer's responses come in receipt order, without other customers' responses")
        void feedbackOfACustomerInReceiptOrder() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            Feedback later = feedback().insert(TestData.feedback(customer.id()).receivedAt(T0.plusSeconds(1)).build());
            Feedback earlier = feedback().insert(TestData.feedback(customer.id()).receivedAt(T0).build());
            feedback().insert(TestData.feedback(other.id()).receivedAt(T0).build());

            // when
            Page<Feedback> found = feedback().findByCustomer(customer.id(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(earlier, later);
        }

        @Test
        @DisplayName("responses are found by receipt time in a half-open range [from, to)")
        void feedbackReceivedInHalfOpenRange() {
            // given
            Customer customer = storedCustomer();
            List<Feedback> stored = new ArrayList<>();
            for (Instant at : aroundRange()) {
                stored.add(feedback().insert(TestData.feedback(customer.id()).receivedAt(at).build()));
            }

            // when
            Page<Feedback> found = feedback().findReceivedBetween(theRange(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
            assertThat(feedback().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items())
                    .containsExactlyElementsOf(stored);
        }
    }

    /**
     * Survey answers: the responses of one answer stored together, one answer per survey follow-up even under
     * concurrent writers, replacement of an answer as one step, and refusals that store nothing.
     */
    @Nested
    @DisplayName("Survey answers")
    class SurveyAnswerContract {

        private List<Feedback> answer(CustomerId customer, FollowUpId followUp, int... scores) {
            List<Feedback> responses = new ArrayList<>();
            FeedbackMetric[] metrics = FeedbackMetric.values();
            for (int n = 0; n < scores.length; n++) {
                FeedbackMetric metric = metrics[n % metrics.length];
                Scale scale = metric == FeedbackMetric.NPS ? Scale.NPS_0_TO_10 : Scale.CSAT_1_TO_5;
                responses.add(TestData.feedback(customer).metric(metric).scale(scale).score(scores[n])
                        .receivedAt(T0.plusSeconds(n)).comment(n == 0 ? "Quick and kind" : null)
                        .followUpId(followUp).build());
            }
            return responses;
        }

        @Test
        @DisplayName("an answer's responses are stored together, come back exactly, and are found by their follow-up")
        void answerRoundTripsAndIsFoundBySurvey() {
            // given
            Customer customer = storedCustomer();
            FollowUpId followUp = FollowUpId.random();
            List<Feedback> responses = answer(customer.id(), followUp, 4, 9);
            FollowUpId other = FollowUpId.random();
            List<Feedback> otherAnswer = feedback().insertSurveyAnswer(other, answer(customer.id(), other, 3));

            // when
            List<Feedback> stored = feedback().insertSurveyAnswer(followUp, responses);

            // then
            assertThat(stored).containsExactlyElementsOf(responses);
            assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(responses);
            for (Feedback response : responses) {
                assertThat(feedback().get(response.id())).isEqualTo(response);
            }
            assertThat(feedback().findBySurvey(other)).containsExactlyElementsOf(otherAnswer);
            assertThat(feedback().findBySurvey(FollowUpId.random())).isEmpty();
        }

        @Test
        @DisplayName("a second answer to the same follow-up is refused on key \"followUpId\" and stores nothing")
        void secondAnswerIsRefused() {
            // given
            Customer customer = storedCustomer();
            FollowUpId followUp = FollowUpId.random();
            List<Feedback> first = feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 5));
            List<Feedback> second = answer(customer.id(), followUp, 1, 0);

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> feedback().insertSurveyAnswer(followUp, second));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("followUpId");
            assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(first);
            second.forEach(f -> assertThat(feedback().findById(f.id())).isEmpty());
        }

        @Test
        @DisplayName("an answer whose response id is taken is refused on key \"id\", and the follow-up stays unanswered")
        void answerWithATakenIdIsRefused() {
            // given
            Customer customer = storedCustomer();
            Feedback taken = feedback().insert(TestData.feedback(customer.id()).build());
            FollowUpId followUp = FollowUpId.random();
            List<Feedback> clashing = List.of(answer(customer.id(), followUp, 5).get(0),
                    answer(customer.id(), followUp, 3).get(0).toBuilder().id(taken.id()).build());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> feedback().insertSurveyAnswer(followUp, clashing));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(feedback().findBySurvey(followUp)).isEmpty();
            assertThat(feedback().get(taken.id())).isEqualTo(taken);
            List<Feedback> later = answer(customer.id(), followUp, 2);
            assertThat(feedback().insertSurveyAnswer(followUp, later)).containsExactlyElementsOf(later);
        }

        @Test
        @DisplayName("replacing an answer removes its responses and stores the new ones; with none stored it stores")
        void replacingAnAnswerSwapsItsResponses() {
            // given
            Customer customer = storedCustomer();
            FollowUpId followUp = FollowUpId.random();
            List<Feedback> first = feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 2, 3));
            List<Feedback> second = answer(customer.id(), followUp, 5);
            FollowUpId fresh = FollowUpId.random();
            List<Feedback> firstOfFresh = answer(customer.id(), fresh, 4);

            // when
            feedback().replaceSurveyAnswer(followUp, second);
            feedback().replaceSurveyAnswer(fresh, firstOfFresh);

            // then
            assertThat(feedback().findBySurvey(followUp)).containsExactlyElementsOf(second);
            first.forEach(f -> assertThat(feedback().findById(f.id())).isEmpty());
            assertThat(feedback().findBySurvey(fresh)).containsExactlyElementsOf(firstOfFresh);
            assertThat(catchThrowableOfType(DuplicateEntityException.class,
                    () -> feedback().insertSurveyAnswer(fresh, answer(customer.id(), fresh, 1))).keyName())
                    .isEqualTo("followUpId");
        }

        @Test
        @DisplayName("when several threads answer the same follow-up at once, exactly one answer is stored")
        void concurrentAnswersLetExactlyOneWin() {
            requires(StorageCapability.CONCURRENT_WRITERS);
            // given
            Customer customer = storedCustomer();
            int threads = 8;
            for (int round = 0; round < 5; round++) {
                FollowUpId followUp = FollowUpId.random();

                // when
                List<Boolean> won = inParallel(threads, thread -> {
                    try {
                        feedback().insertSurveyAnswer(followUp, answer(customer.id(), followUp, 1 + thread % 5));
                        return true;
                    } catch (DuplicateEntityException e) {
                        return false;
                    }
                });

                // then
                assertThat(won).as("answers stored in round %d", round).containsOnlyOnce(true);
                assertThat(feedback().findBySurvey(followUp)).hasSize(1);
            }
        }
    }

    // ================================================================================================= follow-ups

    /** Follow-ups: round trips, versions, unique ids and idempotency keys, queries, and claims under leases. */
    @Nested
    @DisplayName("Follow-ups")
    class FollowUpContract {

        @Test
        @DisplayName("a follow-up with every field set comes back exactly as stored with version 1")
        void followUpWithEveryFieldRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            FollowUp followUp = TestData.followUpWithEveryField(customer.id(), supportCase.id()).version(9).build();

            // when
            FollowUp stored = followUps().insert(followUp);

            // then
            assertThat(stored).isEqualTo(followUp.withVersion(1));
            assertThat(followUps().findById(followUp.id())).contains(followUp.withVersion(1));
        }

        @Test
        @DisplayName("a follow-up with every optional empty comes back with them empty")
        void followUpWithEmptyOptionalsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            FollowUp followUp = FollowUp.builder().id(FollowUpId.random()).customerId(customer.id())
                    .kind(FollowUpKind.BIRTHDAY).channel(Channel.SMS).dueAt(now.plus(Duration.ofDays(30)))
                    .idempotencyKey("birthday:" + customer.id() + ":2030").createdAt(now).updatedAt(now).build();

            // when
            followUps().insert(followUp);

            // then
            FollowUp found = followUps().get(followUp.id());
            assertThat(found).isEqualTo(followUp.withVersion(1));
            assertThat(found.caseId()).isEmpty();
            assertThat(found.leaseOwner()).isEmpty();
            assertThat(found.leaseUntil()).isEmpty();
            assertThat(found.values()).isEmpty();
        }

        @Test
        @DisplayName("errors and cancel reasons of 100,000 characters, 100 values and keys of 200 characters round-trip")
        void followUpAtLimitsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            FollowUp followUp = TestData.followUpAtLimits(customer.id()).build();

            // when
            followUps().insert(followUp);

            // then
            assertThat(followUps().get(followUp.id())).isEqualTo(followUp.withVersion(1));
            assertThat(followUps().findByIdempotencyKey(followUp.idempotencyKey()))
                    .contains(followUp.withVersion(1));
        }

        @Test
        @DisplayName("every status, every built-in kind and a host-defined kind and channel round-trip")
        void everyFollowUpStatusAndKindRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<FollowUpKind> kinds = new ArrayList<>(FollowUpKind.BUILT_IN);
            kinds.add(FollowUpKind.of("anniversary_card"));
            List<FollowUp> all = new ArrayList<>();
            for (FollowUpStatus status : FollowUpStatus.values()) {
                for (FollowUpKind kind : kinds) {
                    Channel channel = all.size() % 3 == 0 ? TestData.LINE : Channel.EMAIL;
                    all.add(TestData.followUp(customer.id()).status(status).kind(kind).channel(channel).build());
                }
            }

            // when
            all.forEach(followUps()::insert);

            // then
            for (FollowUp followUp : all) {
                assertThat(followUps().get(followUp.id())).isEqualTo(followUp.withVersion(1));
            }
        }

        @Test
        @DisplayName("each update raises the version by one and stores every changed field")
        void followUpUpdateRaisesVersionByOne() {
            // given
            Customer customer = storedCustomer();
            FollowUp v1 = followUps().insert(TestData.followUp(customer.id()).build());

            // when
            FollowUp v2 = followUps().update(v1.toBuilder().dueAt(v1.dueAt().plus(Duration.ofHours(2))).build());
            FollowUp v3 = followUps().update(v2.toBuilder().status(FollowUpStatus.CANCELLED)
                    .cancelReason("Customer unsubscribed").updatedAt(v2.updatedAt().plusSeconds(1)).build());

            // then
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v3.version()).isEqualTo(3);
            assertThat(followUps().get(v1.id())).isEqualTo(v3);
            assertThat(v3.cancelReason()).contains("Customer unsubscribed");
        }

        @Test
        @DisplayName("updateEach stores the current follow-ups, skips a stale and a missing one, and answers in order")
        void updateEachStoresCurrentAndSkipsStale() {
            // given
            Customer customer = storedCustomer();
            FollowUp first = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp stale = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp newer = followUps().update(stale.toBuilder().attempts(1).build());
            FollowUp missing = TestData.followUp(customer.id()).version(1).build();
            FollowUp last = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp firstSent = first.toBuilder().status(FollowUpStatus.SENT).attempts(1).lastError("none").build();
            FollowUp lastCancelled = last.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason("replied").build();

            // when
            List<Optional<FollowUp>> results = followUps().updateEach(List.of(firstSent,
                    stale.toBuilder().status(FollowUpStatus.FAILED).build(), missing, lastCancelled));

            // then
            assertThat(results).containsExactly(Optional.of(firstSent.withVersion(2)), Optional.empty(),
                    Optional.empty(), Optional.of(lastCancelled.withVersion(2)));
            assertThat(followUps().get(first.id())).isEqualTo(firstSent.withVersion(2));
            assertThat(followUps().get(stale.id())).isEqualTo(newer);
            assertThat(followUps().findById(missing.id())).isEmpty();
            assertThat(followUps().get(last.id())).isEqualTo(lastCancelled.withVersion(2));
            assertThat(followUps().updateEach(List.of())).isEmpty();
        }

        @Test
        @DisplayName("updateEach keeps every field exactly, times to the microsecond centuries apart, values and empties")
        void updateEachKeepsEveryField() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            FollowUp full = followUps().insert(TestData.followUpWithEveryField(customer.id(), supportCase.id()).build());
            FollowUp plain = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp fullChanged = full.toBuilder().dueAt(Instant.parse("1900-01-01T00:00:00.000001Z"))
                    .expiresAt(Instant.parse("2999-12-31T23:59:59.999999Z"))
                    .leaseUntil(Instant.parse("2024-02-29T12:34:56.789012Z")).leaseOwner("node ü 🚀")
                    .lastError("line one\nline 'two'; DROP TABLE x; --").cancelReason(null)
                    .values(Map.of("name", "Zoë \"Z\" O'Brien", "emoji", "🎉")).build();
            FollowUp plainChanged = plain.toBuilder().caseId(supportCase.id()).expiresAt(null).leaseOwner(null)
                    .leaseUntil(null).lastError(null).values(Map.of()).build();

            // when
            List<Optional<FollowUp>> results = followUps().updateEach(List.of(fullChanged, plainChanged));

            // then
            assertThat(results).containsExactly(Optional.of(fullChanged.withVersion(full.version() + 1)),
                    Optional.of(plainChanged.withVersion(plain.version() + 1)));
            assertThat(followUps().get(full.id())).isEqualTo(fullChanged.withVersion(full.version() + 1));
            assertThat(followUps().get(plain.id())).isEqualTo(plainChanged.withVersion(plain.version() + 1));
        }

        @Test
        @DisplayName("updateEach that breaks a constraint for one follow-up writes none of them")
        void updateEachIsAllOrNothing() {
            // given
            Customer customer = storedCustomer();
            FollowUp holder = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp b = followUps().insert(TestData.followUp(customer.id()).build());

            // when b is given a's neighbour's idempotency key
            Throwable thrown = catchThrowable(() -> followUps().updateEach(List.of(
                    a.toBuilder().status(FollowUpStatus.SENT).build(),
                    b.toBuilder().idempotencyKey(holder.idempotencyKey()).build())));

            // then
            assertThat(thrown).isInstanceOf(DuplicateIdempotencyKeyException.class);
            assertThat(followUps().get(a.id())).isEqualTo(a);
            assertThat(followUps().get(b.id())).isEqualTo(b);
            assertThat(followUps().get(holder.id())).isEqualTo(holder);
        }

        @Test
        @DisplayName("updateEach inside a transaction that rolls back leaves every follow-up as it was")
        void updateEachRollsBackWithTransaction() {
            // given
            Customer customer = storedCustomer();
            FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp b = followUps().insert(TestData.followUp(customer.id()).build());

            // when
            assertThatThrownBy(() -> storage.transactions().runInTransaction(() -> {
                followUps().updateEach(List.of(a.toBuilder().status(FollowUpStatus.SENT).build(),
                        b.toBuilder().status(FollowUpStatus.SENT).build()));
                throw new IllegalStateException("abort");
            })).hasMessage("abort");

            // then
            assertThat(followUps().get(a.id())).isEqualTo(a);
            assertThat(followUps().get(b.id())).isEqualTo(b);
        }

        @Test
        @DisplayName("updateEach refuses a follow-up given twice, naming the field and the rule, and writes nothing")
        void updateEachRefusesRepeatedId() {
            // given
            Customer customer = storedCustomer();
            FollowUp a = followUps().insert(TestData.followUp(customer.id()).build());

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class,
                    () -> followUps().updateEach(List.of(a.toBuilder().status(FollowUpStatus.SENT).build(),
                            a.toBuilder().status(FollowUpStatus.CANCELLED).build())));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.violations()).anySatisfy(v -> {
                assertThat(v.field()).isEqualTo("followUps");
                assertThat(v.rule()).isEqualTo("Unique");
            });
            assertThat(followUps().get(a.id())).isEqualTo(a);
        }

        @Test
        @DisplayName("an update based on a stale version is rejected and changes nothing")
        void staleFollowUpUpdateIsRejected() {
            // given
            Customer customer = storedCustomer();
            FollowUp v1 = followUps().insert(TestData.followUp(customer.id()).build());
            FollowUp v2 = followUps().update(v1.toBuilder().attempts(1).build());

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> followUps().update(v1.toBuilder().status(FollowUpStatus.CANCELLED).build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.id()).isEqualTo(v1.id().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(followUps().get(v1.id())).isEqualTo(v2);
        }

        @Test
        @DisplayName("updating an unknown follow-up throws FollowUpNotFoundException with its id and stores nothing")
        void updatingUnknownFollowUpThrowsNotFound() {
            // given
            Customer customer = storedCustomer();
            FollowUp unknown = TestData.followUp(customer.id()).version(1).build();

            // when
            FollowUpNotFoundException thrown = catchThrowableOfType(FollowUpNotFoundException.class,
                    () -> followUps().update(unknown));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.followUpId()).isEqualTo(unknown.id());
            assertThat(followUps().findById(unknown.id())).isEmpty();
            assertThat(followUps().findByIdempotencyKey(unknown.idempotencyKey())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws FollowUpNotFoundException with the id")
        void unknownFollowUpIsNotFound() {
            // given
            FollowUpId unknown = FollowUpId.random();

            // when
            FollowUpNotFoundException thrown = catchThrowableOfType(FollowUpNotFoundException.class,
                    () -> followUps().get(unknown));

            // then
            assertThat(followUps().findById(unknown)).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.followUpId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a second follow-up with the same id is rejected on key \"id\"")
        void duplicateFollowUpIdIsRejected() {
            // given
            Customer customer = storedCustomer();
            FollowUp first = followUps().insert(TestData.followUp(customer.id()).build());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> followUps().insert(TestData.followUp(customer.id()).id(first.id()).build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(followUps().get(first.id())).isEqualTo(first);
        }

        @Test
        @DisplayName("a second follow-up with the same idempotency key throws DuplicateIdempotencyKeyException naming the stored one")
        void duplicateIdempotencyKeyIsRejected() {
            // given
            Customer customer = storedCustomer();
            FollowUp first = followUps().insert(TestData.followUp(customer.id())
                    .idempotencyKey("survey:case-4711").build());
            FollowUp again = TestData.followUp(customer.id()).kind(FollowUpKind.SURVEY)
                    .idempotencyKey("survey:case-4711").build();

            // when
            DuplicateIdempotencyKeyException thrown = catchThrowableOfType(DuplicateIdempotencyKeyException.class,
                    () -> followUps().insert(again));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.existing()).isEqualTo(first.id());
            assertThat(thrown.idempotencyKey()).isEqualTo("survey:case-4711");
            assertThat(followUps().findById(again.id())).isEmpty();
            assertThat(followUps().findByIdempotencyKey("survey:case-4711")).contains(first);
        }

        @Test
        @DisplayName("a follow-up is found by its exact idempotency key")
        void findsFollowUpByIdempotencyKey() {
            // given
            Customer customer = storedCustomer();
            FollowUp stored = followUps().insert(TestData.followUp(customer.id()).idempotencyKey("Renewal:2025")
                    .build());

            // when / then
            assertThat(followUps().findByIdempotencyKey("Renewal:2025")).contains(stored);
            assertThat(followUps().findByIdempotencyKey("renewal:2025")).isEmpty();
            assertThat(followUps().findByIdempotencyKey("Renewal:2026")).isEmpty();
        }

        @Test
        @DisplayName("a customer's follow-ups come in due order, without other customers' follow-ups")
        void followUpsOfACustomerInDueOrder() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            FollowUp later = followUps().insert(TestData.followUp(customer.id()).dueAt(T0.plusSeconds(1)).build());
            FollowUp earlier = followUps().insert(TestData.followUp(customer.id()).dueAt(T0).build());
            followUps().insert(TestData.followUp(other.id()).dueAt(T0).build());

            // when
            Page<FollowUp> found = followUps().findByCustomer(customer.id(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(earlier, later);
        }

        @Test
        @DisplayName("follow-ups are found by any of several statuses, in due order; no status finds none")
        void followUpsByStatusInDueOrder() {
            // given
            Customer customer = storedCustomer();
            Map<FollowUpStatus, FollowUp> byStatus = new HashMap<>();
            int i = 0;
            for (FollowUpStatus status : FollowUpStatus.values()) {
                byStatus.put(status, storedFollowUp(customer.id(), status, T0.minusSeconds(i++)));
            }

            // when
            Page<FollowUp> found = followUps().findByStatus(EnumSet.of(FollowUpStatus.SCHEDULED,
                    FollowUpStatus.FAILED), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(byStatus.get(FollowUpStatus.FAILED),
                    byStatus.get(FollowUpStatus.SCHEDULED));
            assertThat(followUps().findByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
        }

        /** Claims: what is due, in which order, what a claim stores, and how leases protect and lapse. */
        @Nested
        @DisplayName("Claims")
        class ClaimContract {

            @Test
            @DisplayName("only scheduled follow-ups whose due time has passed are claimed")
            void claimsOnlyDueScheduledFollowUps() {
                // given
                Customer customer = storedCustomer();
                FollowUp due = storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
                storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(1));
                for (FollowUpStatus done : EnumSet.of(FollowUpStatus.SENT, FollowUpStatus.FAILED,
                        FollowUpStatus.CANCELLED, FollowUpStatus.EXPIRED)) {
                    storedFollowUp(customer.id(), done, hoursFromNow(-2));
                }
                followUps().insert(TestData.followUp(customer.id()).status(FollowUpStatus.CLAIMED)
                        .dueAt(hoursFromNow(-3)).leaseOwner("node-a").leaseUntil(hoursFromNow(1)).build());

                // when
                List<FollowUp> claimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 100);

                // then
                assertThat(claimed).extracting(FollowUp::id).containsExactly(due.id());
            }

            @Test
            @DisplayName("the oldest due are claimed first, and never more than the limit")
            void claimsOldestDueFirstWithinTheLimit() {
                // given
                Customer customer = storedCustomer();
                List<FollowUp> byAge = new ArrayList<>();
                for (int hoursAgo = 5; hoursAgo >= 1; hoursAgo--) {
                    byAge.add(TestData.followUp(customer.id()).dueAt(hoursFromNow(-hoursAgo)).build());
                }
                List<FollowUp> shuffled = new ArrayList<>(byAge);
                Collections.shuffle(shuffled, new Random(42));
                shuffled.forEach(followUps()::insert);

                // when
                List<FollowUp> first = followUps().claimDue("node-a", Duration.ofMinutes(5), 2);
                List<FollowUp> second = followUps().claimDue("node-b", Duration.ofMinutes(5), 2);
                List<FollowUp> rest = followUps().claimDue("node-c", Duration.ofMinutes(5), 10);

                // then
                assertThat(first).extracting(FollowUp::id).containsExactly(byAge.get(0).id(), byAge.get(1).id());
                assertThat(second).extracting(FollowUp::id).containsExactly(byAge.get(2).id(), byAge.get(3).id());
                assertThat(rest).extracting(FollowUp::id).containsExactly(byAge.get(4).id());
            }

            @Test
            @DisplayName("a claim stores status CLAIMED, the owner, a lease from the store's now and the next version, and changes nothing else")
            void claimMarksTheFollowUpAsClaimed() {
                // given
                Customer customer = storedCustomer();
                FollowUp due = followUps().insert(TestData.followUp(customer.id()).dueAt(hoursFromNow(-1))
                        .attempts(1).lastError("Mailbox full").build());
                Duration lease = Duration.ofMinutes(10);
                Instant before = Instant.now();

                // when
                List<FollowUp> claimed = followUps().claimDue("dispatcher-1", lease, 10);
                Instant after = Instant.now();

                // then
                assertThat(claimed).hasSize(1);
                FollowUp claim = claimed.get(0);
                assertThat(claim.status()).isEqualTo(FollowUpStatus.CLAIMED);
                assertThat(claim.leaseOwner()).contains("dispatcher-1");
                assertThat(claim.leaseUntil()).isPresent();
                assertThat(claim.leaseUntil().get()).isBetween(before.plus(lease).minus(CLOCK_TOLERANCE),
                        after.plus(lease).plus(CLOCK_TOLERANCE));
                assertThat(claim.version()).isEqualTo(2);
                assertThat(claim.toBuilder().status(due.status()).leaseOwner(null).leaseUntil(null)
                        .updatedAt(due.updatedAt()).version(1).build()).isEqualTo(due);
                assertThat(followUps().get(due.id())).isEqualTo(claim);
            }

            @Test
            @DisplayName("nothing is claimed when nothing is due")
            void nothingDueClaimsNothing() {
                // given
                Customer customer = storedCustomer();
                assertThat(followUps().claimDue("node-a", Duration.ofMinutes(5), 10)).isEmpty();
                storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(1));

                // when
                List<FollowUp> claimed = followUps().claimDue("node-a", Duration.ofMinutes(5), 10);

                // then
                assertThat(claimed).isEmpty();
            }

            @Test
            @DisplayName("a follow-up under a running lease is never claimed again, not even by its owner")
            void runningLeaseIsNeverClaimedTwice() {
                // given
                Customer customer = storedCustomer();
                FollowUp due = storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
                List<FollowUp> firstClaim = followUps().claimDue("node-a", Duration.ofMinutes(10), 10);

                // when
                List<FollowUp> byOther = followUps().claimDue("node-b", Duration.ofMinutes(10), 10);
                List<FollowUp> byOwner = followUps().claimDue("node-a", Duration.ofMinutes(10), 10);

                // then
                assertThat(firstClaim).extracting(FollowUp::id).containsExactly(due.id());
                assertThat(byOther).isEmpty();
                assertThat(byOwner).isEmpty();
                assertThat(followUps().get(due.id())).isEqualTo(firstClaim.get(0));
            }

            @Test
            @DisplayName("a claimed follow-up whose lease ended is claimed again by another dispatcher")
            void lapsedLeaseIsClaimedAgain() {
                // given
                Customer customer = storedCustomer();
                FollowUp abandoned = followUps().insert(TestData.followUp(customer.id())
                        .status(FollowUpStatus.CLAIMED).dueAt(hoursFromNow(-2)).leaseOwner("dead-node")
                        .leaseUntil(hoursFromNow(-1)).build());

                // when
                List<FollowUp> claimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);

                // then
                assertThat(claimed).hasSize(1);
                assertThat(claimed.get(0).id()).isEqualTo(abandoned.id());
                assertThat(claimed.get(0).leaseOwner()).contains("node-b");
                assertThat(claimed.get(0).leaseUntil().orElseThrow()).isAfter(Instant.now().minus(CLOCK_TOLERANCE));
                assertThat(claimed.get(0).version()).isEqualTo(2);
            }

            @Test
            @DisplayName("a late completion by the dispatcher whose lease was re-claimed is refused as stale")
            void staleCompletionAfterReclaimIsRefused() {
                // given
                Customer customer = storedCustomer();
                FollowUp deadNodesCopy = followUps().insert(TestData.followUp(customer.id())
                        .status(FollowUpStatus.CLAIMED).dueAt(hoursFromNow(-2)).leaseOwner("dead-node")
                        .leaseUntil(hoursFromNow(-1)).build());
                FollowUp reclaimed = followUps().claimDue("node-b", Duration.ofMinutes(5), 10).get(0);

                // when
                Throwable thrown = catchThrowableOfType(StaleVersionException.class,
                        () -> followUps().update(deadNodesCopy.toBuilder().status(FollowUpStatus.SENT)
                                .leaseOwner(null).leaseUntil(null).attempts(1).build()));

                // then
                assertThat(thrown).isNotNull();
                assertThat(followUps().get(deadNodesCopy.id())).isEqualTo(reclaimed);
            }

            @Test
            @DisplayName("the owner completes its claim with the claimed version, and a sent follow-up is not claimed again")
            void ownerCompletesItsClaim() {
                // given
                Customer customer = storedCustomer();
                storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
                FollowUp claim = followUps().claimDue("node-a", Duration.ofMinutes(5), 10).get(0);

                // when
                FollowUp sent = followUps().update(claim.toBuilder().status(FollowUpStatus.SENT).leaseOwner(null)
                        .leaseUntil(null).attempts(claim.attempts() + 1).build());

                // then
                assertThat(sent.version()).isEqualTo(3);
                assertThat(followUps().get(claim.id())).isEqualTo(sent);
                assertThat(followUps().claimDue("node-b", Duration.ofMinutes(5), 10)).isEmpty();
            }

            @Test
            @DisplayName("a claim released back to SCHEDULED for a retry is claimed again once due")
            void releasedClaimIsClaimedAgain() {
                // given
                Customer customer = storedCustomer();
                storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
                FollowUp claim = followUps().claimDue("node-a", Duration.ofMinutes(5), 10).get(0);
                followUps().update(claim.toBuilder().status(FollowUpStatus.SCHEDULED).leaseOwner(null)
                        .leaseUntil(null).attempts(1).lastError("SMTP 421").build());

                // when
                List<FollowUp> again = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);

                // then
                assertThat(again).hasSize(1);
                assertThat(again.get(0).leaseOwner()).contains("node-b");
                assertThat(again.get(0).attempts()).isEqualTo(1);
                assertThat(again.get(0).lastError()).contains("SMTP 421");
                assertThat(again.get(0).version()).isEqualTo(4);
            }

            @Test
            @DisplayName("a short lease really lapses: after it ends another claims it, and the first owner's completion is refused")
            void shortLeaseLapsesAndIsClaimedAgain() throws InterruptedException {
                requires(StorageCapability.LEASE_EXPIRY);
                // given
                Customer customer = storedCustomer();
                storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, hoursFromNow(-1));
                FollowUp firstClaim = followUps().claimDue("node-a", Duration.ofMillis(300), 10).get(0);

                // when
                List<FollowUp> secondClaim = List.of();
                Instant deadline = Instant.now().plusSeconds(5);
                while (secondClaim.isEmpty() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(100);
                    secondClaim = followUps().claimDue("node-b", Duration.ofMinutes(5), 10);
                }

                // then
                assertThat(secondClaim).as("claimed again within 5 s of a 300 ms lease").hasSize(1);
                assertThat(secondClaim.get(0).leaseOwner()).contains("node-b");
                assertThat(secondClaim.get(0).version()).isEqualTo(firstClaim.version() + 1);
                assertThatThrownBy(() -> followUps().update(firstClaim.toBuilder().status(FollowUpStatus.SENT)
                        .leaseOwner(null).leaseUntil(null).build())).isInstanceOf(StaleVersionException.class);
                assertThat(followUps().get(firstClaim.id())).isEqualTo(secondClaim.get(0));
            }
        }
    }

    // ===================================================================================================== agents

    /** Agents: round trips of skills, languages, capacity and load, versions, unique ids, queries by team. */
    @Nested
    @DisplayName("Agents")
    class AgentContract {

        @Test
        @DisplayName("an agent with every field set comes back exactly as stored with version 1")
        void agentWithEveryFieldRoundTrips() {
            // given
            Agent agent = TestData.agentWithEveryField().version(4).build();

            // when
            Agent stored = agents().insert(agent);

            // then
            assertThat(stored).isEqualTo(agent.withVersion(1));
            assertThat(agents().findById(agent.id())).contains(agent.withVersion(1));
        }

        @Test
        @DisplayName("an agent with empty maps and sets and no team comes back with them empty")
        void agentWithEmptyCollectionsRoundTrips() {
            // given
            Instant now = TestData.now();
            Agent agent = Agent.builder().id(AgentId.random()).name("New Starter").createdAt(now).updatedAt(now)
                    .build();

            // when
            agents().insert(agent);

            // then
            Agent found = agents().get(agent.id());
            assertThat(found).isEqualTo(agent.withVersion(1));
            assertThat(found.skills()).isEmpty();
            assertThat(found.languages()).isEmpty();
            assertThat(found.capacity()).isEmpty();
            assertThat(found.load()).isEmpty();
            assertThat(found.lastAssignedAt()).isEmpty();
            assertThat(found.team()).isEmpty();
        }

        @Test
        @DisplayName("an agent with a name of 200 characters, 200 skills and 50 languages round-trips")
        void agentAtLimitsRoundTrips() {
            // given
            Agent agent = TestData.agentAtLimits().build();

            // when
            agents().insert(agent);

            // then
            assertThat(agents().get(agent.id())).isEqualTo(agent.withVersion(1));
        }

        @Test
        @DisplayName("every presence round-trips")
        void everyPresenceRoundTrips() {
            // given
            List<Agent> all = new ArrayList<>();
            for (Presence presence : Presence.values()) {
                all.add(TestData.agent().presence(presence).build());
            }

            // when
            all.forEach(agents()::insert);

            // then
            for (Agent agent : all) {
                assertThat(agents().get(agent.id())).isEqualTo(agent.withVersion(1));
            }
        }

        @Test
        @DisplayName("each update raises the version by one and stores load and assignment times")
        void agentUpdateRaisesVersionByOne() {
            // given
            Agent v1 = agents().insert(TestData.agent().build());
            Instant assigned = TestData.now();

            // when
            Agent v2 = agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 1))
                    .lastAssignedAt(Map.of(Channel.CHAT, assigned)).build());
            Agent v3 = agents().update(v2.toBuilder().load(Map.of(Channel.CHAT, 2)).presence(Presence.BUSY).build());

            // then
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v3.version()).isEqualTo(3);
            assertThat(agents().get(v1.id())).isEqualTo(v3);
            assertThat(v3.lastAssignedAt()).containsEntry(Channel.CHAT, assigned);
        }

        @Test
        @DisplayName("an update based on a stale version is rejected and changes nothing")
        void staleAgentUpdateIsRejected() {
            // given
            Agent v1 = agents().insert(TestData.agent().build());
            Agent v2 = agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 3)).build());

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> agents().update(v1.toBuilder().load(Map.of(Channel.CHAT, 1)).build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.id()).isEqualTo(v1.id().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(agents().get(v1.id())).isEqualTo(v2);
        }

        @Test
        @DisplayName("updating an unknown agent throws AgentNotFoundException with its id and stores nothing")
        void updatingUnknownAgentThrowsNotFound() {
            // given
            Agent unknown = TestData.agent().version(1).build();

            // when
            AgentNotFoundException thrown = catchThrowableOfType(AgentNotFoundException.class,
                    () -> agents().update(unknown));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.agentId()).isEqualTo(unknown.id());
            assertThat(agents().findById(unknown.id())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id finds nothing, and get throws AgentNotFoundException with the id")
        void unknownAgentIsNotFound() {
            // given
            AgentId unknown = AgentId.random();

            // when
            AgentNotFoundException thrown = catchThrowableOfType(AgentNotFoundException.class,
                    () -> agents().get(unknown));

            // then
            assertThat(agents().findById(unknown)).isEmpty();
            assertThat(thrown).isNotNull();
            assertThat(thrown.agentId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("a second agent with the same id is rejected on key \"id\" and the first stays as it was")
        void duplicateAgentIdIsRejected() {
            // given
            Agent first = storedAgent();

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> agents().insert(TestData.agent().id(first.id()).name("Other").build()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(agents().get(first.id())).isEqualTo(first);
        }

        @Test
        @DisplayName("agents are listed in creation order, and a team's agents without the others")
        void agentsByTeamInCreationOrder() {
            // given
            TeamId billing = TeamId.of("billing");
            Agent later = agents().insert(TestData.agent().team(billing).createdAt(T0.plusSeconds(1)).build());
            Agent earlier = agents().insert(TestData.agent().team(billing).createdAt(T0).build());
            Agent noTeam = agents().insert(TestData.agent().createdAt(T0.minusSeconds(1)).build());
            Agent otherTeam = agents().insert(TestData.agent().team(TeamId.of("Billing")).createdAt(T0).build());

            // when
            Page<Agent> team = agents().findByTeam(billing, PageRequest.first());
            Page<Agent> all = agents().list(PageRequest.first());

            // then
            assertThat(team.items()).containsExactly(earlier, later);
            assertThat(all.items()).hasSize(4).startsWith(noTeam).endsWith(later).contains(otherTeam);
            assertThat(agents().findByTeam(TeamId.of("nobody"), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("inserting an agent with a blank name is refused by a ValidationException naming name, and nothing is stored")
        void blankAgentNameIsRefused() {
            assertInsertRefused(TestData.agent().name(" \t ").build(), "name", "NotBlank");
        }

        @Test
        @DisplayName("inserting an agent with a name of 1 MiB is refused by a ValidationException naming name, and nothing is stored")
        void hugeAgentNameIsRefused() {
            assertInsertRefused(TestData.agent().name("n".repeat(1 << 20)).build(), "name", "Size");
        }

        @Test
        @DisplayName("inserting an agent with NUL in its name is refused by a ValidationException naming name, and nothing is stored")
        void agentNameWithNulIsRefused() {
            assertInsertRefused(TestData.agent().name("Ann\u0000Lee").build(), "name", "PlainText");
        }

        @Test
        @DisplayName("inserting an agent with skill level 42 is refused by a ValidationException naming skills, and nothing is stored")
        void agentSkillLevel42IsRefused() {
            assertInsertRefused(TestData.agent().skills(Map.of("billing", 42)).build(), "skills", "Max");
        }

        @Test
        @DisplayName("inserting an agent with capacity -3 is refused by a ValidationException naming capacity, and nothing is stored")
        void negativeAgentCapacityIsRefused() {
            assertInsertRefused(TestData.agent().capacity(Map.of(Channel.CHAT, -3)).build(), "capacity", "Min");
        }

        @Test
        @DisplayName("inserting an agent with a negative load is refused by a ValidationException naming load, and nothing is stored")
        void negativeAgentLoadIsRefused() {
            assertInsertRefused(TestData.agent().load(Map.of(Channel.CHAT, -1)).build(), "load", "Min");
        }

        @Test
        @DisplayName("inserting an agent without an id is refused by a ValidationException naming id, not a NullPointerException")
        void agentWithoutIdIsRefused() {
            assertInsertRefused(TestData.agent().id(null).build(), "id", "NotNull");
        }

        @Test
        @DisplayName("an insert refused for several rules names every field at fault")
        void everyBadAgentFieldIsNamed() {
            // given
            Agent bad = TestData.agent().name("").skills(Map.of("billing", 0)).capacity(Map.of(Channel.EMAIL, 1001))
                    .createdAt(null).build();

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().insert(bad));

            // then
            assertThat(thrown).as("a ValidationException").isNotNull();
            assertThat(topLevelFields(thrown)).containsExactlyInAnyOrder("name", "skills", "capacity", "createdAt");
            assertThat(agents().findById(bad.id())).isEmpty();
        }

        @Test
        @DisplayName("an update to an invalid agent (skill level 42, capacity -3, a NUL in the name) is refused by field and changes nothing")
        void invalidAgentUpdateIsRefused() {
            // given
            Agent stored = storedAgent();
            Agent bad = stored.toBuilder().name("Ann\u0000Lee").skills(Map.of("billing", 42))
                    .capacity(Map.of(Channel.CHAT, -3)).build();

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().update(bad));

            // then
            assertThat(thrown).as("a ValidationException").isNotNull();
            assertThat(topLevelFields(thrown)).containsExactlyInAnyOrder("name", "skills", "capacity");
            assertThat(agents().get(stored.id())).isEqualTo(stored);
            assertThat(agents().update(stored).version()).as("the version was not used up").isEqualTo(2);
        }

        /** Inserts the agent, expects it refused on exactly the field by the rule, and the store left as it was. */
        private void assertInsertRefused(Agent bad, String field, String rule) {
            // given
            Agent other = storedAgent();
            List<Agent> before = agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items();

            // when
            ValidationException thrown = catchThrowableOfType(ValidationException.class, () -> agents().insert(bad));

            // then
            assertThat(thrown).as("a ValidationException").isNotNull();
            assertThat(topLevelFields(thrown)).as("the fields named by: %s", thrown.getMessage().length() > 300
                    ? thrown.getMessage().substring(0, 300) : thrown.getMessage()).containsExactly(field);
            assertThat(thrown.violations()).extracting(ValidationException.Violation::rule).contains(rule);
            assertThat(agents().list(PageRequest.first(PageRequest.MAX_LIMIT)).items()).isEqualTo(before);
            if (bad.id() != null) {
                assertThat(agents().findById(bad.id())).isEmpty();
            }
            assertThat(agents().get(other.id())).isEqualTo(other);
        }

        /** The fields a refusal names, without the part after a bracket or dot: {@code skills[*]} is skills. */
        private Set<String> topLevelFields(ValidationException thrown) {
            return thrown.fields().stream().map(f -> f.split("[.\\[<]", 2)[0])
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }

        // ------------------------------------------------------------------------------------------- change feed

        /** The whole feed from {@code since}, read a page of {@code limit} at a time with the (time, id) cursor. */
        private List<AgentChange> readFeed(Instant since, int limit) {
            List<AgentChange> all = new ArrayList<>();
            Instant at = since;
            Optional<AgentId> after = Optional.empty();
            for (int pages = 0; pages < 10_000; pages++) {
                List<AgentChange> page = agents().changedSince(at, after, limit);
                assertThat(page).as("a page of the feed").hasSizeLessThanOrEqualTo(limit);
                all.addAll(page);
                if (page.size() < limit) {
                    return all;
                }
                AgentChange last = page.get(page.size() - 1);
                at = last.writtenAt();
                after = Optional.of(last.agent().id());
            }
            throw new AssertionError("the feed never ended");
        }

        @Test
        @DisplayName("an insert and an update each appear in the change feed, with the agent exactly as stored")
        void insertAndUpdateAppearInTheFeed() {
            // given
            Instant before = agents().storeTime();

            // when
            Agent v1 = agents().insert(TestData.agentWithEveryField().build());
            List<AgentChange> afterInsert = agents().changedSince(before, Optional.empty(), 10);
            Agent v2 = agents().update(v1.toBuilder().presence(Presence.AWAY).build());
            List<AgentChange> afterUpdate = agents().changedSince(before, Optional.empty(), 10);

            // then
            assertThat(afterInsert).extracting(AgentChange::agent).containsExactly(v1);
            assertThat(afterUpdate).as("one entry per agent: its current version")
                    .extracting(AgentChange::agent).containsExactly(v2);
            assertThat(afterUpdate.get(0).writtenAt()).as("an update is written no earlier than the insert")
                    .isAfterOrEqualTo(afterInsert.get(0).writtenAt());
        }

        @Test
        @DisplayName("the change feed is ordered by write time, then by id in the order of the ids' text")
        void feedIsOrderedByWriteTimeThenId() {
            // given
            Instant before = agents().storeTime();
            Set<AgentId> written = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                written.add(storedAgent().id());
            }
            storage.transactions().runInTransaction(() -> {
                for (int i = 0; i < 10; i++) {
                    written.add(storedAgent().id());
                }
            });

            // when
            List<AgentChange> feed = agents().changedSince(before, Optional.empty(), PageRequest.MAX_LIMIT);

            // then
            assertThat(feed).extracting(c -> c.agent().id()).containsExactlyInAnyOrderElementsOf(written);
            assertThat(feed).as("ordered by write time, then id").isSortedAccordingTo(
                    Comparator.comparing(AgentChange::writtenAt).thenComparing(c -> c.agent().id().value().toString()));
            assertThat(feed).allSatisfy(c -> assertThat(c.writtenAt()).isAfterOrEqualTo(before)
                    .isEqualTo(c.writtenAt().truncatedTo(ChronoUnit.MICROS)));
        }

        @Test
        @DisplayName("many agents written in one transaction are read through the feed page by page, each once")
        void feedPagesThroughOneTransactionWithAfter() {
            // given
            Instant before = agents().storeTime();
            List<AgentId> written = storage.transactions().inTransaction(() -> {
                List<AgentId> ids = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    ids.add(storedAgent().id());
                }
                return ids;
            });

            // when
            List<AgentChange> feed = readFeed(before, 4);

            // then
            assertThat(feed).extracting(c -> c.agent().id()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(written);
            assertThat(readFeed(before, 1)).as("the same with pages of one").isEqualTo(feed);
            assertThat(readFeed(before, PageRequest.MAX_LIMIT)).as("the same in one page").isEqualTo(feed);
        }

        @Test
        @DisplayName("an updated agent moves to the end of the feed, after every write before it")
        void updatedAgentMovesToTheEndOfTheFeed() {
            // given
            Agent first = storedAgent();
            storedAgent();
            storedAgent();
            Instant beforeUpdate = agents().storeTime();

            // when
            Agent updated = agents().update(first.toBuilder().load(Map.of(Channel.CHAT, 1)).build());

            // then
            List<AgentChange> fromStart = readFeed(Instant.EPOCH, 2);
            assertThat(fromStart).hasSize(3);
            assertThat(fromStart).filteredOn(c -> c.agent().id().equals(first.id())).singleElement()
                    .satisfies(c -> assertThat(c.agent()).isEqualTo(updated));
            assertThat(agents().changedSince(beforeUpdate, Optional.empty(), 10)).as("written after the time asked")
                    .extracting(AgentChange::agent).containsExactly(updated);
        }

        @Test
        @DisplayName("the store's time is on the feed's scale: a write falls between the times asked before and after it")
        void storeTimeIsOnTheFeedScale() {
            // given
            Instant before = agents().storeTime();

            // when
            Agent agent = storedAgent();
            Instant after = agents().storeTime();

            // then
            AgentChange change = agents().changedSince(before, Optional.empty(), 10).get(0);
            assertThat(change.agent()).isEqualTo(agent);
            assertThat(change.writtenAt()).isBetween(before, after);
            assertThat(after).as("the store's clock is close to the test's")
                    .isBetween(TestData.now().minus(CLOCK_TOLERANCE), TestData.now().plus(CLOCK_TOLERANCE));
            assertThat(agents().changedSince(change.writtenAt(), Optional.of(agent.id()), 10)).as("after the last")
                    .isEmpty();
        }

        @Test
        @DisplayName("a rolled-back agent write leaves the feed as it was")
        void rolledBackAgentWriteLeavesTheFeed() {
            // given
            Agent kept = storedAgent();
            List<AgentChange> before = agents().changedSince(Instant.EPOCH, Optional.empty(), 10);

            // when
            Throwable thrown = catchThrowable(() -> storage.transactions().runInTransaction(() -> {
                agents().update(kept.toBuilder().presence(Presence.OFFLINE).build());
                agents().insert(TestData.agent().build());
                throw new IllegalStateException("boom");
            }));

            // then
            assertThat(thrown).isInstanceOf(IllegalStateException.class);
            assertThat(agents().changedSince(Instant.EPOCH, Optional.empty(), 10)).isEqualTo(before);
        }

        @Test
        @DisplayName("a feed limit outside 1 to 1,000 is rejected naming the limit")
        void feedLimitOutOfRangeIsRejected() {
            // when
            ValidationException zero = catchThrowableOfType(ValidationException.class,
                    () -> agents().changedSince(Instant.EPOCH, Optional.empty(), 0));
            ValidationException tooMany = catchThrowableOfType(ValidationException.class,
                    () -> agents().changedSince(Instant.EPOCH, Optional.empty(), PageRequest.MAX_LIMIT + 1));

            // then
            assertThat(zero).isNotNull();
            assertThat(tooMany).isNotNull();
            assertThat(zero.violations()).extracting(ValidationException.Violation::field).containsExactly("limit");
        }
    }

    // ==================================================================================================== routing

    /**
     * Routing's shared state: waiting work (versioned, with its offer, exclusions and capacity to move), its walk by
     * case id, holdings, rollback and concurrent updates. Routing state names cases and agents by id only; the kit
     * does not store them first, so an adapter must not enforce foreign keys from routing state.
     */
    @Nested
    @DisplayName("Routing state")
    class RoutingContract {

        private RoutingRepository routing() {
            return storage.routing();
        }

        private RoutingWork withCase(RoutingWork work, CaseId caseId) {
            return new RoutingWork(caseId, work.channel(), work.priority(), work.requiredSkills(),
                    work.optionalSkills(), work.language(), work.team(), work.preferredAgents(), work.slaDueAt(),
                    work.requestedAt(), work.queuedAt(), work.excluded(), work.moveFrom(), work.offer(),
                    work.version());
        }

        private RoutingOffer offerTo(AgentId agent) {
            Instant now = TestData.now();
            return new RoutingOffer(UUID.randomUUID(), agent, Channel.CHAT, 1, now, now.plusSeconds(30));
        }

        @Test
        @DisplayName("work with every field set comes back exactly as stored with version 1")
        void workWithEveryFieldRoundTrips() {
            // given
            RoutingWork work = TestData.routingWorkWithEveryField().withVersion(4);

            // when
            RoutingWork stored = routing().insertWork(work);

            // then
            assertThat(stored).isEqualTo(work.withVersion(1));
            assertThat(routing().findWork(work.caseId())).contains(work.withVersion(1));
        }

        @Test
        @DisplayName("work with nothing optional comes back with empty maps, lists and optionals")
        void workWithNothingOptionalRoundTrips() {
            // given
            RoutingWork work = TestData.routingWork();

            // when
            routing().insertWork(work);

            // then
            RoutingWork found = routing().findWork(work.caseId()).orElseThrow();
            assertThat(found).isEqualTo(work.withVersion(1));
            assertThat(found.requiredSkills()).isEmpty();
            assertThat(found.optionalSkills()).isEmpty();
            assertThat(found.language()).isEmpty();
            assertThat(found.team()).isEmpty();
            assertThat(found.preferredAgents()).isEmpty();
            assertThat(found.slaDueAt()).isEmpty();
            assertThat(found.excluded()).isEmpty();
            assertThat(found.moveFrom()).isEmpty();
            assertThat(found.offer()).isEmpty();
        }

        @Test
        @DisplayName("work with 100 skills, 20 preferred agents and 1,000 exclusions of 500 characters round-trips")
        void workAtLimitsRoundTrips() {
            // given
            RoutingWork work = TestData.routingWorkAtLimits();

            // when
            routing().insertWork(work);

            // then
            assertThat(routing().findWork(work.caseId())).contains(work.withVersion(1));
        }

        @Test
        @DisplayName("each update raises the version by one and stores the offer made, then taken back, and exclusions")
        void workUpdateRaisesVersionByOne() {
            // given
            RoutingWork v1 = routing().insertWork(TestData.routingWork());
            AgentId agent = AgentId.random();

            // when
            RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(agent))));
            RoutingWork v3 = routing().updateWork(v2.withOffer(Optional.empty())
                    .withExcluded(List.of(new WorkExclusion(agent, "TIMED_OUT", "no answer in 30 s"))));

            // then
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v3.version()).isEqualTo(3);
            assertThat(routing().findWork(v1.caseId())).contains(v3);
            assertThat(v3.offer()).isEmpty();
        }

        @Test
        @DisplayName("an update based on a stale version is rejected with StaleVersionException and changes nothing")
        void staleWorkUpdateIsRejected() {
            // given
            RoutingWork v1 = routing().insertWork(TestData.routingWork());
            RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random()))));

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random())))));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.entity()).isEqualTo("routing_work");
            assertThat(thrown.id()).isEqualTo(v1.caseId().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(routing().findWork(v1.caseId())).contains(v2);
        }

        @Test
        @DisplayName("a delete based on a stale version is rejected with StaleVersionException and keeps the work")
        void staleWorkDeleteIsRejected() {
            // given
            RoutingWork v1 = routing().insertWork(TestData.routingWork());
            RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.of(offerTo(AgentId.random()))));

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> routing().deleteWork(v1));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.entity()).isEqualTo("routing_work");
            assertThat(routing().findWork(v1.caseId())).contains(v2);
        }

        @Test
        @DisplayName("a delete of the current version removes the work")
        void deleteOfCurrentVersionRemovesWork() {
            // given
            RoutingWork v1 = routing().insertWork(TestData.routingWork());
            RoutingWork other = routing().insertWork(TestData.routingWork());

            // when
            routing().deleteWork(v1);

            // then
            assertThat(routing().findWork(v1.caseId())).isEmpty();
            assertThat(routing().findWork(other.caseId())).contains(other);
            assertThat(routing().countWork()).isEqualTo(1);
        }

        @Test
        @DisplayName("updating or deleting work of a case without any throws NotFoundException naming routing_work")
        void unknownWorkIsNotFound() {
            // given
            RoutingWork unknown = TestData.routingWork().withVersion(1);

            // when
            NotFoundException onUpdate = catchThrowableOfType(NotFoundException.class,
                    () -> routing().updateWork(unknown));
            NotFoundException onDelete = catchThrowableOfType(NotFoundException.class,
                    () -> routing().deleteWork(unknown));

            // then
            assertThat(onUpdate).isNotNull();
            assertThat(onUpdate.entity()).isEqualTo("routing_work");
            assertThat(onUpdate.id()).isEqualTo(unknown.caseId().toString());
            assertThat(onDelete).isNotNull();
            assertThat(onDelete.entity()).isEqualTo("routing_work");
            assertThat(routing().findWork(unknown.caseId())).isEmpty();
            assertThat(routing().countWork()).isZero();
        }

        @Test
        @DisplayName("second work for the same case is rejected on key \"id\" and the first stays as it was")
        void duplicateWorkIsRejected() {
            // given
            RoutingWork first = routing().insertWork(TestData.routingWork());

            // when
            DuplicateEntityException thrown = catchThrowableOfType(DuplicateEntityException.class,
                    () -> routing().insertWork(withCase(TestData.routingWorkWithEveryField(), first.caseId())));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.entity()).isEqualTo("routing_work");
            assertThat(thrown.keyName()).isEqualTo("id");
            assertThat(routing().findWork(first.caseId())).contains(first);
        }

        @Test
        @DisplayName("findWorkByOffer finds the work holding an open offer by the offer's id, and nothing once it is gone")
        void workIsFoundByItsOffer() {
            // given one piece of work with an open offer and another without
            RoutingWork offered = routing().insertWork(TestData.routingWorkWithEveryField());
            routing().insertWork(TestData.routingWork());
            UUID offerId = offered.offer().orElseThrow().offerId();

            // when
            Optional<RoutingWork> found = routing().findWorkByOffer(offerId);
            RoutingWork answered = routing().updateWork(offered.withOffer(Optional.empty()));
            Optional<RoutingWork> afterAnswer = routing().findWorkByOffer(offerId);

            // then
            assertThat(found).contains(offered);
            assertThat(afterAnswer).as("the offer is no longer open").isEmpty();
            assertThat(routing().findWorkByOffer(UUID.randomUUID())).isEmpty();
            assertThat(routing().findWork(offered.caseId())).contains(answered);
        }

        @Test
        @DisplayName("removeWork takes the work whatever its version and returns it; a second call finds nothing")
        void removeWorkReturnsWhatWasStored() {
            // given
            RoutingWork v1 = routing().insertWork(TestData.routingWorkWithEveryField());
            RoutingWork v2 = routing().updateWork(v1.withOffer(Optional.empty()));

            // when
            Optional<RoutingWork> removed = routing().removeWork(v1.caseId());
            Optional<RoutingWork> again = routing().removeWork(v1.caseId());

            // then
            assertThat(removed).contains(v2);
            assertThat(again).isEmpty();
            assertThat(routing().findWork(v1.caseId())).isEmpty();
        }

        @Test
        @DisplayName("listWork walks the work by case id as unsigned numbers (the ids' text order), after a given id")
        void listWorkWalksByCaseIdInUnsignedOrder() {
            // given: ids whose signed order (UUID.compareTo) differs from their text order
            List<String> texts = List.of("ffffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                    "7fffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000001",
                    "00000000-0000-0000-8000-000000000000", "00000000-0000-0000-7fff-ffffffffffff",
                    "c0ffee00-0000-4000-8000-000000000000");
            for (String text : texts) {
                routing().insertWork(TestData.routingWork(new CaseId(UUID.fromString(text))));
            }
            List<String> inTextOrder = texts.stream().sorted().toList();

            // when
            List<String> walked = new ArrayList<>();
            Optional<CaseId> after = Optional.empty();
            for (int pages = 0; pages < 100; pages++) {
                List<RoutingWork> page = routing().listWork(after, 2);
                page.forEach(w -> walked.add(w.caseId().toString()));
                if (page.size() < 2) {
                    break;
                }
                after = Optional.of(page.get(page.size() - 1).caseId());
            }

            // then
            assertThat(walked).isEqualTo(inTextOrder);
            assertThat(routing().listWork(Optional.empty(), PageRequest.MAX_LIMIT))
                    .extracting(w -> w.caseId().toString()).isEqualTo(inTextOrder);
            assertThat(routing().listWork(Optional.of(new CaseId(UUID.fromString(
                    "7fffffff-ffff-ffff-ffff-fffffffffff0"))), 10)).as("after an id that is not stored")
                    .extracting(w -> w.caseId().toString()).containsExactly(
                            "7fffffff-ffff-ffff-ffff-ffffffffffff", "80000000-0000-0000-0000-000000000000",
                            "c0ffee00-0000-4000-8000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");
            assertThat(routing().countWork()).isEqualTo(texts.size());
        }

        @Test
        @DisplayName("a walk limit outside 1 to 1,000 is rejected naming the limit")
        void listWorkLimitOutOfRangeIsRejected() {
            // when
            ValidationException zero = catchThrowableOfType(ValidationException.class,
                    () -> routing().listWork(Optional.empty(), 0));
            ValidationException tooMany = catchThrowableOfType(ValidationException.class,
                    () -> routing().listWork(Optional.empty(), PageRequest.MAX_LIMIT + 1));

            // then
            assertThat(zero).isNotNull();
            assertThat(tooMany).isNotNull();
            assertThat(zero.violations()).extracting(ValidationException.Violation::field).containsExactly("limit");
        }

        @Test
        @DisplayName("a holding is stored, replaced for the same case, found exactly as stored and removed once")
        void holdingsArePutReplacedFoundAndRemoved() {
            // given
            CaseId caseId = CaseId.random();
            RoutingHolding first = TestData.holding(caseId, AgentId.random());
            RoutingHolding replacement = new RoutingHolding(caseId, AgentId.random(), TestData.LINE, 1000,
                    Instant.parse("2024-06-03T08:00:00.000001Z"));
            RoutingHolding other = TestData.holding(CaseId.random(), first.agentId());

            // when
            routing().putHolding(first);
            routing().putHolding(other);
            Optional<RoutingHolding> beforeReplace = routing().findHolding(caseId);
            routing().putHolding(replacement);
            Optional<RoutingHolding> afterReplace = routing().findHolding(caseId);
            Optional<RoutingHolding> removed = routing().removeHolding(caseId);
            Optional<RoutingHolding> removedAgain = routing().removeHolding(caseId);

            // then
            assertThat(beforeReplace).contains(first);
            assertThat(afterReplace).contains(replacement);
            assertThat(removed).contains(replacement);
            assertThat(removedAgain).isEmpty();
            assertThat(routing().findHolding(caseId)).isEmpty();
            assertThat(routing().findHolding(other.caseId())).contains(other);
            assertThat(routing().findHolding(CaseId.random())).isEmpty();
        }

        @Test
        @DisplayName("a rollback leaves no routing state behind and restores what was there")
        void rollbackLeavesNoRoutingState() {
            // given
            RoutingWork kept = routing().insertWork(TestData.routingWork());
            RoutingHolding held = TestData.holding(CaseId.random(), AgentId.random());
            routing().putHolding(held);
            RoutingWork added = TestData.routingWorkWithEveryField();
            RoutingHolding newHolding = TestData.holding(CaseId.random(), AgentId.random());

            // when
            Throwable thrown = catchThrowable(() -> storage.transactions().runInTransaction(() -> {
                routing().insertWork(added);
                routing().updateWork(kept.withOffer(Optional.of(offerTo(AgentId.random()))));
                routing().putHolding(newHolding);
                routing().putHolding(new RoutingHolding(held.caseId(), AgentId.random(), Channel.EMAIL, 3,
                        held.since()));
                routing().removeHolding(held.caseId());
                throw new IllegalStateException("boom");
            }));

            // then
            assertThat(thrown).isInstanceOf(IllegalStateException.class);
            assertThat(routing().findWork(added.caseId())).isEmpty();
            assertThat(routing().findWork(kept.caseId())).contains(kept);
            assertThat(routing().countWork()).isEqualTo(1);
            assertThat(routing().findHolding(newHolding.caseId())).isEmpty();
            assertThat(routing().findHolding(held.caseId())).contains(held);
        }

        @Test
        @DisplayName("when several threads update the same work at once, exactly one wins and the others get StaleVersionException")
        void concurrentWorkUpdatesLetExactlyOneWin() {
            requires(StorageCapability.CONCURRENT_WRITERS);
            // given
            RoutingWork work = routing().insertWork(TestData.routingWork());
            int threads = 8;

            for (int round = 0; round < 10; round++) {
                RoutingWork base = routing().findWork(work.caseId()).orElseThrow();

                // when
                List<Boolean> won = inParallel(threads, thread -> {
                    try {
                        routing().updateWork(base.withOffer(Optional.of(offerTo(AgentId.random()))));
                        return true;
                    } catch (StaleVersionException e) {
                        return false;
                    }
                });

                // then
                assertThat(won).as("winners in round %d", round).containsOnlyOnce(true);
                assertThat(routing().findWork(work.caseId()).orElseThrow().version()).isEqualTo(base.version() + 1);
            }
        }

        @Test
        @DisplayName("when several threads hand out the same work at once, exactly one deletes it")
        void concurrentWorkDeletesLetExactlyOneWin() {
            requires(StorageCapability.CONCURRENT_WRITERS);
            // given
            int threads = 8;
            for (int round = 0; round < 10; round++) {
                RoutingWork work = routing().insertWork(TestData.routingWork());

                // when
                List<Boolean> won = inParallel(threads, thread -> {
                    try {
                        routing().deleteWork(work);
                        return true;
                    } catch (StaleVersionException | NotFoundException e) {
                        return false;
                    }
                });

                // then
                assertThat(won).as("deleters that won in round %d", round).containsOnlyOnce(true);
                assertThat(routing().findWork(work.caseId())).isEmpty();
            }
        }
    }

    // ================================================================================================= complaints

    /**
     * Complaints: round trips of every field, unique ids and references, versions, queries by customer, stage, receipt
     * time, root cause and product, the reference sequence, the append-only audit trail, improvement items, paging
     * and rollback.
     */
    @Nested
    @DisplayName("Complaints")
    class ComplaintContract {

        private ComplaintRepository complaints() {
            return storage.complaints();
        }

        private Complaint storedComplaint(CustomerId customerId) {
            return complaints().insert(TestData.complaint(customerId).build());
        }

        @Test
        @DisplayName("a complaint with every field set comes back exactly as stored with version 1, by id and by reference")
        void complaintWithEveryFieldRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            Complaint complaint = TestData.complaintWithEveryField(customer.id(), supportCase.id(), storedAgent().id(),
                    storedAgent().id()).version(5).build();

            // when
            Complaint stored = complaints().insert(complaint);

            // then
            assertThat(stored).isEqualTo(complaint.withVersion(1));
            assertThat(complaints().findById(complaint.id())).contains(complaint.withVersion(1));
            assertThat(complaints().findByReference(complaint.reference())).contains(complaint.withVersion(1));
            Complaint found = complaints().get(complaint.id());
            assertThat(found.deadlines()).hasSize(3);
            assertThat(found.deadlines().get(1).extendedTo()).isPresent();
            assertThat(found.outcome().orElseThrow().remedies()).extracting(Remedy::amount)
                    .contains(Optional.of(Money.of("4.99", "GBP")), Optional.empty());
            assertThat(List.<Object>copyOf(found.rootCauses())).containsExactlyElementsOf(complaint.rootCauses());
        }

        @Test
        @DisplayName("a complaint with every optional empty comes back with them empty")
        void complaintWithEmptyOptionalsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            Complaint complaint = Complaint.builder().id(ComplaintId.random()).reference(TestData.complaintReference())
                    .customerId(customer.id()).channel(Channel.IN_PERSON).description("?").regime("r")
                    .receivedAt(now).updatedAt(now).build();

            // when
            complaints().insert(complaint);

            // then
            Complaint found = complaints().get(complaint.id());
            assertThat(found).isEqualTo(complaint.withVersion(1));
            assertThat(found.product()).isEmpty();
            assertThat(found.remedySought()).isEmpty();
            assertThat(found.deadlines()).isEmpty();
            assertThat(found.assessment()).isEmpty();
            assertThat(found.agentIds()).isEmpty();
            assertThat(found.rootCauses()).isEmpty();
            assertThat(found.escalations()).isEmpty();
            assertThat(found.outcome()).isEmpty();
            assertThat(found.closedAt()).isEmpty();
        }

        @Test
        @DisplayName("a complaint at every size limit (texts of 100,000 characters, 20 deadlines, 50 root causes, a 28-character reference) round-trips")
        void complaintAtLimitsRoundTrips() {
            // given
            Customer customer = storedCustomer();
            Complaint complaint = TestData.complaintAtLimits(customer.id()).build();

            // when
            complaints().insert(complaint);

            // then
            assertThat(complaints().get(complaint.id())).isEqualTo(complaint.withVersion(1));
            assertThat(complaints().findByReference(complaint.reference())).map(Complaint::id)
                    .contains(complaint.id());
        }

        @Test
        @DisplayName("every kind, stage and severity round-trips")
        void everyKindStageAndSeverityRoundTrips() {
            // given
            Customer customer = storedCustomer();
            List<Complaint> all = new ArrayList<>();
            for (ComplaintKind kind : ComplaintKind.values()) {
                for (ComplaintStage stage : ComplaintStage.values()) {
                    Severity severity = Severity.values()[all.size() % Severity.values().length];
                    all.add(TestData.complaint(customer.id()).kind(kind).stage(stage).severity(severity).build());
                }
            }

            // when
            all.forEach(complaints()::insert);

            // then
            for (Complaint complaint : all) {
                assertThat(complaints().get(complaint.id())).isEqualTo(complaint.withVersion(1));
            }
        }

        @Test
        @DisplayName("each stage update raises the version by one and keeps what the moves set")
        void complaintUpdatesThroughItsStages() {
            // given
            Customer customer = storedCustomer();
            Complaint v1 = complaints().insert(TestData.complaint(customer.id())
                    .deadlines(List.of(ComplaintDeadline.due("reply", T0.plus(Duration.ofDays(15))))).build());
            Instant at = v1.receivedAt();

            // when
            Complaint v2 = complaints().update(v1.moveTo(ComplaintStage.ACKNOWLEDGED, at.plusSeconds(1)));
            Complaint v3 = complaints().update(v2.moveTo(ComplaintStage.RESPONDED, at.plusSeconds(2)));
            Complaint v4 = complaints().update(v3.moveTo(ComplaintStage.REOPENED, at.plusSeconds(3)));

            // then
            assertThat(List.of(v2.version(), v3.version(), v4.version())).containsExactly(2L, 3L, 4L);
            Complaint found = complaints().get(v1.id());
            assertThat(found).isEqualTo(v4);
            assertThat(found.stage()).isEqualTo(ComplaintStage.REOPENED);
            assertThat(found.acknowledgedAt()).contains(at.plusSeconds(1));
            assertThat(found.respondedAt()).contains(at.plusSeconds(2));
            assertThat(found.deadlines().get(0).metAt()).contains(at.plusSeconds(2));
            assertThat(found.reopenCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("an update based on a stale version is rejected and changes nothing")
        void staleComplaintUpdateIsRejected() {
            // given
            Customer customer = storedCustomer();
            Complaint v1 = storedComplaint(customer.id());
            Complaint v2 = complaints().update(v1.moveTo(ComplaintStage.ACKNOWLEDGED, v1.receivedAt().plusSeconds(1)));

            // when
            StaleVersionException thrown = catchThrowableOfType(StaleVersionException.class,
                    () -> complaints().update(v1.moveTo(ComplaintStage.CLOSED, v1.receivedAt().plusSeconds(2))));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.id()).isEqualTo(v1.id().toString());
            assertThat(thrown.expectedVersion()).isEqualTo(1);
            assertThat(complaints().get(v1.id())).isEqualTo(v2);
        }

        @Test
        @DisplayName("updating an unknown complaint throws ComplaintNotFoundException with its id and stores nothing")
        void updatingUnknownComplaintThrowsNotFound() {
            // given
            Customer customer = storedCustomer();
            Complaint unknown = TestData.complaint(customer.id()).version(1).build();

            // when
            ComplaintNotFoundException thrown = catchThrowableOfType(ComplaintNotFoundException.class,
                    () -> complaints().update(unknown));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.complaintId()).contains(unknown.id());
            assertThat(complaints().findById(unknown.id())).isEmpty();
            assertThat(complaints().findByReference(unknown.reference())).isEmpty();
        }

        @Test
        @DisplayName("an unknown id or reference finds nothing, and get throws ComplaintNotFoundException naming it")
        void unknownComplaintIsNotFound() {
            // given
            ComplaintId unknown = ComplaintId.random();
            ComplaintReference unknownReference = TestData.complaintReference();

            // when
            ComplaintNotFoundException byId = catchThrowableOfType(ComplaintNotFoundException.class,
                    () -> complaints().get(unknown));
            ComplaintNotFoundException byReference = catchThrowableOfType(ComplaintNotFoundException.class,
                    () -> complaints().getByReference(unknownReference));

            // then
            assertThat(complaints().findById(unknown)).isEmpty();
            assertThat(complaints().findByReference(unknownReference)).isEmpty();
            assertThat(byId.complaintId()).contains(unknown);
            assertThat(byReference.reference()).contains(unknownReference);
        }

        @Test
        @DisplayName("a second complaint with the same id is rejected on key \"id\", one with the same reference on key \"reference\"")
        void duplicateComplaintIdOrReferenceIsRejected() {
            // given
            Customer customer = storedCustomer();
            Complaint first = storedComplaint(customer.id());
            Complaint sameId = TestData.complaint(customer.id()).id(first.id()).description("Other").build();
            Complaint sameReference = TestData.complaint(customer.id()).reference(first.reference()).build();

            // when
            DuplicateEntityException idClash = catchThrowableOfType(DuplicateEntityException.class,
                    () -> complaints().insert(sameId));
            DuplicateEntityException referenceClash = catchThrowableOfType(DuplicateEntityException.class,
                    () -> complaints().insert(sameReference));

            // then
            assertThat(idClash).isNotNull();
            assertThat(idClash.keyName()).isEqualTo("id");
            assertThat(referenceClash).isNotNull();
            assertThat(referenceClash.keyName()).isEqualTo("reference");
            assertThat(complaints().get(first.id())).isEqualTo(first);
            assertThat(complaints().findById(sameReference.id())).isEmpty();
            assertThat(complaints().getByReference(first.reference())).isEqualTo(first);
        }

        @Test
        @DisplayName("an update may change the reference to a free one, which frees the old one, but not to a taken one")
        void referenceChangesOnlyToAFreeOne() {
            // given
            Customer customer = storedCustomer();
            Complaint first = storedComplaint(customer.id());
            Complaint second = storedComplaint(customer.id());
            ComplaintReference fresh = TestData.complaintReference();

            // when
            DuplicateEntityException clash = catchThrowableOfType(DuplicateEntityException.class,
                    () -> complaints().update(second.toBuilder().reference(first.reference()).build()));
            Complaint moved = complaints().update(second.toBuilder().reference(fresh).build());

            // then
            assertThat(clash).isNotNull();
            assertThat(clash.keyName()).isEqualTo("reference");
            assertThat(complaints().getByReference(first.reference())).isEqualTo(first);
            assertThat(complaints().getByReference(fresh)).isEqualTo(moved);
            assertThat(complaints().findByReference(second.reference())).isEmpty();
            assertThat(complaints().insert(TestData.complaint(customer.id()).reference(second.reference()).build())
                    .reference()).isEqualTo(second.reference());
        }

        @Test
        @DisplayName("a customer's complaints and compliments come in receipt order, without other customers'")
        void complaintsOfACustomerInReceiptOrder() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            Complaint later = complaints().insert(TestData.complaint(customer.id()).receivedAt(T0.plusSeconds(60))
                    .build());
            Complaint earlier = complaints().insert(TestData.compliment(customer.id()).receivedAt(T0).build());
            complaints().insert(TestData.complaint(other.id()).receivedAt(T0).build());

            // when
            Page<Complaint> found = complaints().findByCustomer(customer.id(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(earlier, later);
            assertThat(complaints().findByCustomer(CustomerId.random(), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("complaints are found by any of several stages, in receipt order; no stage finds none")
        void complaintsFoundByAnyOfSeveralStages() {
            // given
            Customer customer = storedCustomer();
            Map<ComplaintStage, Complaint> byStage = new HashMap<>();
            int i = 0;
            for (ComplaintStage stage : ComplaintStage.values()) {
                byStage.put(stage, complaints().insert(TestData.complaint(customer.id()).stage(stage)
                        .receivedAt(T0.minusSeconds(i++)).build()));
            }

            // when
            Page<Complaint> found = complaints().findByStage(
                    EnumSet.of(ComplaintStage.ACKNOWLEDGED, ComplaintStage.ESCALATED), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(byStage.get(ComplaintStage.ESCALATED),
                    byStage.get(ComplaintStage.ACKNOWLEDGED));
            assertThat(complaints().findByStage(Set.of(ComplaintStage.CLOSED), PageRequest.first()).items())
                    .containsExactly(byStage.get(ComplaintStage.CLOSED));
            assertThat(complaints().findByStage(Set.of(), PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("complaints are found by receipt time in a half-open range [from, to)")
        void complaintsReceivedInHalfOpenRange() {
            // given
            Customer customer = storedCustomer();
            List<Complaint> stored = new ArrayList<>();
            for (Instant at : aroundRange()) {
                stored.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at).updatedAt(at)
                        .build()));
            }

            // when
            Page<Complaint> found = complaints().findReceivedBetween(theRange(), PageRequest.first());

            // then
            assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
            assertThat(complaints().findReceivedBetween(TimeRange.ALL, PageRequest.first()).items())
                    .containsExactlyElementsOf(stored);
        }

        @Test
        @DisplayName("complaints are found by one of their root causes and by product, within a half-open receipt range")
        void complaintsFoundByRootCauseAndProduct() {
            // given
            Customer customer = storedCustomer();
            List<Instant> times = aroundRange();
            List<Complaint> matching = new ArrayList<>();
            for (Instant at : times) {
                matching.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at)
                        .rootCauses(new LinkedHashSet<>(List.of("packaging", "delivery.courier")))
                        .product("kettle-K2").build()));
            }
            complaints().insert(TestData.complaint(customer.id()).receivedAt(times.get(2))
                    .rootCauses(Set.of("delivery")).product("kettle-K3").build());
            complaints().insert(TestData.complaint(customer.id()).receivedAt(times.get(2))
                    .rootCauses(Set.of("Packaging")).product("KETTLE-K2").build());

            // when
            Page<Complaint> byCause = complaints().findByRootCause("delivery.courier", theRange(),
                    PageRequest.first());
            Page<Complaint> byProduct = complaints().findByProduct("kettle-K2", theRange(), PageRequest.first());

            // then
            assertThat(byCause.items()).containsExactly(matching.get(1), matching.get(2), matching.get(3));
            assertThat(byProduct.items()).containsExactly(matching.get(1), matching.get(2), matching.get(3));
            assertThat(complaints().findByRootCause("packaging", TimeRange.ALL, PageRequest.first()).items())
                    .containsExactlyElementsOf(matching);
            assertThat(complaints().findByRootCause("unknown", TimeRange.ALL, PageRequest.first()).items()).isEmpty();
            assertThat(complaints().findByProduct("kettle", TimeRange.ALL, PageRequest.first()).items()).isEmpty();
        }

        @Test
        @DisplayName("walking the pages of complaints by customer, stage, receipt time, root cause and product visits each exactly once")
        void complaintPagesVisitEachOnce() {
            // given
            Customer customer = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 22; i++) {
                Instant at = T0.plusSeconds(i / 3).plusNanos(i % 7 == 0 ? 1_000 : 0);
                expected.add(complaints().insert(TestData.complaint(customer.id()).receivedAt(at)
                        .stage(ComplaintStage.INVESTIGATING).rootCauses(Set.of("billing")).product("plan-x").build())
                        .id().value());
            }
            TimeRange hour = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));

            // when / then
            assertPagesVisitEachOnce(page -> complaints().findByCustomer(customer.id(), page), c -> c.id().value(),
                    Complaint::receivedAt, expected);
            assertPagesVisitEachOnce(page -> complaints().findByStage(Set.of(ComplaintStage.INVESTIGATING), page),
                    c -> c.id().value(), Complaint::receivedAt, expected);
            assertPagesVisitEachOnce(page -> complaints().findReceivedBetween(hour, page), c -> c.id().value(),
                    Complaint::receivedAt, expected);
            assertPagesVisitEachOnce(page -> complaints().findByRootCause("billing", hour, page),
                    c -> c.id().value(), Complaint::receivedAt, expected);
            assertPagesVisitEachOnce(page -> complaints().findByProduct("plan-x", hour, page), c -> c.id().value(),
                    Complaint::receivedAt, expected);
        }

        @Test
        @DisplayName("reference numbers start at 1 in each year and grow with every call, years independent")
        void referenceNumbersGrowPerYear() {
            // when
            long first2026 = complaints().nextReferenceNumber(2026);
            long second2026 = complaints().nextReferenceNumber(2026);
            long first2027 = complaints().nextReferenceNumber(2027);
            long third2026 = complaints().nextReferenceNumber(2026);

            // then
            assertThat(first2026).isEqualTo(1);
            assertThat(first2027).isEqualTo(1);
            assertThat(second2026).isGreaterThan(first2026);
            assertThat(third2026).isGreaterThan(second2026);
        }

        @Test
        @DisplayName("reference numbers taken by many threads at once are all different")
        void concurrentReferenceNumbersAreDistinct() {
            requires(StorageCapability.CONCURRENT_WRITERS);
            // given
            int threads = 8;
            int perThread = 25;

            // when
            List<List<Long>> taken = inParallel(threads, thread -> {
                List<Long> numbers = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    numbers.add(complaints().nextReferenceNumber(2030));
                }
                return numbers;
            });

            // then
            List<Long> all = taken.stream().flatMap(List::stream).toList();
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates().allMatch(n -> n > 0);
            for (List<Long> numbers : taken) {
                assertThat(numbers).as("one thread's numbers grow").isSorted().doesNotHaveDuplicates();
            }
        }

        @Test
        @DisplayName("the audit trail keeps every entry exactly, in the order appended, equal times included")
        void auditTrailKeepsAppendOrder() {
            // given
            Customer customer = storedCustomer();
            Complaint complaint = storedComplaint(customer.id());
            Complaint other = storedComplaint(customer.id());
            Instant at = T0;
            List<AuditEntry> entries = List.of(
                    AuditEntry.of(at, AuditEntry.SYSTEM, AuditAction.RECEIVED, null),
                    AuditEntry.of(at, AuditEntry.SYSTEM, AuditAction.MESSAGE_SENT, "complaint_acknowledgement"),
                    AuditEntry.stageChange(at, AuditEntry.SYSTEM, ComplaintStage.RECEIVED,
                            ComplaintStage.ACKNOWLEDGED, null),
                    TestData.auditEntryWithEveryField(),
                    AuditEntry.of(at.minusSeconds(1), "agent:" + UUID.randomUUID(), AuditAction.NOTE,
                            TestData.multilineText(Limits.TEXT)));

            // when
            for (AuditEntry entry : entries) {
                complaints().appendAudit(complaint.id(), entry);
                complaints().appendAudit(other.id(), TestData.auditEntry());
            }

            // then
            assertThat(complaints().auditTrail(complaint.id())).containsExactlyElementsOf(entries);
            assertThat(complaints().auditTrail(other.id())).hasSize(entries.size());
            assertThat(complaints().auditTrail(ComplaintId.random())).isEmpty();
        }

        @Test
        @DisplayName("an audit entry for an unknown complaint throws ComplaintNotFoundException and is not kept")
        void auditForUnknownComplaintIsRejected() {
            // given
            ComplaintId unknown = ComplaintId.random();

            // when
            ComplaintNotFoundException thrown = catchThrowableOfType(ComplaintNotFoundException.class,
                    () -> complaints().appendAudit(unknown, TestData.auditEntry()));

            // then
            assertThat(thrown).isNotNull();
            assertThat(thrown.complaintId()).contains(unknown);
            assertThat(complaints().auditTrail(unknown)).isEmpty();
        }

        @Test
        @DisplayName("a rolled-back transaction leaves no complaint, update, audit entry or improvement item behind")
        void rollbackUndoesComplaintWrites() {
            // given
            Customer customer = storedCustomer();
            Complaint existing = storedComplaint(customer.id());
            complaints().appendAudit(existing.id(), TestData.auditEntry());
            Complaint fresh = TestData.complaint(customer.id()).build();
            ImprovementItem item = TestData.improvement(existing.id());
            IllegalStateException boom = new IllegalStateException("boom");

            // when
            Throwable thrown = catchThrowable(() ->
                    storage.transactions().runInTransaction(() -> {
                        complaints().insert(fresh);
                        complaints().appendAudit(fresh.id(), TestData.auditEntry());
                        complaints().update(existing.toBuilder().reference(TestData.complaintReference()).build());
                        complaints().appendAudit(existing.id(), TestData.auditEntryWithEveryField());
                        complaints().insertImprovement(item);
                        throw boom;
                    }));

            // then
            assertThat(thrown).isSameAs(boom);
            assertThat(complaints().findById(fresh.id())).isEmpty();
            assertThat(complaints().findByReference(fresh.reference())).isEmpty();
            assertThat(complaints().auditTrail(fresh.id())).isEmpty();
            assertThat(complaints().get(existing.id())).isEqualTo(existing);
            assertThat(complaints().getByReference(existing.reference())).isEqualTo(existing);
            assertThat(complaints().auditTrail(existing.id())).hasSize(1);
            assertThat(complaints().findImprovementById(item.id())).isEmpty();
            assertThat(complaints().findImprovementByIssue(item.issue())).isEmpty();
            assertThat(complaints().insert(fresh).version()).isEqualTo(1);
        }

        @Test
        @DisplayName("an improvement item round-trips by id and by issue and moves through its statuses with growing versions")
        void improvementRoundTripsAndMoves() {
            // given
            Customer customer = storedCustomer();
            Complaint a = storedComplaint(customer.id());
            Complaint b = storedComplaint(customer.id());
            ImprovementItem item = TestData.improvement(a.id(), b.id()).withVersion(9);

            // when
            ImprovementItem v1 = complaints().insertImprovement(item);
            ImprovementItem v2 = complaints().updateImprovement(new ImprovementItem(v1.id(), v1.issue(),
                    ImprovementStatus.PLANNED, 1, v1.detectedAt(), List.of(a.id(), b.id(), a.id()),
                    Optional.of("Neue Kartons ab Q3 📦\nDouble-wall boxes"), v1.updatedAt().plusSeconds(1), 1));
            ImprovementItem v3 = complaints().updateImprovement(v2.moveTo(ImprovementStatus.DONE,
                    v2.updatedAt().plusSeconds(1)));

            // then
            assertThat(v1).isEqualTo(item.withVersion(1));
            assertThat(List.of(v2.version(), v3.version())).containsExactly(2L, 3L);
            assertThat(complaints().findImprovementById(item.id())).contains(v3);
            assertThat(complaints().findImprovementByIssue(item.issue())).contains(v3);
            assertThat(v3.complaints()).containsExactly(a.id(), b.id(), a.id());
            assertThat(v3.plan()).isEqualTo(v2.plan());
            assertThat(complaints().findImprovementById(ImprovementId.random())).isEmpty();
            assertThat(complaints().findImprovementByIssue(IssueKey.rootCause("nothing"))).isEmpty();
        }

        @Test
        @DisplayName("a second improvement item with the same id or issue is rejected, and the first stays as it was")
        void duplicateImprovementIsRejected() {
            // given
            ImprovementItem first = complaints().insertImprovement(TestData.improvement());
            ImprovementItem sameIssue = new ImprovementItem(ImprovementId.random(), first.issue(),
                    ImprovementStatus.OPEN, 1, T0, List.of(), Optional.empty(), T0, 0);
            ImprovementItem sameIssueOtherDimension = new ImprovementItem(ImprovementId.random(),
                    IssueKey.rootCause(first.issue().code()), ImprovementStatus.OPEN, 1, T0, List.of(),
                    Optional.empty(), T0, 0);

            // when
            DuplicateEntityException idClash = catchThrowableOfType(DuplicateEntityException.class,
                    () -> complaints().insertImprovement(new ImprovementItem(first.id(), IssueKey.product("other"),
                            ImprovementStatus.OPEN, 1, T0, List.of(), Optional.empty(), T0, 0)));
            DuplicateEntityException issueClash = catchThrowableOfType(DuplicateEntityException.class,
                    () -> complaints().insertImprovement(sameIssue));
            ImprovementItem otherDimension = complaints().insertImprovement(sameIssueOtherDimension);

            // then
            assertThat(idClash.keyName()).isEqualTo("id");
            assertThat(issueClash.keyName()).isEqualTo("issue");
            assertThat(complaints().findImprovementById(first.id())).contains(first);
            assertThat(complaints().findImprovementById(sameIssue.id())).isEmpty();
            assertThat(complaints().findImprovementByIssue(sameIssueOtherDimension.issue())).contains(otherDimension);
        }

        @Test
        @DisplayName("a stale improvement update is rejected, an unknown one is not found, and neither changes anything")
        void staleImprovementUpdateIsRejected() {
            // given
            ImprovementItem v1 = complaints().insertImprovement(TestData.improvement());
            ImprovementItem v2 = complaints().updateImprovement(v1.moveTo(ImprovementStatus.PLANNED, T0));
            ImprovementItem unknown = TestData.improvement().withVersion(1);

            // when
            StaleVersionException stale = catchThrowableOfType(StaleVersionException.class,
                    () -> complaints().updateImprovement(v1.moveTo(ImprovementStatus.DONE, T0)));
            ImprovementNotFoundException missing = catchThrowableOfType(ImprovementNotFoundException.class,
                    () -> complaints().updateImprovement(unknown));

            // then
            assertThat(stale).isNotNull();
            assertThat(stale.expectedVersion()).isEqualTo(1);
            assertThat(missing.improvementId()).isEqualTo(unknown.id());
            assertThat(complaints().findImprovementById(v1.id())).contains(v2);
            assertThat(complaints().findImprovementById(unknown.id())).isEmpty();
        }

        @Test
        @DisplayName("improvement items are found by any of several statuses, in detection order")
        void improvementsFoundByStatusInDetectionOrder() {
            // given
            List<ImprovementItem> stored = new ArrayList<>();
            int i = 0;
            for (ImprovementStatus status : ImprovementStatus.values()) {
                for (int copy = 0; copy < 2; copy++) {
                    ImprovementItem item = TestData.improvement();
                    stored.add(complaints().insertImprovement(new ImprovementItem(item.id(), item.issue(), status,
                            1 + copy, T0.minusSeconds(i++), List.of(), Optional.empty(), T0, 0)));
                }
            }

            // when
            Page<ImprovementItem> outstanding = complaints().findImprovementsByStatus(
                    EnumSet.of(ImprovementStatus.OPEN, ImprovementStatus.PLANNED), PageRequest.first());

            // then
            assertThat(outstanding.items()).containsExactly(stored.get(3), stored.get(2), stored.get(1),
                    stored.get(0));
            assertThat(complaints().findImprovementsByStatus(Set.of(ImprovementStatus.DONE), PageRequest.first())
                    .items()).containsExactly(stored.get(5), stored.get(4));
            assertThat(complaints().findImprovementsByStatus(Set.of(), PageRequest.first()).items()).isEmpty();
            assertPagesVisitEachOnce(page -> complaints().findImprovementsByStatus(
                    EnumSet.allOf(ImprovementStatus.class), page), item -> item.id().value(),
                    ImprovementItem::detectedAt, stored.stream().map(item -> item.id().value())
                            .collect(Collectors.toSet()));
        }
    }

    // ================================================================================================== redaction

    /**
     * Redaction for erasure: the free text of interactions, feedback and complaint audit trails is replaced, every
     * other field stays exactly as stored, other customers are untouched, a second call changes nothing, and a
     * rollback restores the text.
     */
    @Nested
    class RedactionContract {

        private static final String PLACEHOLDER = "[erased]";

        private ComplaintRepository complaints() {
            return storage.complaints();
        }

        private Interaction interactionSaying(CustomerId customerId, String summary) {
            return interactions().insert(TestData.interaction(customerId).summary(summary)
                    .externalId(TestData.key("msg", 20)).build());
        }

        private Feedback feedbackSaying(CustomerId customerId, String comment) {
            return feedback().insert(TestData.feedback(customerId).comment(comment).build());
        }

        @Test
        @DisplayName("redacting a customer's interactions replaces each summary with the placeholder and keeps every other field")
        void interactionRedactionReplacesOnlyTheSummary() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case supportCase = storedCase(customer.id());
            Interaction full = interactions().insert(TestData.interactionWithEveryField(customer.id(),
                    supportCase.id(), agent.id()).build());
            Interaction plain = interactionSaying(customer.id(), "Ann Lee, ann@example.com, +44 20 7946 0958");
            Interaction silent = interactions().insert(TestData.interaction(customer.id()).summary(null).build());

            // when
            int changed = interactions().redactForCustomer(customer.id(), PLACEHOLDER);

            // then
            assertThat(changed).isEqualTo(2);
            assertThat(interactions().get(full.id())).isEqualTo(full.toBuilder().summary(PLACEHOLDER).build());
            assertThat(interactions().get(plain.id())).isEqualTo(plain.toBuilder().summary(PLACEHOLDER).build());
            assertThat(interactions().get(silent.id())).isEqualTo(silent);
            assertThat(interactions().findByExternalId(full.externalId().orElseThrow()))
                    .contains(full.toBuilder().summary(PLACEHOLDER).build());
            assertThat(interactions().findByCase(supportCase.id())).extracting(Interaction::summary)
                    .containsExactly(Optional.of(PLACEHOLDER));
            assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first()).items())
                    .hasSize(3).allSatisfy(i -> assertThat(i.summary()).isIn(Optional.of(PLACEHOLDER),
                            Optional.empty()));
        }

        @Test
        @DisplayName("redacting a customer's interactions leaves another customer's interactions untouched")
        void interactionRedactionLeavesOtherCustomersAlone() {
            // given
            Customer erased = storedCustomer();
            Customer other = storedCustomer();
            interactionSaying(erased.id(), "mine");
            Interaction theirs = interactionSaying(other.id(), "theirs");

            // when
            interactions().redactForCustomer(erased.id(), PLACEHOLDER);

            // then
            assertThat(interactions().get(theirs.id())).isEqualTo(theirs);
            assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first()).items())
                    .filteredOn(i -> i.customerId().equals(other.id())).containsExactly(theirs);
        }

        @Test
        @DisplayName("redacting a customer's interactions a second time changes nothing and reports none changed")
        void interactionRedactionIsIdempotent() {
            // given
            Customer customer = storedCustomer();
            Interaction interaction = interactionSaying(customer.id(), "personal text");
            interactions().redactForCustomer(customer.id(), PLACEHOLDER);
            Interaction once = interactions().get(interaction.id());

            // when
            int changed = interactions().redactForCustomer(customer.id(), PLACEHOLDER);

            // then
            assertThat(once.summary()).contains(PLACEHOLDER);
            assertThat(changed).isZero();
            assertThat(interactions().get(interaction.id())).isEqualTo(once);
            assertThat(interactions().redactForCustomer(storedCustomer().id(), PLACEHOLDER)).isZero();
        }

        @Test
        @DisplayName("redacting one interaction replaces or removes its summary, reports whether it changed, and names an unknown id")
        void singleInteractionRedaction() {
            // given
            Customer customer = storedCustomer();
            Interaction kept = interactionSaying(customer.id(), "Call Ann Lee back");
            Interaction removed = interactionSaying(customer.id(), "Ann Lee again");
            InteractionId unknown = InteractionId.random();

            // when
            boolean keptChanged = interactions().redact(kept.id(), Optional.of("Call [erased] back"));
            boolean removedChanged = interactions().redact(removed.id(), Optional.empty());
            boolean again = interactions().redact(kept.id(), Optional.of("Call [erased] back"));

            // then
            assertThat(keptChanged).isTrue();
            assertThat(removedChanged).isTrue();
            assertThat(again).isFalse();
            assertThat(interactions().get(kept.id())).isEqualTo(kept.toBuilder().summary("Call [erased] back").build());
            assertThat(interactions().get(removed.id())).isEqualTo(removed.toBuilder().summary(null).build());
            assertThat(catchThrowableOfType(InteractionNotFoundException.class,
                    () -> interactions().redact(unknown, Optional.empty())).interactionId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("redacting a customer's feedback replaces each comment with the placeholder and keeps every score and link")
        void feedbackRedactionReplacesOnlyTheComment() {
            // given
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Case supportCase = storedCase(customer.id());
            Interaction interaction = storedInteraction(customer.id());
            Feedback full = feedback().insert(TestData.feedbackWithEveryField(customer.id(), supportCase.id(),
                    interaction.id(), agent.id()).build());
            Feedback plain = feedbackSaying(customer.id(), "Ann Lee, write to ann@example.com");
            Feedback silent = feedbackSaying(customer.id(), null);

            // when
            int changed = feedback().redactForCustomer(customer.id(), PLACEHOLDER);

            // then
            assertThat(changed).isEqualTo(2);
            assertThat(feedback().get(full.id())).isEqualTo(full.toBuilder().comment(PLACEHOLDER).build());
            assertThat(feedback().get(plain.id())).isEqualTo(plain.toBuilder().comment(PLACEHOLDER).build());
            assertThat(feedback().get(silent.id())).isEqualTo(silent);
            assertThat(feedback().findByCase(supportCase.id())).extracting(Feedback::score)
                    .containsExactly(full.score());
        }

        @Test
        @DisplayName("redacting a customer's feedback leaves another customer's responses untouched and a second call changes nothing")
        void feedbackRedactionLeavesOthersAloneAndIsIdempotent() {
            // given
            Customer erased = storedCustomer();
            Customer other = storedCustomer();
            Feedback mine = feedbackSaying(erased.id(), "mine");
            Feedback theirs = feedbackSaying(other.id(), "theirs");
            feedback().redactForCustomer(erased.id(), PLACEHOLDER);

            // when
            int again = feedback().redactForCustomer(erased.id(), PLACEHOLDER);

            // then
            assertThat(again).isZero();
            assertThat(feedback().get(mine.id())).isEqualTo(mine.toBuilder().comment(PLACEHOLDER).build());
            assertThat(feedback().get(theirs.id())).isEqualTo(theirs);
        }

        @Test
        @DisplayName("redacting one response replaces or removes its comment, reports whether it changed, and names an unknown id")
        void singleFeedbackRedaction() {
            // given
            Customer customer = storedCustomer();
            Feedback kept = feedbackSaying(customer.id(), "Ann Lee is unhappy");
            Feedback removed = feedbackSaying(customer.id(), "Ann Lee again");
            FeedbackId unknown = FeedbackId.random();

            // when
            boolean keptChanged = feedback().redact(kept.id(), Optional.of("[erased] is unhappy"));
            boolean removedChanged = feedback().redact(removed.id(), Optional.empty());
            boolean again = feedback().redact(removed.id(), Optional.empty());

            // then
            assertThat(keptChanged).isTrue();
            assertThat(removedChanged).isTrue();
            assertThat(again).isFalse();
            assertThat(feedback().get(kept.id())).isEqualTo(kept.toBuilder().comment("[erased] is unhappy").build());
            assertThat(feedback().get(removed.id())).isEqualTo(removed.toBuilder().comment(null).build());
            assertThat(catchThrowableOfType(FeedbackNotFoundException.class,
                    () -> feedback().redact(unknown, Optional.empty())).feedbackId()).isEqualTo(unknown);
        }

        @Test
        @DisplayName("redacting audit details replaces only the named entries' details and keeps the complaint, its version and the rest of the trail")
        void auditRedactionReplacesOnlyNamedDetails() {
            // given
            Customer customer = storedCustomer();
            Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
            AuditEntry first = TestData.auditEntry();
            AuditEntry note = TestData.auditEntryWithEveryField();
            AuditEntry last = AuditEntry.of(TestData.now(), "agent:7", AuditAction.NOTE, "Ann Lee called again");
            List.of(first, note, last).forEach(e -> complaints().appendAudit(complaint.id(), e));

            // when
            int changed = complaints().redactAuditDetails(complaint.id(),
                    Map.of(1, Optional.of(PLACEHOLDER), 2, Optional.empty()));

            // then
            assertThat(changed).isEqualTo(2);
            assertThat(complaints().auditTrail(complaint.id())).containsExactly(first,
                    new AuditEntry(note.at(), note.actor(), note.action(), note.from(), note.to(),
                            Optional.of(PLACEHOLDER)),
                    new AuditEntry(last.at(), last.actor(), last.action(), last.from(), last.to(), Optional.empty()));
            assertThat(complaints().get(complaint.id())).isEqualTo(complaint);
        }

        @Test
        @DisplayName("redacting audit details a second time changes nothing, and another complaint's trail is untouched")
        void auditRedactionIsIdempotentAndLocal() {
            // given
            Customer customer = storedCustomer();
            Complaint mine = complaints().insert(TestData.complaint(customer.id()).build());
            Complaint other = complaints().insert(TestData.complaint(storedCustomer().id()).build());
            complaints().appendAudit(mine.id(), TestData.auditEntryWithEveryField());
            complaints().appendAudit(other.id(), TestData.auditEntryWithEveryField());
            complaints().redactAuditDetails(mine.id(), Map.of(0, Optional.of(PLACEHOLDER)));

            // when
            int again = complaints().redactAuditDetails(mine.id(), Map.of(0, Optional.of(PLACEHOLDER)));

            // then
            assertThat(again).isZero();
            assertThat(complaints().auditTrail(mine.id())).extracting(AuditEntry::detail)
                    .containsExactly(Optional.of(PLACEHOLDER));
            assertThat(complaints().auditTrail(other.id())).containsExactly(TestData.auditEntryWithEveryField());
        }

        @Test
        @DisplayName("redacting audit details outside the trail changes nothing, and an unknown complaint is named")
        void auditRedactionRejectsBadPositions() {
            // given
            Customer customer = storedCustomer();
            Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
            complaints().appendAudit(complaint.id(), TestData.auditEntryWithEveryField());
            ComplaintId unknown = ComplaintId.random();

            // when
            Throwable outside = org.assertj.core.api.Assertions.catchThrowable(() -> complaints().redactAuditDetails(
                    complaint.id(), Map.of(0, Optional.of(PLACEHOLDER), 1, Optional.of(PLACEHOLDER))));
            Throwable negative = org.assertj.core.api.Assertions.catchThrowable(() -> complaints()
                    .redactAuditDetails(complaint.id(), Map.of(-1, Optional.empty())));

            // then
            assertThat(outside).isInstanceOf(IllegalArgumentException.class);
            assertThat(negative).isInstanceOf(IllegalArgumentException.class);
            assertThat(complaints().auditTrail(complaint.id())).containsExactly(TestData.auditEntryWithEveryField());
            assertThat(catchThrowableOfType(ComplaintNotFoundException.class,
                    () -> complaints().redactAuditDetails(unknown, Map.of())).complaintId()).contains(unknown);
        }

        @Test
        @DisplayName("redactions inside a rolled-back transaction leave every text as it was")
        void rollbackRestoresRedactedText() {
            // given
            Customer customer = storedCustomer();
            Interaction interaction = interactionSaying(customer.id(), "Ann Lee's parcel");
            Interaction held = interactionSaying(customer.id(), "Ann Lee's other parcel");
            Feedback response = feedbackSaying(customer.id(), "Ann Lee is unhappy");
            Feedback heldResponse = feedbackSaying(customer.id(), "Ann Lee is happy");
            Complaint complaint = complaints().insert(TestData.complaint(customer.id()).build());
            complaints().appendAudit(complaint.id(), TestData.auditEntryWithEveryField());
            IllegalStateException boom = new IllegalStateException("boom");

            // when
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                    storage.transactions().runInTransaction(() -> {
                        interactions().redact(held.id(), Optional.of("[erased]'s other parcel"));
                        feedback().redact(heldResponse.id(), Optional.empty());
                        assertThat(interactions().redactForCustomer(customer.id(), PLACEHOLDER)).isEqualTo(2);
                        assertThat(feedback().redactForCustomer(customer.id(), PLACEHOLDER)).isEqualTo(1);
                        complaints().redactAuditDetails(complaint.id(), Map.of(0, Optional.empty()));
                        assertThat(interactions().get(interaction.id()).summary()).contains(PLACEHOLDER);
                        throw boom;
                    }));

            // then
            assertThat(thrown).isSameAs(boom);
            assertThat(interactions().get(interaction.id())).isEqualTo(interaction);
            assertThat(interactions().get(held.id())).isEqualTo(held);
            assertThat(feedback().get(response.id())).isEqualTo(response);
            assertThat(feedback().get(heldResponse.id())).isEqualTo(heldResponse);
            assertThat(complaints().auditTrail(complaint.id())).containsExactly(TestData.auditEntryWithEveryField());
        }
    }

    // ======================================================================================= automations and actors

    /**
     * Who did what, and case automations: the actor and reason of every lifecycle move and a case's snooze
     * round-trip; a rule's firing is stored once per (rule, case, occasion), whichever transaction or thread tries
     * first; the candidate scan pages by id over the cases in the asked states that are not snoozed.
     */
    @Nested
    @DisplayName("Automations and actors")
    class AutomationContract {

        private dev.rapport.spi.automation.AutomationFirings firings() {
            return storage().automationFirings();
        }

        private dev.rapport.spi.automation.AutomationFiring firing(String rule, CaseId caseId, Instant occasion) {
            return new dev.rapport.spi.automation.AutomationFiring(rule, caseId, occasion, occasion.plusSeconds(60),
                    "moved RESOLVED -> CLOSED");
        }

        @Test
        @DisplayName("the actor and reason of every move, of every kind, and the snooze come back as stored after insert and update")
        void actorsReasonsAndSnoozeRoundTrip() {
            // given a case moved by each kind of actor, one move with a reason
            Customer customer = storedCustomer();
            Agent agent = storedAgent();
            Instant at = T0;
            Case opened = TestData.supportCase(customer.id()).createdAt(at).updatedAt(at).build();
            Case moved = opened
                    .moveTo(CaseStatus.OPEN, at.plusSeconds(1), dev.rapport.spi.cases.Actor.agent(agent.id()),
                            Optional.empty())
                    .moveTo(CaseStatus.PENDING_CUSTOMER, at.plusSeconds(2),
                            dev.rapport.spi.cases.Actor.hostUser("user:ann ✓"), Optional.of("waiting for the receipt"))
                    .moveTo(CaseStatus.OPEN, at.plusSeconds(3), dev.rapport.spi.cases.Actor.customer(customer.id()),
                            Optional.empty())
                    .moveTo(CaseStatus.RESOLVED, at.plusSeconds(4), dev.rapport.spi.cases.Actor.system(),
                            Optional.empty())
                    .toBuilder().snoozedUntil(at.plus(Duration.ofDays(2)).plusNanos(1_000)).build();

            // when it is stored, then closed by a rule and updated
            Case stored = cases().insert(moved);
            Case closed = cases().update(stored.moveTo(CaseStatus.CLOSED, at.plusSeconds(5),
                    dev.rapport.spi.cases.Actor.rule("close resolved after 3 business days"),
                    Optional.of("resolved 3 business days ago")).toBuilder().snoozedUntil(null).build());

            // then every actor, reason and the snooze read back equal
            assertThat(stored).isEqualTo(moved.withVersion(1));
            Case found = cases().get(moved.id());
            assertThat(found).isEqualTo(closed);
            assertThat(found.history()).extracting(change -> change.actor().kind()).containsExactly(
                    dev.rapport.spi.cases.Actor.Kind.AGENT, dev.rapport.spi.cases.Actor.Kind.HOST_USER,
                    dev.rapport.spi.cases.Actor.Kind.CUSTOMER, dev.rapport.spi.cases.Actor.Kind.SYSTEM,
                    dev.rapport.spi.cases.Actor.Kind.RULE);
            assertThat(found.history().get(4).reason()).contains("resolved 3 business days ago");
            assertThat(found.snoozedUntil()).isEmpty();
        }

        @Test
        @DisplayName("a firing reads back as stored, and a case's firings come ordered by firing time, then rule name")
        void firingsRoundTripInOrder() {
            // given
            Case supportCase = storedCase(storedCustomer().id());
            var late = firing("b-rule", supportCase.id(), T0.plusSeconds(10));
            var early = firing("z-rule ✓", supportCase.id(), T0);
            var tie = firing("a-rule", supportCase.id(), T0);

            // when
            firings().record(late);
            firings().record(early);
            firings().record(tie);

            // then
            assertThat(firings().findByCase(supportCase.id())).containsExactly(tie, early, late);
            assertThat(firings().hasFired("a-rule", supportCase.id(), T0)).isTrue();
            assertThat(firings().hasFired("a-rule", supportCase.id(), T0.plusNanos(1_000))).isFalse();
            assertThat(firings().findByCase(CaseId.random())).isEmpty();
        }

        @Test
        @DisplayName("the firing key is unique: a second firing of a rule on a case for the same occasion is refused naming the occasion and stores nothing, in or out of a transaction")
        void firingKeyIsUnique() {
            // given
            Case supportCase = storedCase(storedCustomer().id());
            var first = firing("remind", supportCase.id(), T0);
            firings().record(first);

            // when the same key is recorded again, alone and inside a transaction that also changed the case
            DuplicateEntityException alone = catchThrowableOfType(() -> firings().record(
                    new dev.rapport.spi.automation.AutomationFiring("remind", supportCase.id(), T0,
                            T0.plusSeconds(99), "another outcome")), DuplicateEntityException.class);
            Throwable inTransaction = catchThrowable(() -> storage().transactions().runInTransaction(() -> {
                cases().update(cases().get(supportCase.id()).toBuilder().priority(Priority.URGENT).build());
                firings().record(firing("remind", supportCase.id(), T0));
            }));

            // then both are refused, and neither the firing nor the case changed
            assertThat(alone).isNotNull();
            assertThat(alone.keyName()).isEqualTo("occasion");
            assertThat(inTransaction).isInstanceOf(DuplicateEntityException.class);
            assertThat(firings().findByCase(supportCase.id())).containsExactly(first);
            assertThat(cases().get(supportCase.id())).isEqualTo(supportCase);
            // and another occasion or another rule is a new key
            firings().record(firing("remind", supportCase.id(), T0.plusSeconds(1)));
            firings().record(firing("close", supportCase.id(), T0));
            assertThat(firings().findByCase(supportCase.id())).hasSize(3);
        }

        @Test
        @DisplayName("eight threads recording the same firing at once store it once; the others are refused as duplicates")
        void concurrentFiringsStoreOnce() {
            // given
            Case supportCase = storedCase(storedCustomer().id());

            // when
            List<Boolean> stored = inParallel(8, thread -> {
                try {
                    storage().transactions().runInTransaction(() ->
                            firings().record(firing("once", supportCase.id(), T0)));
                    return true;
                } catch (DuplicateEntityException e) {
                    return false;
                }
            });

            // then
            assertThat(stored).containsOnlyOnce(true);
            assertThat(firings().findByCase(supportCase.id())).hasSize(1);
        }

        @Test
        @DisplayName("a firing outside the value domain is refused naming the field and stores nothing")
        void firingOutsideTheDomainIsRefused() {
            // given
            Case supportCase = storedCase(storedCustomer().id());

            // when
            Throwable refused = catchThrowable(() -> firings().record(
                    firing("sub-micro", supportCase.id(), T0.plusNanos(1))));

            // then
            assertThat(refused).isInstanceOf(ValidationException.class).hasMessageContaining("occasion");
            assertThat(firings().findByCase(supportCase.id())).isEmpty();
        }

        @Test
        @DisplayName("the candidate scan pages by id over the cases in the asked states that are not snoozed, each once")
        void candidatesPageById() {
            // given resolved, pending, closed and snoozed cases
            Customer customer = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 7; i++) {
                expected.add(cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.RESOLVED).build())
                        .id().value());
                expected.add(cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.PENDING_CUSTOMER)
                        .snoozedUntil(T0).build()).id().value()); // snooze over at T0
            }
            cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.CLOSED).build());
            cases().insert(TestData.supportCase(customer.id()).status(CaseStatus.RESOLVED)
                    .snoozedUntil(T0.plusSeconds(1)).build());

            // when walked three at a time
            List<UUID> walked = new ArrayList<>();
            Optional<CaseId> after = Optional.empty();
            for (int round = 0; round < 100; round++) {
                List<Case> page = firings().candidates(EnumSet.of(CaseStatus.RESOLVED, CaseStatus.PENDING_CUSTOMER),
                        T0, after, 3);
                if (page.isEmpty()) {
                    break;
                }
                page.forEach(c -> walked.add(c.id().value()));
                after = Optional.of(page.get(page.size() - 1).id());
            }

            // then each candidate came once, in id order, and nothing else
            assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(walked).isSortedAccordingTo(Comparator.comparing(UUID::toString));
            assertThat(firings().candidates(Set.of(), T0, Optional.empty(), 10)).isEmpty();
        }
    }

    // =============================================================================================== transactions

    /** Transactions: commit, rollback of every kind of write, joining, and isolation from other threads. */
    @Nested
    @DisplayName("Transactions")
    class TransactionContract {

        /** An exception thrown to make a transaction roll back. */
        private static final class Boom extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Boom() {
                super("boom");
            }
        }

        @Test
        @DisplayName("committed work is visible afterwards and its result is returned")
        void committedWorkIsVisible() {
            // given
            Customer customer = TestData.customer().build();

            // when
            String result = storage.transactions().inTransaction(() -> {
                Customer stored = customers().insert(customer);
                Case supportCase = cases().insert(TestData.supportCase(stored.id()).build());
                interactions().insert(TestData.interaction(stored.id()).caseId(supportCase.id()).build());
                return "done";
            });

            // then
            assertThat(result).isEqualTo("done");
            assertThat(customers().findById(customer.id())).isPresent();
            assertThat(cases().findByCustomer(customer.id(), PageRequest.first()).items()).hasSize(1);
            assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first()).items())
                    .hasSize(1);
        }

        @Test
        @DisplayName("work reads its own writes, lookups by identity and key included")
        void workSeesItsOwnWrites() {
            // given
            Customer customer = TestData.customer().build();
            ContactIdentity email = customer.identities().get(0);

            record Seen(Customer written, Optional<Customer> byId, Optional<Customer> byIdentity,
                    FollowUp scheduled, Optional<FollowUp> byKey) {
            }

            // when
            Seen seen = storage.transactions().inTransaction(() -> {
                Customer v1 = customers().insert(customer);
                Customer v2 = customers().update(v1.toBuilder().name("Renamed").build());
                FollowUp followUp = followUps().insert(TestData.followUp(customer.id()).idempotencyKey("own-writes")
                        .build());
                return new Seen(v2, customers().findById(customer.id()),
                        customers().findByIdentity(email.channel(), email.value()), followUp,
                        followUps().findByIdempotencyKey("own-writes"));
            });

            // then
            assertThat(seen.byId()).contains(seen.written());
            assertThat(seen.byIdentity()).contains(seen.written());
            assertThat(seen.byKey()).contains(seen.scheduled());
        }

        @Test
        @DisplayName("a rolled-back transaction leaves no insert behind in any repository and rethrows the original exception")
        void rollbackUndoesInserts() {
            // given
            Customer customer = TestData.customer().build();
            Agent agent = TestData.agent().build();
            Case supportCase = TestData.supportCase(customer.id()).build();
            Interaction interaction = TestData.interaction(customer.id()).externalId("rolled-back-1").build();
            Feedback response = TestData.feedback(customer.id()).build();
            FollowUp followUp = TestData.followUp(customer.id()).idempotencyKey("rolled-back-1").build();
            Boom boom = new Boom();

            // when
            Throwable thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                customers().insert(customer);
                agents().insert(agent);
                cases().insert(supportCase);
                interactions().insert(interaction);
                feedback().insert(response);
                followUps().insert(followUp);
                throw boom;
            }));

            // then
            assertThat(thrown).isSameAs(boom);
            assertThat(customers().findById(customer.id())).isEmpty();
            assertThat(customers().count()).isZero();
            ContactIdentity email = customer.identities().get(0);
            assertThat(customers().findByIdentity(email.channel(), email.value())).isEmpty();
            assertThat(agents().findById(agent.id())).isEmpty();
            assertThat(cases().findById(supportCase.id())).isEmpty();
            assertThat(interactions().findById(interaction.id())).isEmpty();
            assertThat(interactions().findByExternalId("rolled-back-1")).isEmpty();
            assertThat(feedback().findById(response.id())).isEmpty();
            assertThat(followUps().findById(followUp.id())).isEmpty();
            assertThat(followUps().findByIdempotencyKey("rolled-back-1")).isEmpty();
        }

        @Test
        @DisplayName("a rolled-back transaction restores every updated aggregate with its version")
        void rollbackRestoresUpdates() {
            // given
            Customer customer = storedCustomer();
            Case supportCase = storedCase(customer.id());
            FollowUp followUp = followUps().insert(TestData.followUp(customer.id()).build());
            Agent agent = storedAgent();

            // when
            Boom thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                Customer changed = customers().update(customer.toBuilder().name("Changed").build());
                customers().update(changed.toBuilder().segment("twice").build());
                cases().update(supportCase.moveTo(CaseStatus.OPEN, supportCase.createdAt().plusSeconds(1)));
                followUps().update(followUp.toBuilder().status(FollowUpStatus.CANCELLED).cancelReason("x").build());
                agents().update(agent.toBuilder().presence(Presence.AWAY).build());
                throw new Boom();
            }));

            // then
            assertThat(thrown).as("the rolled-back work's exception").isNotNull();
            assertThat(customers().get(customer.id())).isEqualTo(customer);
            assertThat(cases().get(supportCase.id())).isEqualTo(supportCase);
            assertThat(followUps().get(followUp.id())).isEqualTo(followUp);
            assertThat(agents().get(agent.id())).isEqualTo(agent);
            assertThat(customers().update(customer.toBuilder().name("After").build()).version()).isEqualTo(2);
        }

        @Test
        @DisplayName("a rolled-back transaction restores the identity index: released identities return, taken ones are free")
        void rollbackRestoresIdentityIndex() {
            // given
            Customer holder = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "family@example.com"))).build());
            Customer newcomer = TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "family@example.com"))).build();

            // when
            Boom thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                customers().update(holder.toBuilder().identities(List.of(
                        ContactIdentity.primary(Channel.EMAIL, "new.address@example.com"))).build());
                customers().insert(newcomer);
                assertThat(customers().findByIdentity(Channel.EMAIL, "family@example.com")).map(Customer::id)
                        .contains(newcomer.id());
                throw new Boom();
            }));

            // then
            assertThat(thrown).as("the rolled-back work's exception").isNotNull();
            assertThat(customers().findByIdentity(Channel.EMAIL, "family@example.com")).contains(holder);
            assertThat(customers().findByIdentity(Channel.EMAIL, "new.address@example.com")).isEmpty();
            assertThat(customers().findById(newcomer.id())).isEmpty();
            Customer other = customers().insert(TestData.customer().identities(List.of(
                    ContactIdentity.primary(Channel.EMAIL, "new.address@example.com"))).build());
            assertThat(customers().findByIdentity(Channel.EMAIL, "new.address@example.com")).contains(other);
        }

        @Test
        @DisplayName("ids and unique keys written by a rolled-back transaction can be used again")
        void rollbackReleasesUniqueKeys() {
            // given
            Customer customer = TestData.customer().build();
            Interaction interaction = TestData.interaction(customer.id()).externalId("reuse-me").build();
            FollowUp followUp = TestData.followUp(customer.id()).idempotencyKey("reuse-me").build();
            Boom thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                customers().insert(customer);
                interactions().insert(interaction);
                followUps().insert(followUp);
                throw new Boom();
            }));
            assertThat(thrown).as("the rolled-back work's exception").isNotNull();

            // when
            customers().insert(customer);
            interactions().insert(interaction);
            followUps().insert(followUp);

            // then
            assertThat(customers().get(customer.id())).isEqualTo(customer.withVersion(1));
            assertThat(interactions().findByExternalId("reuse-me")).contains(interaction);
            assertThat(followUps().findByIdempotencyKey("reuse-me")).contains(followUp.withVersion(1));
        }

        @Test
        @DisplayName("a nested transaction joins the outer one: when the outer rolls back, the inner's writes go too")
        void nestedTransactionJoinsTheOuter() {
            // given
            Customer outer = TestData.customer().build();
            Customer inner = TestData.customer().build();

            // when
            Boom thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                customers().insert(outer);
                Customer innerResult = storage.transactions().inTransaction(() -> customers().insert(inner));
                assertThat(innerResult.version()).isEqualTo(1);
                throw new Boom();
            }));

            // then
            assertThat(thrown).as("the rolled-back work's exception").isNotNull();
            assertThat(customers().findById(outer.id())).isEmpty();
            assertThat(customers().findById(inner.id())).isEmpty();
            assertThat(customers().count()).isZero();
        }

        @Test
        @DisplayName("a nested transaction commits with the outer one and returns its result to it")
        void nestedTransactionCommitsWithTheOuter() {
            // given
            Customer outer = TestData.customer().build();
            Customer inner = TestData.customer().build();

            // when
            Customer result = storage.transactions().inTransaction(() -> {
                customers().insert(outer);
                return storage.transactions().inTransaction(() -> customers().insert(inner));
            });

            // then
            assertThat(result).isEqualTo(inner.withVersion(1));
            assertThat(customers().findById(outer.id())).isPresent();
            assertThat(customers().findById(inner.id())).isPresent();
        }

        @Test
        @DisplayName("an exception from a nested transaction rolls back everything and reaches the caller unchanged")
        void exceptionFromNestedTransactionRollsBackAll() {
            // given
            Customer outer = TestData.customer().build();
            Customer inner = TestData.customer().build();
            Boom boom = new Boom();

            // when
            Throwable thrown = catchThrowableOfType(Boom.class, () -> storage.transactions().runInTransaction(() -> {
                customers().insert(outer);
                storage.transactions().runInTransaction(() -> {
                    customers().insert(inner);
                    throw boom;
                });
            }));

            // then
            assertThat(thrown).isSameAs(boom);
            assertThat(customers().count()).isZero();
        }

        @Test
        @DisplayName("a checked exception thrown through the work also rolls back and is rethrown unchanged")
        void checkedExceptionRollsBack() {
            // given
            Customer customer = TestData.customer().build();
            Exception checked = new java.io.IOException("disk full");

            // when
            Throwable thrown = catchThrowableOfType(java.io.IOException.class,
                    () -> storage.transactions().runInTransaction(() -> {
                        customers().insert(customer);
                        Concurrently.sneakyThrow(checked);
                    }));

            // then
            assertThat(thrown).isSameAs(checked);
            assertThat(customers().findById(customer.id())).isEmpty();
        }

        @Test
        @DisplayName("an Error thrown by the work also rolls back and is rethrown unchanged")
        void errorRollsBack() {
            // given
            Customer customer = TestData.customer().build();
            Error error = new StackOverflowError("deep");

            // when
            Throwable thrown = catchThrowableOfType(StackOverflowError.class,
                    () -> storage.transactions().runInTransaction(() -> {
                        customers().insert(customer);
                        throw error;
                    }));

            // then
            assertThat(thrown).isSameAs(error);
            assertThat(customers().findById(customer.id())).isEmpty();
        }

        @Test
        @DisplayName("a call rejected inside a transaction changes nothing, and the transaction goes on to commit")
        void rejectedCallLeavesTheTransactionUsable() {
            // given
            Customer customer = storedCustomer();
            Interaction first = interactions().insert(TestData.interaction(customer.id()).externalId("webhook-1")
                    .build());
            Interaction retry = TestData.interaction(customer.id()).externalId("webhook-1").build();
            Interaction next = TestData.interaction(customer.id()).externalId("webhook-2").build();

            // when
            Interaction recorded = storage.transactions().inTransaction(() -> {
                Interaction existing;
                try {
                    existing = interactions().insert(retry);
                } catch (DuplicateExternalIdException e) {
                    existing = interactions().get(e.existing());
                }
                interactions().insert(next);
                return existing;
            });

            // then
            assertThat(recorded).isEqualTo(first);
            assertThat(interactions().findById(retry.id())).isEmpty();
            assertThat(interactions().findByExternalId("webhook-2")).contains(next);
        }

        @Test
        @DisplayName("writes not yet committed are invisible to other threads")
        void uncommittedWritesAreInvisibleToOthers() throws Exception {
            requires(StorageCapability.CONCURRENT_WRITERS);
            // given
            Customer customer = TestData.customer().build();
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                // when
                Optional<Optional<Customer>> seenByOther = storage.transactions().inTransaction(() -> {
                    customers().insert(customer);
                    Future<Optional<Customer>> read = reader.submit(() -> customers().findById(customer.id()));
                    try {
                        return Optional.of(read.get(300, TimeUnit.MILLISECONDS));
                    } catch (TimeoutException blockedUntilCommit) {
                        return Optional.<Optional<Customer>>empty();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException(e);
                    }
                });

                // then
                seenByOther.ifPresent(seen -> assertThat(seen).as("a read by another thread before commit").isEmpty());
                assertThat(customers().findById(customer.id())).isPresent();
            } finally {
                reader.shutdown();
                assertThat(reader.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    // ================================================================================================ concurrency

    /** Concurrency: several threads at once lose no update, never share a claim and never break a unique key. */
    @Nested
    @DisplayName("Concurrency")
    class ConcurrencyContract {

        private static final int THREADS = 8;

        @BeforeEach
        void needsConcurrentWriters() {
            requires(StorageCapability.CONCURRENT_WRITERS);
        }

        @Test
        @DisplayName("8 threads incrementing one counter by read-modify-update, retrying on stale versions, lose no update")
        void concurrentIncrementsLoseNoUpdate() {
            // given
            Customer customer = customers().insert(withCounter(TestData.customer().build(), 0));
            int perThread = 25;
            AtomicInteger conflicts = new AtomicInteger();

            // when
            inParallel(THREADS, thread -> {
                for (int i = 0; i < perThread; i++) {
                    for (int attempt = 0; ; attempt++) {
                        assertThat(attempt).as("attempts for one increment").isLessThan(10_000);
                        Customer current = customers().get(customer.id());
                        try {
                            customers().update(withCounter(current, Integer.parseInt(counterOf(current)) + 1));
                            break;
                        } catch (StaleVersionException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            });

            // then
            Customer after = customers().get(customer.id());
            assertThat(counterOf(after)).isEqualTo(Integer.toString(THREADS * perThread));
            assertThat(after.version()).isEqualTo(1 + THREADS * perThread);
        }

        @Test
        @DisplayName("when several threads update the same version at once, exactly one wins and the others get StaleVersionException")
        void concurrentUpdatesOfOneVersionLetExactlyOneWin() {
            // given
            Customer customer = customers().insert(withCounter(TestData.customer().build(), 0));

            for (int round = 0; round < 10; round++) {
                Customer base = customers().get(customer.id());

                // when
                List<Boolean> won = inParallel(THREADS, thread -> {
                    try {
                        customers().update(withCounter(base, 100 * thread));
                        return true;
                    } catch (StaleVersionException e) {
                        return false;
                    }
                });

                // then
                assertThat(won).as("winners in round %d", round).containsOnlyOnce(true);
                assertThat(customers().get(customer.id()).version()).isEqualTo(base.version() + 1);
            }
        }

        @Test
        @DisplayName("customers inserted by 8 threads at once are all kept")
        void concurrentInsertsAreAllKept() {
            // given
            int perThread = 20;

            // when
            List<List<Customer>> inserted = inParallel(THREADS, thread -> {
                List<Customer> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(customers().insert(TestData.customer().build()));
                }
                return mine;
            });

            // then
            assertThat(customers().count()).isEqualTo(THREADS * perThread);
            for (List<Customer> mine : inserted) {
                for (Customer customer : mine) {
                    assertThat(customers().findById(customer.id())).contains(customer);
                }
            }
        }

        @Test
        @DisplayName("when several threads insert customers with the same email at once, exactly one gets it")
        void concurrentInsertsCompetingForOneIdentityLetExactlyOneWin() {
            for (int round = 0; round < 5; round++) {
                // given
                String email = "contested." + round + "@example.com";

                // when
                List<Optional<CustomerId>> outcomes = inParallel(THREADS, thread -> {
                    Customer customer = TestData.customer().identities(List.of(
                            ContactIdentity.primary(Channel.EMAIL, thread % 2 == 0 ? email : email.toUpperCase(
                                    Locale.ROOT)))).build();
                    try {
                        return Optional.of(customers().insert(customer).id());
                    } catch (ContactIdentityConflictException e) {
                        return Optional.empty();
                    }
                });

                // then
                List<CustomerId> winners = outcomes.stream().flatMap(Optional::stream).toList();
                assertThat(winners).as("winners in round %d", round).hasSize(1);
                assertThat(customers().findByIdentity(Channel.EMAIL, email)).map(Customer::id)
                        .contains(winners.get(0));
            }
            assertThat(customers().count()).isEqualTo(5);
        }

        @Test
        @DisplayName("when several threads schedule follow-ups with the same idempotency key at once, exactly one is stored")
        void concurrentInsertsCompetingForOneIdempotencyKeyLetExactlyOneWin() {
            // given
            Customer customer = storedCustomer();

            for (int round = 0; round < 5; round++) {
                String key = "survey:contested-" + round;

                // when
                List<Optional<FollowUpId>> outcomes = inParallel(THREADS, thread -> {
                    try {
                        return Optional.of(followUps().insert(TestData.followUp(customer.id()).idempotencyKey(key)
                                .build()).id());
                    } catch (DuplicateIdempotencyKeyException e) {
                        return Optional.empty();
                    }
                });

                // then
                List<FollowUpId> winners = outcomes.stream().flatMap(Optional::stream).toList();
                assertThat(winners).as("winners in round %d", round).hasSize(1);
                assertThat(followUps().findByIdempotencyKey(key)).map(FollowUp::id).contains(winners.get(0));
            }
        }

        @Test
        @DisplayName("when several threads record the same external id at once, exactly one interaction is stored")
        void concurrentInsertsCompetingForOneExternalIdLetExactlyOneWin() {
            // given
            Customer customer = storedCustomer();

            for (int round = 0; round < 5; round++) {
                String externalId = "call-contested-" + round;

                // when
                List<Optional<InteractionId>> outcomes = inParallel(THREADS, thread -> {
                    try {
                        return Optional.of(interactions().insert(TestData.interaction(customer.id())
                                .externalId(externalId).build()).id());
                    } catch (DuplicateExternalIdException e) {
                        return Optional.empty();
                    }
                });

                // then
                List<InteractionId> winners = outcomes.stream().flatMap(Optional::stream).toList();
                assertThat(winners).as("winners in round %d", round).hasSize(1);
                assertThat(interactions().findByExternalId(externalId)).map(Interaction::id)
                        .contains(winners.get(0));
            }
        }

        @Test
        @DisplayName("several dispatchers claiming at once never get the same follow-up, and together claim all")
        void concurrentClaimersNeverShareAFollowUp() {
            // given
            Customer customer = storedCustomer();
            Set<FollowUpId> due = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                due.add(storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED,
                        hoursFromNow(-1).minusSeconds(i)).id());
            }

            // when
            List<List<FollowUp>> claims = inParallel(6, thread -> {
                List<FollowUp> mine = new ArrayList<>();
                for (int calls = 0; calls < 1_000; calls++) {
                    List<FollowUp> batch = followUps().claimDue("dispatcher-" + thread, Duration.ofMinutes(10), 3);
                    if (batch.isEmpty()) {
                        break;
                    }
                    mine.addAll(batch);
                }
                return mine;
            });

            // then
            List<FollowUpId> claimed = claims.stream().flatMap(List::stream).map(FollowUp::id).toList();
            assertThat(claimed).as("claimed follow-ups").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(due);
            for (int thread = 0; thread < claims.size(); thread++) {
                for (FollowUp claim : claims.get(thread)) {
                    assertThat(followUps().get(claim.id()).leaseOwner()).contains("dispatcher-" + thread);
                }
            }
        }
    }

    // ================================================================================================= pagination

    /** Pagination: every paged query has a stable total order, and walking its pages visits each item once. */
    @Nested
    @DisplayName("Pagination")
    class PaginationContract {

        /** Times with ties: groups of three items share an instant, so ties fall across page boundaries. */
        private Instant tiedTime(int i) {
            return T0.plusSeconds(i / 3).plusNanos((i % 7 == 0) ? 1_000 : 0);
        }

        @Test
        @DisplayName("walking the pages of all customers visits each exactly once, in creation order, ties by id")
        void customerPagesVisitEachOnce() {
            // given
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 23; i++) {
                expected.add(customers().insert(TestData.customer().createdAt(tiedTime(i)).build()).id().value());
            }

            // when / then
            assertPagesVisitEachOnce(customers()::list, c -> c.id().value(), Customer::createdAt, expected);
        }

        @Test
        @DisplayName("walking the pages of a customer's interactions and of a time range visits each exactly once, in occurrence order")
        void interactionPagesVisitEachOnce() {
            // given
            Customer customer = storedCustomer();
            Customer other = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 22; i++) {
                expected.add(interactions().insert(TestData.interaction(customer.id()).occurredAt(tiedTime(i))
                        .build()).id().value());
                interactions().insert(TestData.interaction(other.id()).occurredAt(tiedTime(i).plus(
                        Duration.ofDays(1))).build());
            }

            // when / then
            assertPagesVisitEachOnce(page -> interactions().findByCustomer(customer.id(), TimeRange.ALL, page),
                    i -> i.id().value(), Interaction::occurredAt, expected);
            assertPagesVisitEachOnce(page -> interactions().findOccurredBetween(
                    TimeRange.of(T0, T0.plus(Duration.ofHours(1))), page), i -> i.id().value(),
                    Interaction::occurredAt, expected);
        }

        @Test
        @DisplayName("walking the pages of cases by status, by customer and by creation time visits each exactly once, in creation order")
        void casePagesVisitEachOnce() {
            // given
            Customer customer = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 21; i++) {
                expected.add(cases().insert(TestData.supportCase(customer.id()).createdAt(tiedTime(i))
                        .status(i % 2 == 0 ? CaseStatus.NEW : CaseStatus.OPEN).build()).id().value());
            }
            cases().insert(TestData.supportCase(customer.id()).createdAt(tiedTime(5)).status(CaseStatus.CLOSED)
                    .build());

            // when / then
            assertPagesVisitEachOnce(page -> cases().findByStatus(EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN), page),
                    c -> c.id().value(), Case::createdAt, expected);
            Set<UUID> all = new HashSet<>(expected);
            cases().findByStatus(Set.of(CaseStatus.CLOSED), PageRequest.first()).items()
                    .forEach(c -> all.add(c.id().value()));
            assertPagesVisitEachOnce(page -> cases().findByCustomer(customer.id(), page), c -> c.id().value(),
                    Case::createdAt, all);
            assertPagesVisitEachOnce(page -> cases().findCreatedBetween(TimeRange.ALL, page), c -> c.id().value(),
                    Case::createdAt, all);
        }

        @Test
        @DisplayName("walking the pages of feedback by customer and by receipt time visits each exactly once, in receipt order")
        void feedbackPagesVisitEachOnce() {
            // given
            Customer customer = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 19; i++) {
                expected.add(feedback().insert(TestData.feedback(customer.id()).receivedAt(tiedTime(i)).build())
                        .id().value());
            }

            // when / then
            assertPagesVisitEachOnce(page -> feedback().findByCustomer(customer.id(), page), f -> f.id().value(),
                    Feedback::receivedAt, expected);
            assertPagesVisitEachOnce(page -> feedback().findReceivedBetween(TimeRange.ALL, page),
                    f -> f.id().value(), Feedback::receivedAt, expected);
        }

        @Test
        @DisplayName("walking the pages of follow-ups by status and by customer visits each exactly once, in due order")
        void followUpPagesVisitEachOnce() {
            // given
            Customer customer = storedCustomer();
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                expected.add(storedFollowUp(customer.id(), FollowUpStatus.SCHEDULED, tiedTime(i)).id().value());
            }

            // when / then
            assertPagesVisitEachOnce(page -> followUps().findByStatus(Set.of(FollowUpStatus.SCHEDULED), page),
                    f -> f.id().value(), FollowUp::dueAt, expected);
            assertPagesVisitEachOnce(page -> followUps().findByCustomer(customer.id(), page), f -> f.id().value(),
                    FollowUp::dueAt, expected);
        }

        @Test
        @DisplayName("walking the pages of all agents and of a team visits each exactly once, in creation order")
        void agentPagesVisitEachOnce() {
            // given
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 18; i++) {
                expected.add(agents().insert(TestData.agent().team(TeamId.of("night-shift")).createdAt(tiedTime(i))
                        .build()).id().value());
            }

            // when / then
            assertPagesVisitEachOnce(agents()::list, a -> a.id().value(), Agent::createdAt, expected);
            assertPagesVisitEachOnce(page -> agents().findByTeam(TeamId.of("night-shift"), page),
                    a -> a.id().value(), Agent::createdAt, expected);
        }

        @Test
        @DisplayName("items that all share one instant are split across pages without loss or repetition")
        void tiesAcrossPagesAreNeitherLostNorRepeated() {
            // given
            Set<UUID> expected = new HashSet<>();
            for (int i = 0; i < 17; i++) {
                expected.add(customers().insert(TestData.customer().createdAt(T0).build()).id().value());
            }

            // when / then
            assertPagesVisitEachOnce(customers()::list, c -> c.id().value(), Customer::createdAt, expected);
        }

        @Test
        @DisplayName("a last page that is exactly full says no next page exists, and a page past the end is empty")
        void exactlyFullLastPageHasNoNext() {
            // given
            Customer customer = storedCustomer();
            for (int i = 0; i < 10; i++) {
                feedback().insert(TestData.feedback(customer.id()).receivedAt(T0.plusSeconds(i)).build());
            }

            // when
            Page<Feedback> first = feedback().findByCustomer(customer.id(), PageRequest.first(5));
            Page<Feedback> second = feedback().findByCustomer(customer.id(), first.nextRequest().orElseThrow());
            Page<Feedback> beyond = feedback().findByCustomer(customer.id(), new PageRequest(50, 5));

            // then
            assertThat(first.items()).hasSize(5);
            assertThat(first.hasNext()).isTrue();
            assertThat(second.items()).hasSize(5);
            assertThat(second.hasNext()).isFalse();
            assertThat(beyond.items()).isEmpty();
            assertThat(beyond.hasNext()).isFalse();
        }

        @Test
        @DisplayName("an offset in the middle returns the items from there on, and a page of one walks one by one")
        void offsetsAndSinglePages() {
            // given
            List<Customer> stored = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                stored.add(customers().insert(TestData.customer().createdAt(T0.plusSeconds(i)).build()));
            }

            // when
            Page<Customer> middle = customers().list(new PageRequest(3, 2));
            List<Customer> oneByOne = walk(customers()::list, 1);

            // then
            assertThat(middle.items()).containsExactly(stored.get(3), stored.get(4));
            assertThat(middle.hasNext()).isTrue();
            assertThat(oneByOne).containsExactlyElementsOf(stored);
        }

        @Test
        @DisplayName("an empty store gives one empty last page for every query")
        void emptyStoreGivesEmptyPages() {
            // given
            PageRequest page = PageRequest.first(10);
            CustomerId nobody = CustomerId.random();

            // when
            List<Page<?>> pages = List.of(customers().list(page),
                    interactions().findByCustomer(nobody, TimeRange.ALL, page),
                    interactions().findOccurredBetween(TimeRange.ALL, page),
                    cases().findByCustomer(nobody, page), cases().findByStatus(EnumSet.allOf(CaseStatus.class), page),
                    cases().findCreatedBetween(TimeRange.ALL, page), feedback().findByCustomer(nobody, page),
                    feedback().findReceivedBetween(TimeRange.ALL, page), followUps().findByCustomer(nobody, page),
                    followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), page), agents().list(page),
                    agents().findByTeam(TeamId.of("none"), page));

            // then
            assertThat(pages).allSatisfy(p -> {
                assertThat(p.items()).isEmpty();
                assertThat(p.hasNext()).isFalse();
            });
            assertThat(customers().count()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------ value domain

    /**
     * The value domain at its edges ({@link Limits}): every entity with its instants at both ends of the supported
     * range, one microsecond inside them and at a time with microseconds reads back equal and is found by the range
     * queries over {@link TimeRange#ALL} and over a one-microsecond range around it; the same entity one microsecond
     * outside the range, at {@code Instant.MIN}/{@code MAX}, in the years -5000 and 300000, or with a digit below the
     * microsecond is refused with a {@link ValidationException} naming the field, and the store holds nothing of it.
     * Locales: the longest canonical tag is kept, a longer one and a legacy locale that does not round-trip are
     * refused naming the field.
     */
    @Nested
    @DisplayName("value domain")
    class ValueDomainContract {

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
            String[] names = {"customers", "interactions", "cases", "feedback", "followUps", "complaints"};
            for (int e = 0; e < names.length; e++) {
                reporter.publishEntry("valueDomainTries." + names[e],
                        (accepted[e] + refusedBy[e]) + " tries, " + accepted[e] + " read back equal, " + refusedBy[e]
                                + " refused by field");
            }
            assertThat(interactions().findOccurredBetween(TimeRange.ALL, PageRequest.first(PageRequest.MAX_LIMIT))
                    .items()).as("every accepted interaction over TimeRange.ALL").hasSize(Math.min(accepted[1],
                            PageRequest.MAX_LIMIT));
            assertThat(customers().count()).as("every accepted customer and the owner").isEqualTo(accepted[0] + 1);
            assertThat(refused).as("the generator reaches both sides of the edges").isPositive();
            assertThat(accepted[1]).isPositive();
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

    // ============================================================================================ health standings

    /** Health standings: the last known health band of each customer, with a compare-and-set on the band. */
    @Nested
    @DisplayName("Health standings")
    class HealthStandingContract {

        private dev.rapport.spi.customer.HealthStanding standing(CustomerId id,
                dev.rapport.spi.customer.HealthBand band, int score) {
            Instant at = TestData.now();
            return new dev.rapport.spi.customer.HealthStanding(id, band, score, at, at.minusSeconds(3_600));
        }

        @Test
        @DisplayName("a customer never evaluated has no standing; one stored expecting none reads back equal")
        void storesTheFirstStanding() {
            // given
            CustomerId id = storedCustomer().id();
            var next = standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 55);

            // when
            Optional<dev.rapport.spi.customer.HealthStanding> before = storage().healthStandings().find(id);
            boolean stored = storage().healthStandings().replace(Optional.empty(), next);

            // then
            assertThat(before).isEmpty();
            assertThat(stored).isTrue();
            assertThat(storage().healthStandings().find(id)).contains(next);
        }

        @Test
        @DisplayName("storing expecting no standing fails when one is stored, and changes nothing")
        void refusesASecondFirstStanding() {
            // given
            CustomerId id = storedCustomer().id();
            var first = standing(id, dev.rapport.spi.customer.HealthBand.HEALTHY, 90);
            storage().healthStandings().replace(Optional.empty(), first);

            // when
            boolean again = storage().transactions().inTransaction(() -> storage().healthStandings().replace(
                    Optional.empty(), standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 10)));

            // then
            assertThat(again).isFalse();
            assertThat(storage().healthStandings().find(id)).contains(first);
        }

        @Test
        @DisplayName("a standing is replaced only when the stored band is the expected one")
        void replacesOnlyTheExpectedBand() {
            // given
            CustomerId id = storedCustomer().id();
            storage().healthStandings().replace(Optional.empty(),
                    standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 60));
            var atRisk = standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 20);

            // when
            boolean wrong = storage().healthStandings().replace(
                    Optional.of(dev.rapport.spi.customer.HealthBand.HEALTHY), atRisk);
            boolean right = storage().healthStandings().replace(
                    Optional.of(dev.rapport.spi.customer.HealthBand.WATCH), atRisk);

            // then
            assertThat(wrong).isFalse();
            assertThat(right).isTrue();
            assertThat(storage().healthStandings().find(id)).contains(atRisk);
            assertThat(storage().healthStandings().replace(Optional.of(dev.rapport.spi.customer.HealthBand.WATCH),
                    standing(id, dev.rapport.spi.customer.HealthBand.HEALTHY, 99))).isFalse();
        }

        @Test
        @DisplayName("the standings of a band are listed by customer id, page after page from the last id")
        void listsABandByCustomerId() {
            // given five at risk (ids in random order) and one healthy
            List<CustomerId> atRisk = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                CustomerId id = storedCustomer().id();
                atRisk.add(id);
                storage().healthStandings().replace(Optional.empty(),
                        standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, 10 + i));
            }
            storage().healthStandings().replace(Optional.empty(),
                    standing(storedCustomer().id(), dev.rapport.spi.customer.HealthBand.HEALTHY, 95));
            atRisk.sort((a, b) -> a.value().toString().compareTo(b.value().toString()));

            // when the band is walked three at a time (other tests' standings may share the store)
            List<CustomerId> walked = new java.util.ArrayList<>();
            Optional<CustomerId> after = Optional.empty();
            List<dev.rapport.spi.customer.HealthStanding> page;
            do {
                page = storage().healthStandings().findByBand(dev.rapport.spi.customer.HealthBand.AT_RISK, after, 3);
                page.forEach(found -> walked.add(found.customerId()));
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).customerId());
            } while (page.size() == 3);

            // then
            assertThat(walked).filteredOn(atRisk::contains).containsExactlyElementsOf(atRisk);
            assertThat(walked).extracting(id -> id.value().toString()).isSorted().doesNotHaveDuplicates();
            assertThat(storage().healthStandings().findByBand(dev.rapport.spi.customer.HealthBand.AT_RISK,
                    Optional.empty(), 1)).hasSize(1);
        }

        @Test
        @DisplayName("a standing is removed once; a store in a transaction that rolls back leaves nothing")
        void removesAndRollsBack() {
            // given
            CustomerId kept = storedCustomer().id();
            CustomerId rolledBack = storedCustomer().id();
            storage().healthStandings().replace(Optional.empty(),
                    standing(kept, dev.rapport.spi.customer.HealthBand.WATCH, 50));

            // when
            boolean removed = storage().healthStandings().remove(kept);
            boolean again = storage().healthStandings().remove(kept);
            Throwable failed = catchThrowable(() -> storage().transactions().inTransaction(() -> {
                storage().healthStandings().replace(Optional.empty(),
                        standing(rolledBack, dev.rapport.spi.customer.HealthBand.AT_RISK, 5));
                throw new IllegalStateException("the work fails after the store");
            }));

            // then
            assertThat(removed).isTrue();
            assertThat(again).isFalse();
            assertThat(storage().healthStandings().find(kept)).isEmpty();
            assertThat(failed).isInstanceOf(IllegalStateException.class);
            assertThat(storage().healthStandings().find(rolledBack)).isEmpty();
        }

        @Test
        @DisplayName("every customer is walked by id, page after page from the last id, for the daily health round")
        void customersAreWalkedById() {
            // given seven customers (other tests' customers may share the store)
            List<CustomerId> mine = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                mine.add(storedCustomer().id());
            }
            mine.sort((a, b) -> a.value().toString().compareTo(b.value().toString()));

            // when
            List<Customer> walked = new java.util.ArrayList<>();
            Optional<CustomerId> after = Optional.empty();
            List<Customer> page;
            do {
                page = storage().customers().listAfter(after, 3);
                walked.addAll(page);
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
            } while (page.size() == 3);

            // then
            assertThat(walked).extracting(Customer::id).filteredOn(mine::contains).containsExactlyElementsOf(mine);
            assertThat(walked).extracting(c -> c.id().value().toString()).isSorted().doesNotHaveDuplicates();
            assertThat(walked).hasSize((int) storage().customers().count());
            assertThat(walked).filteredOn(c -> c.id().equals(mine.get(0))).singleElement()
                    .isEqualTo(storage().customers().get(mine.get(0)));
        }

        @Test
        @DisplayName("of eight writers expecting the same band (or none) at the same moment, exactly one stores")
        void oneOfManyConcurrentWritersWins() {
            // given
            CustomerId id = storedCustomer().id();
            storage().healthStandings().replace(Optional.empty(),
                    standing(id, dev.rapport.spi.customer.HealthBand.WATCH, 50));

            // when
            List<Boolean> won = inParallel(8, thread -> storage().transactions().inTransaction(() ->
                    storage().healthStandings().replace(Optional.of(dev.rapport.spi.customer.HealthBand.WATCH),
                            standing(id, dev.rapport.spi.customer.HealthBand.AT_RISK, thread))));
            CustomerId fresh = storedCustomer().id();
            List<Boolean> firstWon = inParallel(8, thread -> storage().transactions().inTransaction(() ->
                    storage().healthStandings().replace(Optional.empty(),
                            standing(fresh, dev.rapport.spi.customer.HealthBand.HEALTHY, 80 + thread))));

            // then
            assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
            assertThat(storage().healthStandings().find(id)).get()
                    .extracting(dev.rapport.spi.customer.HealthStanding::band)
                    .isEqualTo(dev.rapport.spi.customer.HealthBand.AT_RISK);
            assertThat(firstWon).filteredOn(Boolean::booleanValue).hasSize(1);
        }
    }

    @Nested
    @DisplayName("Call details and churn reasons")
    class CallAndChurnDetailsContract {

        @Test
        @DisplayName("a call's wait at every edge of its range, below the microsecond included, and a missed call's"
                + " abandonment come back exactly as stored and as listed")
        void callDetailsRoundTrip() {
            // given calls that waited nothing, one nanosecond, just under and exactly 24 hours, abandoned or not
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            List<Interaction> calls = new ArrayList<>();
            List<Duration> waits = List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofHours(24).minusNanos(1),
                    Duration.ofHours(24), Duration.ofSeconds(37, 123_456_789));
            for (int i = 0; i < waits.size(); i++) {
                boolean missed = i % 2 == 0;
                calls.add(Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                        .channel(Channel.PHONE).kind(missed ? InteractionKind.MISSED_CALL : InteractionKind.CALL)
                        .occurredAt(now.plusSeconds(i)).recordedAt(now).waitTime(waits.get(i)).abandoned(missed)
                        .build());
            }

            // when
            calls.forEach(interactions()::insert);

            // then
            for (Interaction call : calls) {
                assertThat(interactions().get(call.id())).isEqualTo(call);
            }
            assertThat(interactions().findByCustomer(customer.id(), TimeRange.ALL, PageRequest.first(10)).items())
                    .containsExactlyElementsOf(calls);
        }

        @Test
        @DisplayName("an interaction without call details reads back with no wait and not abandoned")
        void noCallDetails() {
            // given
            Customer customer = storedCustomer();
            Instant now = TestData.now();
            Interaction call = Interaction.builder().id(InteractionId.random()).customerId(customer.id())
                    .channel(Channel.PHONE).kind(InteractionKind.CALL).occurredAt(now).recordedAt(now).build();

            // when
            interactions().insert(call);

            // then
            Interaction found = interactions().get(call.id());
            assertThat(found).isEqualTo(call);
            assertThat(found.waitTime()).isEmpty();
            assertThat(found.abandoned()).isFalse();
        }

        @Test
        @DisplayName("a customer's churn reason is stored on insert, changed and removed on update")
        void churnReasonRoundTrips() {
            // given a churned customer with a reason
            Customer churned = customers().insert(TestData.customer().status(CustomerStatus.CHURNED)
                    .churnReason("price").build());
            assertThat(customers().get(churned.id()).churnReason()).contains("price");

            // when the reason changes, then the customer comes back to life without one
            Customer changed = customers().update(churned.toBuilder().churnReason("moved.abroad").build());
            Customer changedNow = customers().get(churned.id());
            Customer back = customers().update(changedNow.toBuilder().status(CustomerStatus.ACTIVE)
                    .churnReason(null).build());

            // then
            assertThat(changedNow).isEqualTo(changed);
            assertThat(changedNow.churnReason()).contains("moved.abroad");
            assertThat(customers().get(churned.id())).isEqualTo(back);
            assertThat(back.churnReason()).isEmpty();
        }
    }

    // ========================================================================================= follow-up origins

    /** The rule and occasion date of follow-ups; the tests are in {@link FollowUpOriginContract}. */
    @Nested
    @DisplayName("Follow-up origins")
    class FollowUpOriginTests extends FollowUpOriginContract {
        FollowUpOriginTests() {
            super(RapportStorageContract.this::storage);
        }
    }
}
