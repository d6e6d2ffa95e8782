package dev.rapport.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The settable clock")
class SettableClockTest {

    private static final Instant T0 = Instant.parse("2025-03-10T09:15:30.123456789Z");

    @Test
    @DisplayName("stands still at its start, in UTC, until it is moved")
    void standsStill() {
        // given
        SettableClock clock = new SettableClock(T0);

        // when
        Instant first = clock.instant();
        Instant second = clock.instant();

        // then
        assertThat(first).isEqualTo(T0).isEqualTo(second);
        assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    @DisplayName("starts at an instant given as text")
    void startsAtText() {
        // given / when
        SettableClock clock = SettableClock.at("2025-03-10T09:00:00Z");

        // then
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-10T09:00:00Z"));
    }

    @Test
    @DisplayName("is set to any instant, earlier or later")
    void isSet() {
        // given
        SettableClock clock = new SettableClock(T0);

        // when
        clock.set(T0.plusSeconds(60));
        Instant later = clock.instant();
        clock.set(T0.minusSeconds(60));

        // then
        assertThat(later).isEqualTo(T0.plusSeconds(60));
        assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
    }

    @Test
    @DisplayName("advances by a duration, back as well as forward, and answers where it stands")
    void advances() {
        // given
        SettableClock clock = new SettableClock(T0);

        // when
        Instant forward = clock.advance(Duration.ofHours(1));
        Instant back = clock.advance(Duration.ofNanos(-1));

        // then
        assertThat(forward).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(back).isEqualTo(T0.plus(Duration.ofHours(1)).minusNanos(1));
        assertThat(clock.instant()).isEqualTo(back);
    }

    @Test
    @DisplayName("reports the zone it was given, and a view in another zone shares its instant")
    void zones() {
        // given
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        SettableClock clock = new SettableClock(T0, berlin);

        // when
        SettableClock london = clock.withZone(ZoneId.of("Europe/London"));
        london.advance(Duration.ofMinutes(5));

        // then
        assertThat(clock.getZone()).isEqualTo(berlin);
        assertThat(clock.withZone(berlin)).isSameAs(clock);
        assertThat(london.getZone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(5))).isEqualTo(london.instant());
        assertThat(ZonedDateTime.now(clock).getHour()).isEqualTo(10);
        assertThat(ZonedDateTime.now(london).getHour()).isEqualTo(9);
    }

    @Test
    @DisplayName("refuses nulls, naming what was null")
    void refusesNulls() {
        // given
        SettableClock clock = new SettableClock(T0);

        // when / then
        assertThatThrownBy(() -> new SettableClock(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("start");
        assertThatThrownBy(() -> new SettableClock(T0, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("zone");
        assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class).hasMessage("instant");
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class).hasMessage("by");
        assertThatThrownBy(() -> clock.withZone(null)).isInstanceOf(NullPointerException.class).hasMessage("zone");
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    @DisplayName("loses no move when several threads advance it at once")
    void threadSafe() throws InterruptedException {
        // given
        SettableClock clock = new SettableClock(T0);
        int threads = 4;
        int moves = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int n = 0; n < moves; n++) {
                    clock.advance(Duration.ofNanos(1));
                }
            });
            worker.start();
            workers.add(worker);
        }

        // when
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        // then
        assertThat(clock.instant()).isEqualTo(T0.plusNanos((long) threads * moves));
    }
}
