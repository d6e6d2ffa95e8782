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

    /**
     * Copies the items.
     *
     * @param items the items on this page, in the query's documented order
     * @param request the request that produced the page
     * @param hasNext whether at least one more item follows this page
     */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
    }

    /**
     * Builds a page from a list that holds up to {@code limit + 1} items from the page's offset on: the extra item,
     * if present, only tells that a next page exists. Adapters fetch {@code limit + 1} rows and call this.
     *
     * @param <T> the item type
     * @param upToLimitPlusOne the items from the request's offset on, at most {@code limit + 1}, in the query's order
     * @param request the request the items were fetched for
     * @return the page of the first {@code limit} items, with {@link #hasNext()} true if an extra item was given
     */
    public static <T> Page<T> fromOverfetched(List<T> upToLimitPlusOne, PageRequest request) {
        boolean more = upToLimitPlusOne.size() > request.limit();
        List<T> items = more ? upToLimitPlusOne.subList(0, request.limit()) : upToLimitPlusOne;
        return new Page<>(items, request, more);
    }

    /**
     * Builds a page by slicing a complete, already ordered list.
     *
     * @param <T> the item type
     * @param all every item of the query result, in the query's order
     * @param request which slice to take
     * @return the page of the items at the request's offset and limit; empty past the end
     */
    public static <T> Page<T> slice(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.limit() + 1, all.size());
        return fromOverfetched(new ArrayList<>(all.subList(from, to)), request);
    }

    /**
     * An empty last page.
     *
     * @param <T> the item type
     * @param request the request the page answers
     * @return a page without items and without a next page
     */
    public static <T> Page<T> empty(PageRequest request) {
        return new Page<>(Collections.emptyList(), request, false);
    }

    /**
     * The request for the following page, if there is one.
     *
     * @return the request for the page after this one, or empty if this is the last page
     */
    public Optional<PageRequest> nextRequest() {
        return hasNext ? Optional.of(request.next()) : Optional.empty();
    }

    /**
     * The same page with each item mapped.
     *
     * @param <R> the mapped item type
     * @param mapper the function applied to each item, in order
     * @return a page of the mapped items with the same request and the same {@link #hasNext()}
     */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), request, hasNext);
    }
}
