package dev.rapport.imports;

import dev.rapport.spi.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the times in one column of an export are written, and in which time zone they are to be read when they carry
 * none. Immutable and thread-safe.
 *
 * <p>Parsing is strict: a date that does not exist (30 February, month 13) is refused, not rolled over. A pattern
 * may use {@code yyyy} or {@code uuuu} for the year. A time with an offset or zone in the text ({@code Z},
 * {@code +02:00}, {@code [Europe/Paris]}) is read as written; a local time is read in the format's zone, or else in
 * the mapping's {@link ColumnMapping.Builder#timeZone time zone}. A local time that does not exist in that zone (in
 * the gap of a daylight-saving change) is refused; one that exists twice (in the overlap) is read with the earlier
 * offset, as {@link java.time.ZonedDateTime#of} does.
 */
public final class TimeFormat {

    /**
     * ISO 8601 date-times: {@code 2024-03-05T14:30:00Z}, {@code 2024-03-05T14:30:00+01:00},
     * {@code 2024-03-05T14:30:00+01:00[Europe/Paris]}, or a local {@code 2024-03-05T14:30:00} read in the zone;
     * seconds and fractions optional.
     */
    public static final TimeFormat ISO = new TimeFormat("ISO-8601", DateTimeFormatter.ISO_DATE_TIME
            .withResolverStyle(ResolverStyle.STRICT), Optional.empty());

    /** ISO 8601 dates without a time of day, {@code 2024-03-05}, read as the start of that day in the zone. */
    public static final TimeFormat ISO_DATE = new TimeFormat("ISO-8601 date", DateTimeFormatter.ISO_LOCAL_DATE
            .withResolverStyle(ResolverStyle.STRICT), Optional.empty(), true);

    private final String description;
    private final DateTimeFormatter formatter;
    private final Optional<ZoneId> zone;
    private final boolean dateOnly;

    private TimeFormat(String description, DateTimeFormatter formatter, Optional<ZoneId> zone) {
        this(description, formatter, zone, false);
    }

    private TimeFormat(String description, DateTimeFormatter formatter, Optional<ZoneId> zone, boolean dateOnly) {
        this.description = description;
        this.formatter = formatter;
        this.zone = zone;
        this.dateOnly = dateOnly;
    }

    /**
     * A date-only format given as a {@link DateTimeFormatter} pattern without a time of day, for example
     * {@code "dd/MM/yyyy"}; each date is read as the start of that day in the format's or the mapping's zone (the
     * first moment of the day that exists there). A time read this way is an estimate: a creation time taken from
     * it is marked {@link dev.rapport.spi.cases.CreationTimeQuality#ESTIMATED}.
     *
     * @param pattern the pattern, for example {@code "yyyy-MM-dd"}
     * @return the format
     * @throws ValidationException naming {@code pattern} if it is blank or not a valid pattern
     */
    public static TimeFormat date(String pattern) {
        TimeFormat format = pattern(pattern, Locale.ENGLISH);
        return new TimeFormat(format.description, format.formatter, Optional.empty(), true);
    }

    /**
     * Whether this format reads dates without a time of day.
     *
     * @return true for {@link #date(String)} and {@link #ISO_DATE}
     */
    public boolean dateOnly() {
        return dateOnly;
    }

    /**
     * A format given as a {@link DateTimeFormatter} pattern, for example {@code "yyyy-MM-dd HH:mm"} or
     * {@code "dd/MM/yyyy h:mm a"}; month and day names are read in English.
     *
     * @param pattern the {@link DateTimeFormatter} pattern, for example {@code "yyyy-MM-dd HH:mm"}
     * @return the format, reading local times in the mapping's zone
     * @throws ValidationException naming {@code pattern} if it is blank or not a valid pattern
     */
    public static TimeFormat pattern(String pattern) {
        return pattern(pattern, Locale.ENGLISH);
    }

    /**
     * A format given as a {@link DateTimeFormatter} pattern whose month and day names are in the given language.
     *
     * @param pattern the {@link DateTimeFormatter} pattern, for example {@code "dd MMMM yyyy HH:mm"}
     * @param locale the language month and day names are read in
     * @return the format, reading local times in the mapping's zone
     * @throws ValidationException naming {@code pattern} if it is blank or not a valid pattern
     */
    public static TimeFormat pattern(String pattern, Locale locale) {
        Objects.requireNonNull(locale, "locale");
        if (pattern == null || pattern.isBlank()) {
            throw ValidationException.of("TimeFormat", "pattern", "NotBlank", "must not be blank");
        }
        try {
            DateTimeFormatter formatter = new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1) // lets "yyyy" resolve strictly, as "uuuu" does
                    .toFormatter(locale)
                    .withResolverStyle(ResolverStyle.STRICT);
            return new TimeFormat(pattern, formatter, Optional.empty());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("TimeFormat", "pattern", "DateTimePattern",
                    "is not a valid DateTimeFormatter pattern: " + e.getMessage());
        }
    }

    /**
     * The same format, reading times without an offset or zone in the given zone instead of the mapping's.
     *
     * @param value the zone local times are read in
     * @return a new format with the same pattern and its own zone
     */
    public TimeFormat inZone(ZoneId value) {
        return new TimeFormat(description, formatter, Optional.of(Objects.requireNonNull(value, "zone")), dateOnly);
    }

    /**
     * The pattern, or {@code ISO-8601}, as rejections quote it.
     *
     * @return the pattern as given, or {@code ISO-8601} for the ISO format
     */
    public String description() {
        return description;
    }

    /**
     * The zone this format reads local times in, if it has its own.
     *
     * @return the zone local times are read in, or empty to use the mapping's
     */
    public Optional<ZoneId> zone() {
        return zone;
    }

    /**
     * Reads a time.
     *
     * @param text the text, already stripped
     * @param fallbackZone the zone for local times when the format has none of its own
     * @return the instant, or the reason it could not be read
     */
    Parsed parse(String text, ZoneId fallbackZone) {
        TemporalAccessor parsed;
        try {
            parsed = formatter.parse(text);
        } catch (DateTimeParseException e) {
            return Parsed.failure("TimeFormat", "'" + ImportText.quote(text) + "' is not a time in the format "
                    + description);
        }
        try {
            if (dateOnly) {
                return Parsed.success(LocalDate.from(parsed).atStartOfDay(zone.orElse(fallbackZone)).toInstant());
            }
            if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Parsed.success(Instant.from(parsed));
            }
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneId in = zone.orElse(fallbackZone);
            if (in.getRules().getValidOffsets(local).isEmpty()) {
                return Parsed.failure("ExistingLocalTime", "'" + ImportText.quote(text)
                        + "' does not exist in " + in.getId() + " (it falls in a daylight-saving gap)");
            }
            return Parsed.success(local.atZone(in).toInstant());
        } catch (DateTimeException e) {
            return Parsed.failure("TimeFormat", "'" + ImportText.quote(text)
                    + "' does not hold a full date and time in the format " + description);
        }
    }

    @Override
    public String toString() {
        return zone.map(z -> description + " in " + z.getId()).orElse(description);
    }

    /** The outcome of reading one time: an instant, or the rule it broke and why. */
    record Parsed(Instant instant, String rule, String message) {

        static Parsed success(Instant instant) {
            return new Parsed(instant, null, null);
        }

        static Parsed failure(String rule, String message) {
            return new Parsed(null, rule, message);
        }

        boolean ok() {
            return instant != null;
        }
    }
}
