package dev.rapport.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.spi.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TimeFormat")
class TimeFormatTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    @DisplayName("reads a local time in the zone it is given, across winter and summer time")
    void localTimeInZone() {
        // given
        TimeFormat format = TimeFormat.pattern("yyyy-MM-dd HH:mm");

        // when / then
        assertThat(format.parse("2024-01-15 10:00", BERLIN).instant()).isEqualTo(Instant.parse("2024-01-15T09:00:00Z"));
        assertThat(format.parse("2024-07-15 10:00", BERLIN).instant()).isEqualTo(Instant.parse("2024-07-15T08:00:00Z"));
    }

    @Test
    @DisplayName("reads strictly: a day that does not exist is refused, not rolled over")
    void strict() {
        // given
        TimeFormat format = TimeFormat.pattern("dd.MM.yyyy");

        // when
        TimeFormat.Parsed parsed = format.parse("30.02.2024", UTC);

        // then
        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.rule()).isEqualTo("TimeFormat");
        assertThat(parsed.message()).isEqualTo("'30.02.2024' is not a time in the format dd.MM.yyyy");
    }

    @Test
    @DisplayName("refuses a date without a time of day")
    void dateOnly() {
        // when
        TimeFormat.Parsed parsed = TimeFormat.pattern("yyyy-MM-dd").parse("2024-03-01", UTC);

        // then
        assertThat(parsed.rule()).isEqualTo("TimeFormat");
        assertThat(parsed.message()).contains("does not hold a full date and time");
    }

    @Test
    @DisplayName("refuses a local time in a daylight-saving gap and takes the earlier offset in an overlap")
    void daylightSaving() {
        // given
        TimeFormat format = TimeFormat.pattern("yyyy-MM-dd HH:mm");

        // when
        TimeFormat.Parsed gap = format.parse("2024-03-31 02:30", BERLIN);
        TimeFormat.Parsed overlap = format.parse("2024-10-27 02:30", BERLIN);

        // then
        assertThat(gap.rule()).isEqualTo("ExistingLocalTime");
        assertThat(overlap.instant()).isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
    }

    @Test
    @DisplayName("reads ISO 8601 with Z, an offset, a zone id, or as local time in the zone")
    void iso() {
        assertThat(TimeFormat.ISO.parse("2024-03-05T14:30:00Z", BERLIN).instant())
                .isEqualTo(Instant.parse("2024-03-05T14:30:00Z"));
        assertThat(TimeFormat.ISO.parse("2024-03-05T14:30:00.123456+02:00", BERLIN).instant())
                .isEqualTo(Instant.parse("2024-03-05T12:30:00.123456Z"));
        assertThat(TimeFormat.ISO.parse("2024-07-05T14:30+02:00[Europe/Paris]", UTC).instant())
                .isEqualTo(Instant.parse("2024-07-05T12:30:00Z"));
        assertThat(TimeFormat.ISO.parse("2024-03-05T14:30", BERLIN).instant())
                .isEqualTo(Instant.parse("2024-03-05T13:30:00Z"));
        assertThat(TimeFormat.ISO.parse("2024-03-05 14:30", BERLIN).ok()).isFalse();
    }

    @Test
    @DisplayName("reads an offset in the text over the zone, and its own zone over the mapping's")
    void zones() {
        assertThat(TimeFormat.pattern("yyyy-MM-dd HH:mm XXX").parse("2024-03-05 14:30 -05:00", BERLIN).instant())
                .isEqualTo(Instant.parse("2024-03-05T19:30:00Z"));
        TimeFormat newYork = TimeFormat.pattern("yyyy-MM-dd HH:mm").inZone(ZoneId.of("America/New_York"));
        assertThat(newYork.parse("2024-03-05 14:30", BERLIN).instant()).isEqualTo(Instant.parse("2024-03-05T19:30:00Z"));
        assertThat(newYork).hasToString("yyyy-MM-dd HH:mm in America/New_York");
    }

    @Test
    @DisplayName("reads month names in the language given, regardless of case")
    void monthNames() {
        assertThat(TimeFormat.pattern("dd MMM yyyy h:mm a").parse("04 MAR 2024 9:15 pm", UTC).instant())
                .isEqualTo(Instant.parse("2024-03-04T21:15:00Z"));
        assertThat(TimeFormat.pattern("d. MMMM yyyy HH:mm", Locale.GERMAN).parse("4. März 2024 09:15", UTC).instant())
                .isEqualTo(Instant.parse("2024-03-04T09:15:00Z"));
    }

    @Test
    @DisplayName("refuses a blank or invalid pattern by a ValidationException naming the pattern")
    void badPattern() {
        assertThatThrownBy(() -> TimeFormat.pattern(" ")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fields()).containsExactly("pattern"));
        assertThatThrownBy(() -> TimeFormat.pattern("yyyy-MM-dd {")).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.violations().get(0).rule()).isEqualTo("DateTimePattern"));
    }
}
