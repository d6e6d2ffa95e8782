package dev.rapport.examples;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The story's clock: it stands still until the story moves it on. Reads are safe from any thread, the outbox
 * relay's included.
 */
final class StoryClock extends Clock {
    private volatile Instant now;

    StoryClock(Instant start) {
        now = start;
    }

    /** Moves the clock to an instant; the story only ever moves it forward. */
    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("the story's clock only moves forward");
        }
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        StoryClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
