package dev.rapport.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("Send window properties")
class SendWindowProperties {

    private static final SendWindow WINDOW = WeeklySendWindow.builder()
            .allowedDays(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY))
            .quietHours(LocalTime.of(20, 30), LocalTime.of(2, 30))
            .quietHours(DayOfWeek.WEDNESDAY, LocalTime.of(12, 0), LocalTime.of(13, 0))
            .build();

    @Property(tries = 300)
    @Label("the next allowed time is allowed, not before the given time, and no earlier allowed minute was skipped")
    void nextAllowedIsTheEarliestAllowedTime(@ForAll("instants") Instant earliest, @ForAll("zones") ZoneId zone) {
        // when
        Instant next = WINDOW.nextAllowed(earliest, zone);

        // then
        assertThat(next).isAfterOrEqualTo(earliest);
        assertThat(WINDOW.isAllowed(next, zone)).isTrue();
        assertThat(WINDOW.nextAllowed(next, zone)).isEqualTo(next);
        for (Instant t = earliest.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1)); t.isBefore(next);
                t = t.plus(Duration.ofMinutes(1))) {
            assertThat(WINDOW.nextAllowed(t, zone)).as("allowed minute %s skipped", t).isEqualTo(next);
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        // 2024 holds spring-forward and fall-back days in both zones
        long from = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2024-12-31T00:00:00Z").getEpochSecond();
        Arbitrary<Instant> anyTime = Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
        Arbitrary<Instant> nearChanges = Arbitraries.of(
                        Instant.parse("2024-03-10T06:00:00Z"), Instant.parse("2024-03-31T00:00:00Z"),
                        Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-11-03T05:00:00Z"))
                .flatMap(base -> Arbitraries.longs().between(0, 4 * 3600).map(base::plusSeconds));
        return Arbitraries.oneOf(anyTime, nearChanges);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/Chicago"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));
    }
}
