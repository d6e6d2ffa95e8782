package dev.rapport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.StaleVersionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retry")
class RetryTest {

    @Test
    @DisplayName("an operation that meets stale versions is tried again until it succeeds")
    void retriesUntilSuccess() {
        // given an operation that meets a newer version twice
        AtomicInteger tries = new AtomicInteger();

        // when it is run with three attempts
        String result = Retry.onStaleVersion(3, "Case 1", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new StaleVersionException("case", "1", 1);
            }
            return "done";
        });

        // then the third attempt's result comes back
        assertThat(result).isEqualTo("done");
        assertThat(tries).hasValue(3);
    }

    @Test
    @DisplayName("the last stale version is thrown once every attempt is used")
    void givesUpAfterTheLastAttempt() {
        // given an operation that always meets a newer version
        AtomicInteger tries = new AtomicInteger();

        // when it is run with four attempts, then the stale version of the fourth is thrown
        assertThatThrownBy(() -> Retry.onStaleVersion(4, "Case 1", () -> {
            tries.incrementAndGet();
            throw new StaleVersionException("case", "1", 1);
        })).isInstanceOf(StaleVersionException.class);
        assertThat(tries).hasValue(4);
    }

    @Test
    @DisplayName("an exception that is not retryable is thrown at once")
    void otherExceptionsAreNotRetried() {
        // given an operation that fails with something other than a stale version
        AtomicInteger tries = new AtomicInteger();

        // when it is run, then it is tried once and its exception comes back
        assertThatThrownBy(() -> Retry.onStaleVersion(5, "Case 1", () -> {
            tries.incrementAndGet();
            throw new NotFoundException("agent", "gone");
        })).isInstanceOf(NotFoundException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    @DisplayName("a conflict predicate decides which exceptions are tried again")
    void predicateChoosesRetryableExceptions() {
        // given an operation that first finds nothing, then succeeds
        AtomicInteger tries = new AtomicInteger();

        // when not-found counts as a conflict
        int result = Retry.onConflict(2, "Agent 7", NotFoundException.class::isInstance, () -> {
            if (tries.incrementAndGet() == 1) {
                throw new NotFoundException("agent", "7");
            }
            return 7;
        });

        // then the second attempt's result comes back
        assertThat(result).isEqualTo(7);
    }

    @Test
    @DisplayName("fewer than one attempt is refused")
    void refusesNoAttempts() {
        assertThatThrownBy(() -> Retry.onStaleVersion(0, "x", () -> 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts");
    }
}
