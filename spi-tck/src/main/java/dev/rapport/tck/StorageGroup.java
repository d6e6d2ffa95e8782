package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * What the groups of {@link RapportStorageContract} share: the store of the running test, the capabilities its
 * adapter declares, the number of generated writes of the value-domain group, and the fixtures and checks several
 * groups use (stored records, the paging walk with its checks, the instants around a range).
 */
abstract class StorageGroup {

    /** How far the store's clock may be from the test's when leases are checked. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    /** A fixed instant with microseconds, for data whose order matters. */
    static final Instant T0 = Instant.parse("2024-06-03T08:00:00.000001Z");

    private final Supplier<RapportStorage> storage;

    private final Supplier<Set<StorageCapability>> capabilities;

    private final IntSupplier tries;

    StorageGroup(Supplier<RapportStorage> storage) {
        this(storage, () -> EnumSet.allOf(StorageCapability.class),
                () -> RapportStorageContract.DEFAULT_VALUE_DOMAIN_TRIES);
    }

    StorageGroup(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities) {
        this(storage, capabilities, () -> RapportStorageContract.DEFAULT_VALUE_DOMAIN_TRIES);
    }

    StorageGroup(Supplier<RapportStorage> storage, IntSupplier tries) {
        this(storage, () -> EnumSet.allOf(StorageCapability.class), tries);
    }

    private StorageGroup(Supplier<RapportStorage> storage, Supplier<Set<StorageCapability>> capabilities,
            IntSupplier tries) {
        this.storage = storage;
        this.capabilities = capabilities;
        this.tries = tries;
    }

    /** The store of the running test, as the enclosing contract created it. */
    final RapportStorage storage() {
        return storage.get();
    }

    /** What the adapter declares it can do. */
    final Set<StorageCapability> capabilities() {
        return capabilities.get();
    }

    /** Skips the running test unless the adapter declares the capability. */
    final void requires(StorageCapability capability) {
        Assumptions.assumeTrue(capabilities().contains(capability),
                () -> "the adapter does not declare " + capability);
    }

    /** The number of generated writes the value-domain group makes; see the enclosing contract. */
    final int effectiveValueDomainTries() {
        return tries.getAsInt();
    }


    final CustomerRepository customers() {
        return storage().customers();
    }

    final InteractionRepository interactions() {
        return storage().interactions();
    }

    final CaseRepository cases() {
        return storage().cases();
    }

    final FeedbackRepository feedback() {
        return storage().feedback();
    }

    final FollowUpRepository followUps() {
        return storage().followUps();
    }

    final AgentRepository agents() {
        return storage().agents();
    }

    final ComplaintRepository complaints() {
        return storage().complaints();
    }

    final Customer storedCustomer() {
        return customers().insert(TestData.customer().build());
    }

    final Agent storedAgent() {
        return agents().insert(TestData.agent().build());
    }

    final Case storedCase(CustomerId customerId) {
        return cases().insert(TestData.supportCase(customerId).build());
    }

    final Interaction storedInteraction(CustomerId customerId) {
        return interactions().insert(TestData.interaction(customerId).build());
    }

    static Instant hoursFromNow(long hours) {
        return TestData.now().plus(Duration.ofHours(hours));
    }

    final FollowUp storedFollowUp(CustomerId customerId, FollowUpStatus status, Instant dueAt) {
        return followUps().insert(TestData.followUp(customerId).status(status).dueAt(dueAt).build());
    }

    static <T> List<UUID> ids(List<T> items, Function<T, UUID> id) {
        return items.stream().map(id).toList();
    }

    static String counterOf(Customer customer) {
        return customer.attributes().getOrDefault("counter", "0");
    }

    static Customer withCounter(Customer customer, int value) {
        Map<String, String> attributes = new LinkedHashMap<>(customer.attributes());
        attributes.put("counter", Integer.toString(value));
        return customer.toBuilder().attributes(attributes).build();
    }

    /**
     * Walks every page of a query with {@link PageWalk#byOffset} and returns the items in order, checking on the way
     * that every page but the last is full and says a next page exists, and that the last one says none does.
     */
    static <T> List<T> walk(Function<PageRequest, Page<T>> query, int pageSize) {
        AtomicInteger pages = new AtomicInteger();
        List<T> all = new ArrayList<>();
        PageWalk.byOffset(pageSize, (PageRequest request) -> {
            if (pages.incrementAndGet() > 10_000) {
                throw new AssertionError("the pages never ended");
            }
            Page<T> page = query.apply(request);
            assertThat(page.items()).as("items on the page at offset %d", request.offset()).hasSizeLessThanOrEqualTo(
                    pageSize);
            if (page.hasNext()) {
                assertThat(page.items()).as("a page followed by another is full").hasSize(pageSize);
            }
            return page;
        }).forEach(all::add);
        return all;
    }

    /**
     * Checks a paged query's total order: walking small pages visits the expected items exactly once, sorted by the
     * documented time and then by id, the same as one big page and the same on a second walk.
     */
    static <T> void assertPagesVisitEachOnce(Function<PageRequest, Page<T>> query, Function<T, UUID> id,
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
    static <T> void assertTiesOrderedById(List<T> items, Function<T, UUID> id, Function<T, Instant> time) {
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

    static boolean isSorted(List<UUID> ids, Comparator<UUID> order) {
        for (int i = 1; i < ids.size(); i++) {
            if (order.compare(ids.get(i - 1), ids.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Instants around a half-open range {@code [T0, T0 + 1 h)}: just before, start, inside, just before the end, end. */
    static List<Instant> aroundRange() {
        Instant to = T0.plus(Duration.ofHours(1));
        return List.of(T0.minusNanos(1_000), T0, T0.plus(Duration.ofMinutes(30)), to.minusNanos(1_000), to);
    }

    static TimeRange theRange() {
        return TimeRange.of(T0, T0.plus(Duration.ofHours(1)));
    }
}
