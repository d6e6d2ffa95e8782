package dev.rapport.spi.kpi;

import java.time.Duration;
import java.time.Instant;

/**
 * Measures the time between two instants, for reply, resolution and backlog-age KPIs. The default measures
 * calendar time; a business calendar implements this interface to count only working time, and the KPI results
 * then name its {@link #basis()}. Implementations must be thread-safe, must return zero or more for
 * {@code start <= end}, and must be additive: {@code between(a, c) == between(a, b) + between(b, c)} for
 * {@code a <= b <= c}, so that paused intervals can be taken out.
 */
public interface ElapsedTime {

    /** Plain calendar time: {@code end - start}. */
    ElapsedTime CALENDAR = new ElapsedTime() {
        @Override
        public Duration between(Instant start, Instant end) {
            return Duration.between(start, end);
        }

        @Override
        public String basis() {
            return "calendar";
        }
    };

    /**
     * The time counted between two instants.
     *
     * @param start the earlier instant
     * @param end the later instant; not before {@code start}
     * @return the counted time; zero or more
     */
    Duration between(Instant start, Instant end);

    /**
     * What kind of time this counts, as KPI results state it: {@code calendar}, or the business calendar's name.
     *
     * @return a short name of the basis, {@code "calendar"} for calendar time; never null
     */
    String basis();
}
