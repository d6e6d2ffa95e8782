package dev.rapport.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Format")
class FormatTest {

    @Test
    @DisplayName("writes durations as people say them, in at most two units, one decimal below ten seconds")
    void durations() {
        assertThat(Format.duration(new BigDecimal("0"))).isEqualTo("0 s");
        assertThat(Format.duration(new BigDecimal("4.25"))).isEqualTo("4.3 s");
        assertThat(Format.duration(new BigDecimal("42"))).isEqualTo("42 s");
        assertThat(Format.duration(new BigDecimal("270"))).isEqualTo("4 min 30 s");
        assertThat(Format.duration(new BigDecimal("720"))).isEqualTo("12 min");
        assertThat(Format.duration(new BigDecimal("12240"))).isEqualTo("3 h 24 min");
        assertThat(Format.duration(new BigDecimal("181440"))).isEqualTo("2 d 2 h");
        assertThat(Format.duration(new BigDecimal("1728000"))).isEqualTo("20 d");
        assertThat(Format.duration(new BigDecimal("15120.7"))).isEqualTo("4 h 12 min");
        assertThat(Format.duration(new BigDecimal("3599.6"))).isEqualTo("1 h");
        assertThat(Format.duration(new BigDecimal("31536000"))).isEqualTo("365 d");
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

    @Test
    @DisplayName("writes settings for people: durations, days and times, words, and each item of a list")
    void settings() {
        assertThat(Format.setting("PT8760H")).isEqualTo("365 d");
        assertThat(Format.setting("PT24H,PT72H,PT168H")).isEqualTo("1 d, 3 d, 7 d");
        assertThat(Format.setting("2024-04-01T07:00:00Z")).isEqualTo("1 Apr 2024, 07:00 UTC");
        assertThat(Format.setting("FIRST_REPLY")).isEqualTo("first reply");
        assertThat(Format.setting("next_reply")).isEqualTo("next reply");
        assertThat(Format.setting("1_to_5_higher_is_better")).isEqualTo("1 to 5 higher is better");
        assertThat(Format.setting("EUR")).isEqualTo("EUR");
        assertThat(Format.setting("UPHELD or PARTLY_UPHELD")).isEqualTo("upheld or partly upheld");
        assertThat(Format.setting("Europe/Berlin")).isEqualTo("Europe/Berlin");
        assertThat(Format.settings(java.util.Map.of("target", "PT4H"))).isEqualTo("target 4\u00a0h");
    }
}
