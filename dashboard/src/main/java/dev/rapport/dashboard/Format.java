package dev.rapport.dashboard;

import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiResult;
import dev.rapport.kpi.KpiUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the dashboard writes numbers for people: shares as percentages, NPS with its sign, durations in the largest
 * unit that keeps them short, counts with thousands separators. Always in English ({@link Locale#ROOT} digits), so
 * a page reads the same wherever it is rendered. Exact numerators and denominators are written in full elsewhere.
 */
final class Format {

    /** What an empty value (denominator zero) is written as. */
    static final String NO_VALUE = "\u2013";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern ISO_DURATION = Pattern.compile("-?P(?:\\d+D)?(?:T(?:[\\d.]+[HMS])+)?");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)+");
    /** Constant names, alone or within a text: {@code UPHELD}, {@code PARTLY_UPHELD}. */
    private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z]{2,}[A-Z0-9]*(?:_[A-Z0-9]+)*\\b");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern CODE_IN_TEXT = Pattern.compile("\\b[a-z0-9]+(?:_[a-z0-9]+)+\\b");

    private Format() {
    }

    /** A share 0..1 as a percentage with one decimal: {@code 86.0%}. */
    static String percent(BigDecimal share) {
        return share.multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** NPS points with their sign and one decimal: {@code +32.5}, {@code -4.0}, {@code 0.0}. */
    static String nps(BigDecimal points) {
        BigDecimal rounded = points.setScale(1, RoundingMode.HALF_UP);
        return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString();
    }

    /** A number with two decimals: {@code 4.31}. */
    static String decimal2(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A whole count with thousands separators: {@code 1,234}; fractions keep up to two decimals. */
    static String count(BigDecimal value) {
        if (value.stripTrailingZeros().scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", value.toBigInteger());
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** An amount of money: {@code 1,234.50 EUR}. */
    static String money(BigDecimal value, String currency) {
        return String.format(Locale.ROOT, "%,.2f", value) + (currency == null ? "" : " " + currency);
    }

    /**
     * A duration in seconds as people say it, in at most two units: {@code 42 s}, {@code 4 min 30 s},
     * {@code 4 h 12 min}, {@code 2 d 3 h}; the smaller unit is left out when it is zero. Below ten seconds one
     * decimal ({@code 4.3 s}); otherwise rounded to the smaller unit shown.
     */
    static String duration(BigDecimal seconds) {
        String sign = seconds.signum() < 0 ? "-" : "";
        BigDecimal abs = seconds.abs();
        if (abs.compareTo(BigDecimal.TEN) < 0) {
            BigDecimal rounded = abs.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
            return sign + (rounded.scale() < 0 ? rounded.setScale(0) : rounded).toPlainString() + " s";
        }
        long whole = abs.setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (whole < 60) {
            return sign + whole + " s";
        }
        if (whole < 3_600) {
            return sign + pair(whole, 60, "min", "s");
        }
        long minutes = Math.round(whole / 60.0);
        if (minutes < 24 * 60) {
            return sign + pair(minutes, 60, "h", "min");
        }
        return sign + pair(Math.round(minutes / 60.0), 24, "d", "h");
    }

    private static String pair(long amount, long per, String big, String small) {
        long rest = amount % per;
        return amount / per + " " + big + (rest == 0 ? "" : " " + rest + " " + small);
    }

    /** A figure's value for people, by its unit; {@link #NO_VALUE} when it has none. */
    static String value(KpiFigure figure, Map<String, String> parameters) {
        Optional<BigDecimal> value = figure.value();
        if (value.isEmpty()) {
            return NO_VALUE;
        }
        BigDecimal v = value.get();
        return switch (figure.kpi().unit()) {
            case SHARE -> percent(v);
            case NPS_POINTS -> nps(v);
            case SCORE, NORMALIZED_SCORE -> decimal2(v);
            case SECONDS -> duration(v);
            case COUNT -> count(v);
            case MONEY -> money(v, parameters.get("currency"));
        };
    }

    /** A figure's value for people, by its unit, with the result's parameters (for the currency). */
    static String value(KpiResult result, KpiFigure figure) {
        return value(figure, result.parameters());
    }

    /** An exact decimal as written in exports: plain, no exponent. */
    static String exact(BigDecimal value) {
        return value.toPlainString();
    }

    /**
     * What a figure counted, for people: a total time for durations ({@code 4 d 3 h in all}), an amount for money,
     * otherwise a count.
     */
    static String numerator(KpiUnit unit, KpiFigure figure, Map<String, String> parameters) {
        return switch (unit) {
            case SECONDS -> figure.denominator().signum() == 0 ? NO_VALUE : duration(figure.numerator()) + " in all";
            case MONEY -> money(figure.numerator(), parameters.get("currency"));
            default -> count(figure.numerator());
        };
    }

    /** What a figure counted out of, for people; {@link #NO_VALUE} for a plain count, which divides by nothing. */
    static String denominator(KpiUnit unit, KpiFigure figure) {
        return unit == KpiUnit.COUNT ? NO_VALUE : count(figure.denominator());
    }

    /**
     * A figure's statistics for people: {@code median 4 h 12 min · p90 1 d 2 h · promoters 12}; a statistic in
     * seconds as a duration, others as counts with at most two decimals.
     */
    static String statistics(Map<String, BigDecimal> statistics) {
        List<String> parts = new ArrayList<>();
        statistics.forEach((name, value) -> parts.add(name.endsWith("_seconds")
                ? words(name.substring(0, name.length() - "_seconds".length())) + " " + unbroken(duration(value))
                : words(name) + " " + unbroken(count(value))));
        return parts.isEmpty() ? NO_VALUE : String.join(" \u00b7 ", parts);
    }

    /**
     * A result's settings for people: ISO durations ({@code PT8760H}) as durations ({@code 365 d}), constant
     * names ({@code FIRST_REPLY}) as words ({@code first reply}).
     */
    static String settings(Map<String, String> parameters) {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, value) -> {
            String text = setting(value);
            // a short value is a figure (4 h, 1 Apr 2024): kept on one line; a long one is a sentence and may wrap
            parts.add(words(name) + " " + (text.length() <= 24 ? unbroken(text) : text));
        });
        return parts.isEmpty() ? NO_VALUE : String.join(" \u00b7 ", parts);
    }

    /** A figure with no-break spaces, so that a line never ends inside it ({@code 4 h 12 min}). */
    static String unbroken(String figure) {
        return figure.replace(' ', '\u00a0');
    }

    /**
     * One setting's value for people; see {@link #settings(Map)}. Also instants as a day and time in UTC
     * ({@code 1 Apr 2024, 07:00 UTC}), codes as words ({@code next_reply} as {@code next reply}), constant names
     * within a text as words ({@code UPHELD or PARTLY_UPHELD} as {@code upheld or partly upheld}), a currency code
     * as it is, and each item of a comma-separated list.
     */
    static String setting(String value) {
        if (value.contains(",")) {
            List<String> items = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                items.add(setting(item.trim()));
            }
            return String.join(", ", items);
        }
        if (INSTANT.matcher(value).matches()) {
            try {
                return INSTANT_TEXT.format(Instant.parse(value));
            } catch (DateTimeParseException e) {
                return value;
            }
        }
        if (CODE.matcher(value).matches()) {
            return words(value);
        }
        if (ISO_DURATION.matcher(value).matches()) {
            try {
                return duration(BigDecimal.valueOf(Duration.parse(value).toMillis()).movePointLeft(3));
            } catch (DateTimeParseException | ArithmeticException e) {
                return value;
            }
        }
        if (CURRENCY.matcher(value).matches()) {
            return value;
        }
        String words = CONSTANT.matcher(value).replaceAll(m -> m.group().toLowerCase(Locale.ROOT).replace('_', ' '));
        return CODE_IN_TEXT.matcher(words).replaceAll(m -> m.group().replace('_', ' '));
    }

    /** {@code 412 / 479}: the exact numerator over the exact denominator. */
    static String fraction(KpiFigure figure) {
        return exact(figure.numerator()) + " / " + exact(figure.denominator());
    }

    /** How many records were left out and why, for tables: {@code none} or {@code 3: not yet replied 2, ...}. */
    static String exclusions(Exclusions excluded) {
        if (excluded.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        excluded.counts().forEach((reason, count) -> parts.add(reasonName(reason) + " " + count));
        return excluded.total() + ": " + String.join(", ", parts);
    }

    /** How many records were left out and why, in sentences for tooltips. */
    static String exclusionSentences(Exclusions excluded) {
        if (excluded.isEmpty()) {
            return "nothing excluded";
        }
        List<String> parts = new ArrayList<>();
        excluded.counts().forEach((reason, count) -> parts.add(count + " " + reason.description()));
        return excluded.total() + " excluded (" + String.join("; ", parts) + ")";
    }

    /** {@code NOT_YET_REPLIED} as {@code not yet replied}. */
    static String reasonName(ExclusionReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A KPI code or statistic name for people: {@code first_reply_time} as {@code first reply time}. */
    static String words(String code) {
        return code.replace('_', ' ');
    }

    /** {@code 4 Mar 2024}. */
    static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** {@code 4 Mar}. */
    static String shortDay(LocalDate date) {
        return SHORT_DAY.format(date);
    }
}
