package dev.rapport.kpi;

import dev.rapport.spi.TimeRange;
import dev.rapport.spi.kpi.Granularity;
import dev.rapport.spi.kpi.GroupKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Instant arithmetic that saturates at the ends of time, microsecond conversions, and calendar periods. */
final class Times {

    private Times() {
    }

    /** {@code at - d}, or {@link Instant#MIN} if that is earlier than representable. */
    static Instant minus(Instant at, Duration d) {
        try {
            return at.minus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MIN;
        }
    }

    /** {@code at + d}, or {@link Instant#MAX} if that is later than representable. */
    static Instant plus(Instant at, Duration d) {
        try {
            return at.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }

    /** A duration in whole microseconds, truncated. */
    static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000);
    }

    /** Microseconds as seconds, exact. */
    static BigDecimal seconds(long micros) {
        return BigDecimal.valueOf(micros, 6);
    }

    /** Microseconds as seconds, exact. */
    static BigDecimal seconds(BigDecimal micros) {
        BigDecimal s = micros.movePointLeft(6).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * One calendar period of a breakdown.
     *
     * @param firstDay the local date it starts on
     * @param range the instants it covers, cut to the requested period
     */
    record Bucket(LocalDate firstDay, TimeRange range) {
        GroupKey key() {
            return GroupKey.period(firstDay.toString(), range);
        }
    }

    /** The period holding an instant, cut to the requested period. */
    static Bucket bucket(Instant at, Granularity granularity, ZoneId zone, TimeRange within) {
        LocalDate first = granularity.start(LocalDate.ofInstant(at, zone));
        return bucket(first, granularity, zone, within);
    }

    private static Bucket bucket(LocalDate first, Granularity granularity, ZoneId zone, TimeRange within) {
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = granularity.next(first).atStartOfDay(zone).toInstant();
        Instant cutFrom = from.isBefore(within.from()) ? within.from() : from;
        Instant cutTo = to.isAfter(within.to()) ? within.to() : to;
        return new Bucket(first, TimeRange.of(cutFrom, cutTo.isBefore(cutFrom) ? cutFrom : cutTo));
    }

    /** Every period overlapping the range, in order; none for an empty range. */
    static List<Bucket> buckets(TimeRange range, Granularity granularity, ZoneId zone) {
        List<Bucket> buckets = new ArrayList<>();
        if (!range.from().isBefore(range.to())) {
            return buckets;
        }
        LocalDate first = granularity.start(LocalDate.ofInstant(range.from(), zone));
        while (true) {
            Bucket bucket = bucket(first, granularity, zone, range);
            if (!bucket.range().from().isBefore(range.to())) {
                break;
            }
            if (bucket.range().from().isBefore(bucket.range().to())) {
                buckets.add(bucket);
            }
            first = granularity.next(first);
        }
        return buckets;
    }

    /** How many periods overlap the range, without listing them; at most {@code limit + 1}. */
    static long countBuckets(TimeRange range, Granularity granularity, ZoneId zone, long limit) {
        if (!range.from().isBefore(range.to())) {
            return 0;
        }
        LocalDate first = granularity.start(LocalDate.ofInstant(range.from(), zone));
        LocalDate last = granularity.start(LocalDate.ofInstant(range.to().minusNanos(1), zone));
        long count = switch (granularity) {
            case DAY -> java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
            case WEEK -> java.time.temporal.ChronoUnit.WEEKS.between(first, last) + 1;
            case MONTH -> java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
        };
        return Math.min(count, limit + 1);
    }
}
