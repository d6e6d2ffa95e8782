package dev.rapport.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Format")
class FormatTest {

    @Test
    @DisplayName("writes durations in the largest unit that keeps them short, one decimal below ten")
    void durations() {
        assertThat(Format.duration(new BigDecimal("0"))).isEqualTo("0 s");
        assertThat(Format.duration(new BigDecimal("4.25"))).isEqualTo("4.3 s");
        assertThat(Format.duration(new BigDecimal("42"))).isEqualTo("42 s");
        assertThat(Format.duration(new BigDecimal("270"))).isEqualTo("4.5 min");
        assertThat(Format.duration(new BigDecimal("720"))).isEqualTo("12 min");
        assertThat(Format.duration(new BigDecimal("12240"))).isEqualTo("3.4 h");
        assertThat(Format.duration(new BigDecimal("181440"))).isEqualTo("2.1 d");
        assertThat(Format.duration(new BigDecimal("1728000"))).isEqualTo("20 d");
    }

    @Test
    @DisplayName("writes shares as percentages, NPS with its sign, counts with separators, money with its currency")
    void numbers() {
        assertThat(Format.percent(new BigDecimal("0.86049"))).isEqualTo("86.0%");
        assertThat(Format.percent(BigDecimal.ONE)).isEqualTo("100.0%");
        assertThat(Format.nps(new BigDecimal("32.45"))).isEqualTo("+32.5");
        assertThat(Format.nps(new BigDecimal("-4"))).isEqualTo("-4.0");
        assertThat(Format.nps(BigDecimal.ZERO)).isEqualTo("0.0");
        assertThat(Format.count(new BigDecimal("1234567"))).isEqualTo("1,234,567");
        assertThat(Format.count(new BigDecimal("2.50"))).isEqualTo("2.50");
        assertThat(Format.money(new BigDecimal("1234.5"), "EUR")).isEqualTo("1,234.50 EUR");
    }

    @Test
    @DisplayName("writes age bands for people")
    void ageBands() {
        assertThat(Page.ageBand("aged_under_1d")).isEqualTo("< 1d");
        assertThat(Page.ageBand("aged_1d_to_3d")).isEqualTo("1d\u20133d");
        assertThat(Page.ageBand("aged_30d_and_more")).isEqualTo("\u2265 30d");
    }
}
