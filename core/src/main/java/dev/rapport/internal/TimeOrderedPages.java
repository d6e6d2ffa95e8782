package dev.rapport.internal;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Walks a query over a time range whose results are ordered by a time, then id, one page at a time, without the
 * growing offsets of plain paging. Internal to Rapport; not an API.
 *
 * <p>Each next page starts the range at the last time seen and skips only the items already seen at exactly that
 * time. A database then seeks to the time through its index instead of reading and dropping every earlier row, so
 * walking a million records costs a million rows read, not half a million per page. Plain offset paging
 * ({@link PageRequest#next()}) reads the whole prefix again for every page. Items are visited in the query's order,
 * each once, as long as nothing is stored in the range meanwhile (the same promise paging gives).
 */
public final class TimeOrderedPages {

    private TimeOrderedPages() {
    }

    /**
     * Every item the query finds in the range, fetched lazily, a page at a time.
     *
     * @param range the whole range to walk
     * @param pageSize items per page, 1 to {@link PageRequest#MAX_LIMIT}
     * @param query the query: items in a range, ordered by {@code time}, then by id
     * @param time the time each item is ordered and ranged by
     * @param <T> the item type
     * @return the items, in the query's order
     */
    public static <T> Iterable<T> all(TimeRange range, int pageSize, BiFunction<TimeRange, PageRequest, Page<T>> query,
            Function<? super T, Instant> time) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(time, "time");
        PageRequest first = PageRequest.first(pageSize);
        return () -> new Iterator<T>() {
            private Page<T> page = query.apply(range, first);
            private int index;
            private Instant from = range.from();
            private int seenAtFrom;

            @Override
            public boolean hasNext() {
                while (index >= page.items().size()) {
                    if (!page.hasNext() || page.items().isEmpty()) {
                        return false;
                    }
                    Instant last = time.apply(page.items().get(page.items().size() - 1));
                    int atLast = 0;
                    for (T item : page.items()) {
                        if (time.apply(item).equals(last)) {
                            atLast++;
                        }
                    }
                    seenAtFrom = last.equals(from) ? seenAtFrom + atLast : atLast;
                    from = last;
                    page = query.apply(TimeRange.of(from, range.to()), new PageRequest(seenAtFrom, pageSize));
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
        };
    }
}
