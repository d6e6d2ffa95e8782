package dev.rapport.spi;

/**
 * Which slice of an ordered query result to return. Every query that pages documents its order, and that order
 * is total (it ends with the id), so walking the pages of an unchanged store visits every item exactly once.
 *
 * <p>An offset page is for showing a page to a person: a database answers it by reading every earlier row again, so
 * walking a whole table with it costs more the further it goes, and rows stored or removed meanwhile shift the pages.
 * To walk a table that grows, use the ports' key queries instead, which continue after the last item seen
 * ({@code CustomerRepository.listAfter}, {@code AgentRepository.listAfter}, {@code CaseRepository.listByStatusAfter},
 * {@code ComplaintRepository.listByStageAfter}, {@code FollowUpRepository.listByStatusAfter}), with
 * {@link PageWalk#byKey}, or a time-ordered range query with {@link PageWalk#byTime}. The services offer the same
 * key forms to hosts ({@code CustomerService.listAfter}, {@code AgentService.listAfter},
 * {@code CaseService.listByStatusAfter}, {@code ComplaintService.listByStageAfter}).
 *
 * @param offset how many items to skip; zero or more
 * @param limit how many items at most; 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {

    /** The largest page a query returns. */
    public static final int MAX_LIMIT = 1_000;

    /** The page size used by {@link #first()}. */
    public static final int DEFAULT_LIMIT = 100;

    /**
     * Checks the bounds.
     *
     * @param offset how many items to skip; zero or more
     * @param limit how many items at most; 1 to {@value #MAX_LIMIT}
     */
    public PageRequest {
        if (offset < 0) {
            throw ValidationException.of("PageRequest", "offset", "Min", "must be greater than or equal to 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("PageRequest", "limit", "Range", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * The first page with {@link #DEFAULT_LIMIT} items.
     *
     * @return the request for items 0 to {@value #DEFAULT_LIMIT} (exclusive)
     */
    public static PageRequest first() {
        return new PageRequest(0, DEFAULT_LIMIT);
    }

    /**
     * The first page with the given size.
     *
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @return the request for the first {@code limit} items
     */
    public static PageRequest first(int limit) {
        return new PageRequest(0, limit);
    }

    /**
     * The page after this one, of the same size.
     *
     * @return the request whose offset is this one's offset plus limit, with the same limit
     */
    public PageRequest next() {
        return new PageRequest(offset + limit, limit);
    }
}
