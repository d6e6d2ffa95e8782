package dev.rapport.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ProgressFormatter")
class ProgressFormatterTest {

    @Test
    @DisplayName("writes done, total, percentage and rejections on one line")
    void withTotal() {
        assertThat(ProgressFormatter.DEFAULT.format(progress(1_200, OptionalLong.of(5_000), 3, 0, Duration.ZERO)))
                .isEqualTo("import: 1,200/5,000 rows (24%), 3 rejected");
    }

    @Test
    @DisplayName("leaves out the total and the percentage when the total is unknown, and zero counts always")
    void withoutTotal() {
        assertThat(ProgressFormatter.DEFAULT.format(progress(1_200, OptionalLong.empty(), 0, 0, Duration.ZERO)))
                .isEqualTo("import: 1,200 rows");
        assertThat(ProgressFormatter.DEFAULT.format(progress(12, OptionalLong.empty(), 1, 2, Duration.ZERO)))
                .isEqualTo("import: 12 rows, 1 rejected, 2 skipped");
    }

    @Test
    @DisplayName("groups numbers as the locale does and appends the elapsed time when asked")
    void localeAndElapsed() {
        // given
        ProgressFormatter german = ProgressFormatter.DEFAULT.withLocale(Locale.GERMANY).withElapsed(true);
        ProgressFormatter english = ProgressFormatter.DEFAULT.withElapsed(true);

        // then
        assertThat(german.format(progress(1_200, OptionalLong.of(5_000), 0, 0, Duration.ofMillis(12_345))))
                .isEqualTo("import: 1.200/5.000 rows (24%), 12,3 s");
        assertThat(english.format(progress(5, OptionalLong.of(5), 0, 0, Duration.ofSeconds(125))))
                .isEqualTo("import: 5/5 rows (100%), 2 min 5 s");
        assertThat(english.format(progress(5, OptionalLong.of(5), 0, 0, Duration.ofMinutes(62))))
                .isEqualTo("import: 5/5 rows (100%), 1 h 2 min");
    }

    @Test
    @DisplayName("feeds formatted lines to a sink through ProgressListener.lines, and NONE ignores reports")
    void listeners() {
        // given
        List<String> lines = new ArrayList<>();
        ProgressListener listener = ProgressListener.lines(lines::add);

        // when
        listener.onProgress(progress(1, OptionalLong.of(2), 0, 0, Duration.ZERO));
        ProgressListener.NONE.onProgress(progress(2, OptionalLong.of(2), 0, 0, Duration.ZERO));

        // then
        assertThat(lines).containsExactly("import: 1/2 rows (50%)");
    }

    private static Progress progress(long done, OptionalLong total, long rejected, long skipped, Duration elapsed) {
        return new Progress("import", "rows", done, total, rejected, skipped, elapsed, false);
    }
}
