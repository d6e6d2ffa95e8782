package dev.rapport.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a query result.
 *
 * @param items the items on this page, in the query's documented order
 * @param request the request that produced the page
 * @param hasNext whether at least one more item follows this page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, PageRequest request, boolean hasNext) {

    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
    }

    /**
     * Builds a page from a list that holds up to {@code limit + 1} items from the page's offset on: the extra item,
     * if present, only tells that a next page exists. Adapters fetch {@code limit + 1} rows and call this.
     */
    public static <T> Page<T> fromOverfetched(List<T> upToLimitPlusOne, PageRequest request) {
        boolean more = upToLimitPlusOne.size() > request.limit();
        List<T> items = more ? upToLimitPlusOne.subList(0, request.limit()) : upToLimitPlusOne;
        return new Page<>(items, request, more);
    }

    /** Builds a page by slicing a complete, already ordered list. */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.limit() + 1, all.size());
        return fromOverfetched(new ArrayList<>(all.subList(from, to)), request);
    }

    /** An empty last page. */
    public static <T> Page<T> empty(PageRequest request) {
        return new Page<>(Collections.emptyList(), request, false);
    }

    /** The request for the following page, if there is one. */
    public Optional<PageRequest> nextRequest() {
        return hasNext ? Optional.of(request.next()) : Optional.empty();
    }

    /** The same page with each item mapped. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), request, hasNext);
    }
}
