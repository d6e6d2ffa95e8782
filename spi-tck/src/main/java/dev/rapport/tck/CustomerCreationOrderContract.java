package dev.rapport.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of the customers' creation-time query ({@link CustomerRepository#findCreatedBetween}), the one
 * a walk over the customers by key ({@link PageWalk#byTime}) pages with: the range is half-open, customers come
 * ordered by creation time, then id, as {@link CustomerRepository#list} orders them, pages by offset follow each
 * other, and a walk by key visits every customer once, ties of equal time included. Run by
 * {@link RapportStorageContract} as its nested group "Customers by creation time"; not meant to be run on its own.
 */
public abstract class CustomerCreationOrderContract {

    private static final Instant T0 = Instant.parse("2024-06-03T08:00:00.000001Z");

    private final Supplier<RapportStorage> storage;

    /**
     * Creates the group over the store of the running test.
     *
     * @param storage the store under test, as the enclosing contract created it
     */
    protected CustomerCreationOrderContract(Supplier<RapportStorage> storage) {
        this.storage = storage;
    }

    private CustomerRepository customers() {
        return storage.get().customers();
    }

    private Customer storedAt(Instant createdAt) {
        return customers().insert(TestData.customer().createdAt(createdAt).updatedAt(createdAt).build());
    }

    private List<Customer> listed() {
        List<Customer> all = new ArrayList<>();
        PageWalk.byOffset(PageRequest.MAX_LIMIT, customers()::list).forEach(all::add);
        return all;
    }

    @Test
    @DisplayName("customers are found by creation time in a half-open range [from, to), and TimeRange.ALL finds them all")
    void customersCreatedInHalfOpenRange() {
        // given customers just before, at the start of, inside, just before the end of and at the end of an hour
        Instant to = T0.plus(Duration.ofHours(1));
        List<Customer> stored = new ArrayList<>();
        for (Instant at : List.of(T0.minusNanos(1_000), T0, T0.plus(Duration.ofMinutes(30)), to.minusNanos(1_000), to)) {
            stored.add(storedAt(at));
        }

        // when
        Page<Customer> found = customers().findCreatedBetween(TimeRange.of(T0, to), PageRequest.first());
        Page<Customer> all = customers().findCreatedBetween(TimeRange.ALL, PageRequest.first());

        // then
        assertThat(found.items()).containsExactly(stored.get(1), stored.get(2), stored.get(3));
        assertThat(found.hasNext()).isFalse();
        assertThat(all.items()).containsExactlyElementsOf(stored);
    }

    @Test
    @DisplayName("customers created at the same instant come ordered by id, as the list of all customers orders them")
    void tiesOrderedByIdAsListed() {
        // given six customers created at one instant, stored in random id order
        for (int i = 0; i < 6; i++) {
            storedAt(T0);
        }

        // when
        List<Customer> found = customers().findCreatedBetween(TimeRange.ALL, PageRequest.first()).items();

        // then
        List<UUID> ids = found.stream().map(c -> c.id().value()).toList();
        assertThat(found).containsExactlyElementsOf(listed());
        assertThat(ids).satisfiesAnyOf(
                list -> assertThat(list).isSortedAccordingTo(Comparator.naturalOrder()),
                list -> assertThat(list).isSortedAccordingTo(Comparator.comparing(UUID::toString)));
    }

    @Test
    @DisplayName("pages of a range by offset follow each other: a full page followed by more says so, the last says none")
    void offsetPagesFollowEachOther() {
        // given seven customers a second apart in the range, and one after it
        List<Customer> stored = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stored.add(storedAt(T0.plusSeconds(i)));
        }
        storedAt(T0.plus(Duration.ofHours(2)));
        TimeRange range = TimeRange.of(T0, T0.plus(Duration.ofHours(1)));

        // when
        Page<Customer> middle = customers().findCreatedBetween(range, new PageRequest(2, 2));
        Page<Customer> last = customers().findCreatedBetween(range, new PageRequest(6, 2));
        Page<Customer> beyond = customers().findCreatedBetween(range, new PageRequest(7, 2));

        // then
        assertThat(middle.items()).containsExactly(stored.get(2), stored.get(3));
        assertThat(middle.hasNext()).isTrue();
        assertThat(last.items()).containsExactly(stored.get(6));
        assertThat(last.hasNext()).isFalse();
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.hasNext()).isFalse();
    }

    @Test
    @DisplayName("walking by key in pages of three visits every customer once, in the order of the list, ties across pages included")
    void walkByKeyVisitsEachOnce() {
        // given thirteen customers, most of them sharing their creation time with others
        for (int i = 0; i < 13; i++) {
            storedAt(T0.plusSeconds(i / 4));
        }

        // when
        List<Customer> walked = new ArrayList<>();
        PageWalk.byTime(TimeRange.ALL, 3, customers()::findCreatedBetween, Customer::createdAt).forEach(walked::add);

        // then
        assertThat(walked).containsExactlyElementsOf(listed());
        assertThat(walked).hasSize(13);
    }

    @Test
    @DisplayName("a customer is placed by its creation time: an update later on does not move it")
    void placedByCreationNotUpdate() {
        // given a customer created at T0 and updated an hour later, and one created half an hour after T0
        Customer early = storedAt(T0);
        Customer later = storedAt(T0.plus(Duration.ofMinutes(30)));
        Customer updated = customers().update(early.toBuilder().name("Renamed Later")
                .updatedAt(T0.plus(Duration.ofHours(1))).build());

        // when
        List<Customer> firstMinutes = customers().findCreatedBetween(TimeRange.of(T0, T0.plus(Duration.ofMinutes(1))),
                PageRequest.first()).items();
        List<Customer> all = customers().findCreatedBetween(TimeRange.ALL, PageRequest.first()).items();

        // then
        assertThat(firstMinutes).containsExactly(updated);
        assertThat(all).containsExactly(updated, later);
    }
}
