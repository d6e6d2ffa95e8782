package dev.rapport.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a test sets and moves by hand, to hand to {@code Rapport.builder().clock(...)} and to the in-memory
 * storage so that due times, leases and deadlines fall when the test says. It stands still between moves.
 *
 * <p>Thread-safe: the instant is held atomically, so a test may move the clock while background workers read it.
 * {@link #withZone(ZoneId)} gives a view in another zone that shares this clock's instant: moving either moves both.
 * The instant may be set or moved backwards too, to imitate a host's clock stepping back.
 */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /**
     * A clock standing at the given instant, in UTC.
     *
     * @param start where the clock stands until it is moved
     * @throws NullPointerException if {@code start} is null
     */
    public SettableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    /**
     * A clock standing at the given instant, in the given zone.
     *
     * @param start where the clock stands until it is moved
     * @param zone the zone the clock reports
     * @throws NullPointerException if {@code start} or {@code zone} is null
     */
    public SettableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A clock in UTC standing at an instant written as {@link Instant#parse(CharSequence)} reads it, such as
     * {@code "2025-03-10T09:00:00Z"}.
     *
     * @param instant the instant, in ISO-8601 form
     * @return a clock standing at that instant
     * @throws java.time.format.DateTimeParseException if the text is not an instant
     * @throws NullPointerException if {@code instant} is null
     */
    public static SettableClock at(String instant) {
        return new SettableClock(Instant.parse(Objects.requireNonNull(instant, "instant")));
    }

    /**
     * Puts the clock at an instant, earlier or later than where it stands.
     *
     * @param instant where the clock stands from now on
     * @throws NullPointerException if {@code instant} is null
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the clock by a duration: forward if it is positive, back if it is negative.
     *
     * @param by how far to move the clock
     * @return the instant the clock stands at after the move
     * @throws NullPointerException if {@code by} is null
     * @throws java.time.DateTimeException if the move leaves the range of {@link Instant}
     */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        return now.updateAndGet(t -> t.plus(by));
    }

    /**
     * The instant the clock stands at.
     *
     * @return the instant last set, or reached by the moves since
     */
    @Override
    public Instant instant() {
        return now.get();
    }

    /**
     * The zone the clock reports.
     *
     * @return the zone given at construction, UTC unless another was given
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * A view of this clock in another zone: it shares this clock's instant, so setting or moving either moves both.
     *
     * @param zone the zone the view reports
     * @return this clock if the zone is its own, otherwise a view in that zone
     * @throws NullPointerException if {@code zone} is null
     */
    @Override
    public SettableClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new SettableClock(now, zone);
    }

    /**
     * Describes the clock.
     *
     * @return the instant and the zone, for test reports
     */
    @Override
    public String toString() {
        return "SettableClock[" + now.get() + ", " + zone + "]";
    }
}
