package dev.rapport.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Progress")
class ProgressTest {

    @Test
    @DisplayName("gives the share done in whole percent rounded down, and 100 for an empty total")
    void percent() {
        assertThat(progress(1_200, OptionalLong.of(5_000)).percent()).isEqualTo(OptionalInt.of(24));
        assertThat(progress(4_999, OptionalLong.of(5_000)).percent()).isEqualTo(OptionalInt.of(99));
        assertThat(progress(0, OptionalLong.of(0)).percent()).isEqualTo(OptionalInt.of(100));
        assertThat(progress(7, OptionalLong.empty()).percent()).isEmpty();
    }

    @Test
    @DisplayName("counts what succeeded as done less rejected and skipped")
    void succeeded() {
        assertThat(new Progress("import", "rows", 10, OptionalLong.empty(), 3, 2, Duration.ZERO, false).succeeded())
                .isEqualTo(5);
    }

    @Test
    @DisplayName("refuses an inconsistent snapshot, naming every component at fault")
    void inconsistent() {
        assertThatThrownBy(() -> new Progress(" ", null, 5, OptionalLong.of(4), 4, 3, Duration.ofSeconds(-1), false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("done", "elapsed", "operation", "total", "unit"));
        assertThatThrownBy(() -> new Progress("import", "rows", -1, null, -1, 0, null, false))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fields())
                        .containsExactly("done", "elapsed", "rejected", "total"));
    }

    private static Progress progress(long done, OptionalLong total) {
        return new Progress("import", "rows", done, total, 0, 0, Duration.ZERO, false);
    }
}
