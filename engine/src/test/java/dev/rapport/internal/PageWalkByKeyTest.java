package dev.rapport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.PageWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Walking a query page by page after the last key seen")
class PageWalkByKeyTest {

    /** Keys 0 to size - 1, in order; the query stands for a port's walk by key. */
    private static List<Integer> after(List<Integer> all, Optional<Integer> last, int limit,
            List<Optional<Integer>> asked) {
        asked.add(last);
        return all.stream().filter(k -> last.isEmpty() || k > last.get()).limit(limit).toList();
    }

    @ParameterizedTest(name = "pages of {0}")
    @ValueSource(ints = {1, 7, 100, 1_000})
    @DisplayName("visits every item once in the query's order, asking each page after the last key of the one before")
    void visitsEachItemOnceInOrder(int pageSize) {
        // given
        List<Integer> all = IntStream.range(0, 1_000).boxed().toList();
        List<Optional<Integer>> asked = new ArrayList<>();

        // when
        List<Integer> visited = new ArrayList<>();
        PageWalk.<Integer>byKey(pageSize, (last, limit) -> after(all, last, limit, asked)).forEach(visited::add);

        // then
        assertThat(visited).containsExactlyElementsOf(all);
        assertThat(asked.get(0)).isEmpty();
        assertThat(asked.subList(1, asked.size())).allSatisfy(last -> assertThat(last).isPresent());
        assertThat(asked).hasSize(all.size() / pageSize + 1);
    }

    @Test
    @DisplayName("an empty result is asked for once and yields nothing")
    void emptyResult() {
        // given
        List<Optional<Integer>> asked = new ArrayList<>();

        // when
        List<Integer> visited = new ArrayList<>();
        PageWalk.<Integer>byKey(10, (last, limit) -> after(List.of(), last, limit, asked)).forEach(visited::add);

        // then
        assertThat(visited).isEmpty();
        assertThat(asked).hasSize(1);
    }

    @Test
    @DisplayName("a page size below one is refused")
    void pageSizeBelowOneIsRefused() {
        // given / when / then
        assertThatThrownBy(() -> PageWalk.<Integer>byKey(0, (last, limit) -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
