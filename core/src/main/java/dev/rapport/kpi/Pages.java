package dev.rapport.kpi;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Walks a paged query one page at a time, so that only one page is held in memory. */
final class Pages {

    private Pages() {
    }

    /** Every item of the query, fetched lazily page by page. */
    static <T> Iterable<T> all(int pageSize, Function<PageRequest, Page<T>> query) {
        return () -> new Iterator<T>() {
            private Page<T> page = query.apply(PageRequest.first(pageSize));
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= page.items().size()) {
                    if (!page.hasNext()) {
                        return false;
                    }
                    page = query.apply(page.request().next());
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
