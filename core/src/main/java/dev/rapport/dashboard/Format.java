package dev.rapport.dashboard;

import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.Exclusions;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
     * A duration in seconds, in the largest unit that keeps it short: {@code 42 s}, {@code 4.5 min}, {@code 12 min},
     * {@code 3.4 h}, {@code 2.1 d}. One decimal below 10 of a unit, none above.
     */
    static String duration(BigDecimal seconds) {
        double s = seconds.doubleValue();
        double abs = Math.abs(s);
        if (abs < 60) {
            return unit(s, "s");
        }
        if (abs < 3_600) {
            return unit(s / 60, "min");
        }
        if (abs < 86_400) {
            return unit(s / 3_600, "h");
        }
        return unit(s / 86_400, "d");
    }

    private static String unit(double amount, String unit) {
        BigDecimal value = BigDecimal.valueOf(amount);
        int decimals = Math.abs(amount) < 10 && amount != Math.rint(amount) ? 1 : 0;
        BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        return rounded.toPlainString() + " " + unit;
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
