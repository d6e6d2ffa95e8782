package dev.rapport.imports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of one import run: set to each historic moment of a row before the services act, so that what they
 * stamp (creation, lifecycle moves, recording times) carries the time from the file. Used by one thread at a time.
 */
final class ImportClock extends Clock {

    private volatile Instant now;

    ImportClock(Instant start) {
        now = start;
    }

    /** Puts the clock at a moment. */
    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}
