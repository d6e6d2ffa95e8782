package dev.rapport.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.dashboard.Charts.Axis;
import dev.rapport.dashboard.Charts.Labels;
import dev.rapport.dashboard.Charts.Point;
import dev.rapport.dashboard.Charts.Series;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

@DisplayName("Charts")
class ChartsTest {

    @Test
    @DisplayName("breaks a line where a period has no value instead of drawing a zero")
    void gaps() {
        // given four periods, the second without data
        Markup m = new Markup();
        List<Point> points = List.of(new Point(10d, "10", "a"), new Point(null, "-", "b"),
                new Point(20d, "20", "c"), new Point(30d, "30", "d"));

        // when
        m.open("div");
        Charts.line(m, new Labels("c1", "Title", "Description"), List.of("1", "2", "3", "4"), "Day",
                Axis.counts(30, "Count"), List.of(new Series("s", points, true, true)), Optional.empty(), false);
        m.close("div");
        PageDom chart = PageDom.parse(m.finish());

        // then one stretch joins the last two points, the first stands alone, and nothing is drawn at zero
        List<Element> lines = chart.all("//*[@class='line']");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getAttribute("d")).matches("M[\\d.]+ [\\d.]+ L[\\d.]+ [\\d.]+");
        assertThat(chart.all("//circle")).hasSize(3).extracting(c -> c.getTextContent())
                .containsExactly("a", "c", "d");
    }

    @Test
    @DisplayName("picks round count ticks, whole numbers only")
    void countTicks() {
        assertThat(Axis.counts(41, "n").ticks()).containsExactly(0d, 10d, 20d, 30d, 40d, 50d);
        assertThat(Axis.counts(3, "n").ticks()).containsExactly(0d, 1d, 2d, 3d);
        assertThat(Axis.counts(0, "n").ticks()).containsExactly(0d, 1d);
    }

    @Test
    @DisplayName("labels a time axis at durations people think in, covering every value, at most seven ticks")
    void durationTicks() {
        // when
        List<DurationTicks.Tick> ticks = DurationTicks.covering(List.of(30d, 2 * 86_400d));

        // then
        assertThat(ticks.get(0).label()).isEqualTo("10 s");
        assertThat(ticks.get(ticks.size() - 1).label()).isEqualTo("3 d");
        assertThat(ticks).hasSizeLessThanOrEqualTo(7);
        assertThat(DurationTicks.covering(List.of()).get(0).label()).isEqualTo("1 min");
        assertThat(DurationTicks.covering(List.of(0d, 0d))).extracting(DurationTicks.Tick::label)
                .containsExactly("1 s", "10 s");
    }

    @Test
    @DisplayName("shortens long labels on a code point boundary, with an ellipsis")
    void shorten() {
        assertThat(Charts.shorten("short", 10)).isEqualTo("short");
        assertThat(Charts.shorten("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2)).isEqualTo("\uD83D\uDE00\u2026");
    }

    @Test
    @DisplayName("refuses to close an element that is not the innermost one")
    void markupNesting() {
        Markup m = new Markup().open("div").open("span");
        assertThatThrownBy(() -> m.close("div")).isInstanceOf(IllegalStateException.class);
    }
}
