package dev.rapport.internal;

import dev.rapport.spi.PageWalk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.customer.Customer;
import dev.rapport.tck.TestData;
import dev.rapport.tck.memory.InMemoryStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@DisplayName("Walking a time-ordered query by time instead of by growing offsets")
class PageWalkTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** An item ordered by time, then number; the query below stands for a database's. */
    private record Item(Instant at, int number) {
    }

    private static final Comparator<Item> ORDER = Comparator.comparing(Item::at).thenComparingInt(Item::number);

    /** 3,000 items: runs of up to 9 sharing a time, and one run of 1,234 sharing one time across many pages. */
    private static List<Item> items() {
        Random random = new Random(7);
        List<Item> items = new ArrayList<>();
        int number = 0;
        Instant at = T0;
        while (items.size() < 3_000) {
            int run = items.size() > 1_000 && items.size() < 1_100 ? 1_234 : 1 + random.nextInt(9);
            for (int i = 0; i < run; i++) {
                items.add(new Item(at, number++));
            }
            at = at.plusMillis(1 + random.nextInt(1_000));
        }
        items.sort(ORDER);
        return items;
    }

    @ParameterizedTest(name = "pages of {0}")
    @ValueSource(ints = {1, 7, 100, 1_000})
    @DisplayName("visits every item of the range once, in the query's order, with offsets no larger than a run of equal times")
    void visitsEachItemOnceInOrder(int pageSize) {
        // given
        List<Item> all = items();
        TimeRange range = TimeRange.of(all.get(3).at(), all.get(all.size() - 5).at());
        List<Item> expected = all.stream().filter(i -> range.contains(i.at())).toList();
        AtomicInteger largestOffset = new AtomicInteger();

        // when
        List<Item> visited = new ArrayList<>();
        for (Item item : PageWalk.<Item>byTime(range, pageSize, (r, p) -> {
            largestOffset.accumulateAndGet(p.offset(), Math::max);
            return query(all, r, p);
        }, Item::at)) {
            visited.add(item);
        }

        // then
        assertThat(visited).containsExactlyElementsOf(expected);
        assertThat(largestOffset.get()).isLessThanOrEqualTo(1_234);
    }

    @Test
    @DisplayName("an empty range yields nothing")
    void emptyRange() {
        List<Item> all = items();
        TimeRange range = TimeRange.of(T0.minusSeconds(10), T0);

        assertThat(PageWalk.<Item>byTime(range, 10, (r, p) -> query(all, r, p), Item::at)).isEmpty();
    }

    @Test
    @DisplayName("walks the in-memory store's cases created in a period as offset paging does, ties included")
    void agreesWithOffsetPagingOnTheInMemoryStore() {
        // given 1,050 cases created at 150 distinct times
        InMemoryStorage storage = new InMemoryStorage();
        Customer customer = storage.customers().insert(TestData.customer().build());
        for (int i = 0; i < 1_050; i++) {
            storage.cases().insert(TestData.supportCase(customer.id()).createdAt(T0.plusSeconds(i % 150))
                    .updatedAt(T0.plusSeconds(i % 150)).build());
        }
        TimeRange range = TimeRange.of(T0.plusSeconds(10), T0.plusSeconds(140));
        List<Case> byOffsets = new ArrayList<>();
        PageRequest page = PageRequest.first(40);
        while (true) {
            Page<Case> found = storage.cases().findCreatedBetween(range, page);
            byOffsets.addAll(found.items());
            if (!found.hasNext()) {
                break;
            }
            page = found.request().next();
        }

        // when
        List<Case> byTime = new ArrayList<>();
        PageWalk.byTime(range, 40, storage.cases()::findCreatedBetween, Case::createdAt).forEach(byTime::add);

        // then
        assertThat(byOffsets).hasSize(130 * 7);
        assertThat(byTime).containsExactlyElementsOf(byOffsets);
    }

    private static Page<Item> query(List<Item> all, TimeRange range, PageRequest page) {
        List<Item> inRange = all.stream().filter(i -> range.contains(i.at())).toList();
        int from = Math.min(page.offset(), inRange.size());
        int to = Math.min(inRange.size(), from + page.limit() + 1);
        return Page.fromOverfetched(new ArrayList<>(inRange.subList(from, to)), page);
    }
}
