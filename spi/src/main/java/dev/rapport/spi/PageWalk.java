package dev.rapport.spi;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Walks a paged query of any storage port lazily, one page held at a time: the one way Rapport, its adapters and
 * hosts read a whole result page by page.
 *
 * <p>Three ways. {@link #byOffset} asks for the next page by offset ({@link PageRequest#next()}), which a database
 * answers by reading every earlier row again: fine for small results, such as one customer's cases. {@link #byTime}
 * is for a query over a time range ordered by a time, then id: each next page starts the range at the last time
 * seen and skips only the items already seen at exactly that time, so a database seeks to the time through its
 * index, and walking a million records reads a million rows, not half a million per page. {@link #byKey} is for a
 * query that continues after a given item (its key), the cheapest walk where a port offers one. Each visits the
 * items in the query's order, each once, as long as nothing is stored meanwhile (the promise paging gives).
 */
public final class PageWalk {

    private PageWalk() {
    }

    /**
     * Every item of a paged query, page after page by offset.
     *
     * @param pageSize items per page, 1 to {@link PageRequest#MAX_LIMIT}
     * @param query the query
     * @param <T> the item type
     * @return the items, in the query's order
     */
    public static <T> Iterable<T> byOffset(int pageSize, Function<PageRequest, Page<T>> query) {
        Objects.requireNonNull(query, "query");
        PageRequest first = PageRequest.first(pageSize);
        return () -> new Walk<T>(query.apply(first)) {
            @Override
            Page<T> following(Page<T> page) {
                return query.apply(page.request().next());
            }
        };
    }

    /**
     * Every item a time-ordered query finds in a range, page after page by time.
     *
     * @param range the whole range to walk
     * @param pageSize items per page, 1 to {@link PageRequest#MAX_LIMIT}
     * @param query the query: items in a range, ordered by {@code time}, then by id
     * @param time the time each item is ordered and ranged by
     * @param <T> the item type
     * @return the items, in the query's order
     */
    public static <T> Iterable<T> byTime(TimeRange range, int pageSize,
            BiFunction<TimeRange, PageRequest, Page<T>> query, Function<? super T, Instant> time) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(time, "time");
        PageRequest first = PageRequest.first(pageSize);
        return () -> new Walk<T>(query.apply(range, first)) {
            private Instant from = range.from();
            private int seenAtFrom;

            @Override
            Page<T> following(Page<T> page) {
                Instant last = time.apply(page.items().get(page.items().size() - 1));
                int atLast = 0;
                for (T item : page.items()) {
                    if (time.apply(item).equals(last)) {
                        atLast++;
                    }
                }
                seenAtFrom = last.equals(from) ? seenAtFrom + atLast : atLast;
                from = last;
                return query.apply(TimeRange.of(from, range.to()), new PageRequest(seenAtFrom, pageSize));
            }
        };
    }

    /**
     * Every item of a query that walks by key, such as {@link dev.rapport.spi.routing.RoutingRepository#listWork}:
     * each next page is asked for after the last item of the previous one, so a database seeks to it through its
     * index and the cost of a page does not grow with the pages already read. The walk ends after a page shorter than
     * {@code pageSize}.
     *
     * @param pageSize items per page asked for, at least 1
     * @param query the query: at most the given number of items following the given item in key order (following
     *        nothing, for the first page)
     * @param <T> the item type
     * @return the items, in the query's order
     * @throws IllegalArgumentException if the page size is below 1
     */
    public static <T> Iterable<T> byKey(int pageSize, BiFunction<Optional<T>, Integer, List<T>> query) {
        Objects.requireNonNull(query, "query");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
        }
        return () -> new Iterator<T>() {
            private List<T> page;
            private int index;

            @Override
            public boolean hasNext() {
                if (page == null) {
                    page = query.apply(Optional.empty(), pageSize);
                }
                while (index >= page.size()) {
                    if (page.size() < pageSize) {
                        return false;
                    }
                    page = query.apply(Optional.of(page.get(page.size() - 1)), pageSize);
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
    }

    /**
     * One page of a key query answered from an offset query, for the default methods of the ports' key queries
     * ({@code listAfter}, {@code listByStatusAfter}, ...): the items whose id comes after the given one, ordered by
     * id as the stores compare them (the UUID's two halves, unsigned), at most {@code limit}. It reads every item the
     * offset query finds on each call; adapters answer the key queries with an indexed query instead.
     *
     * @param query the offset query whose items are filtered
     * @param id the id of an item
     * @param after only items whose id comes after this one; empty for the first page
     * @param limit how many at most, 1 to {@link PageRequest#MAX_LIMIT}
     * @param <T> the item type
     * @return the items, in id order
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the limit is out of range
     */
    public static <T> java.util.List<T> afterId(Function<PageRequest, Page<T>> query,
            Function<? super T, java.util.UUID> id, Optional<java.util.UUID> after, int limit) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(after, "after");
        requireKeyLimit(limit);
        java.util.Comparator<java.util.UUID> byId = java.util.Comparator
                .comparing(java.util.UUID::getMostSignificantBits, Long::compareUnsigned)
                .thenComparing(java.util.UUID::getLeastSignificantBits, Long::compareUnsigned);
        java.util.TreeMap<java.util.UUID, T> next = new java.util.TreeMap<>(byId);
        for (T item : byOffset(PageRequest.MAX_LIMIT, query)) {
            java.util.UUID key = id.apply(item);
            if (after.isEmpty() || byId.compare(key, after.get()) > 0) {
                next.put(key, item);
                if (next.size() > limit) {
                    next.pollLastEntry();
                }
            }
        }
        return java.util.List.copyOf(next.values());
    }

    /** Hands out a page's items, then asks for the following page while there is one. */
    private abstract static class Walk<T> implements Iterator<T> {
        private Page<T> page;
        private int index;

        Walk(Page<T> first) {
            page = first;
        }

        /** The page after a full one that says more follow. */
        abstract Page<T> following(Page<T> page);

        @Override
        public boolean hasNext() {
            while (index >= page.items().size()) {
                if (!page.hasNext() || page.items().isEmpty()) {
                    return false;
                }
                page = following(page);
                index = 0;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.items().get(index++);
        }
    }

    /**
     * Checks the page size of a key query ({@code listAfter}, {@code listByStatusAfter} and the like): the one rule
     * every adapter applies, 1 to {@link PageRequest#MAX_LIMIT}.
     *
     * @param limit the page size asked for
     * @throws IllegalArgumentException if it is out of range
     */
    public static void requireKeyLimit(int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + PageRequest.MAX_LIMIT + ", not " + limit);
        }
    }
}
