package dev.rapport.examples;

import static dev.rapport.examples.ShopIntegrationMain.SHOP_ZONE;

import dev.rapport.kpi.Kpi;
import dev.rapport.kpi.KpiFigure;
import dev.rapport.kpi.KpiReport;
import dev.rapport.kpi.KpiResult;
import dev.rapport.sla.SlaClock;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Money;
import dev.rapport.spi.complaint.ComplaintDeadline;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How the shop's story writes times, amounts, durations and table cells; the helpers of {@link ShopIntegrationMain}. */
final class ShopText {

    /** Times as the story prints them: "Mon 08:30". */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)
            .withZone(SHOP_ZONE);

    /** Days as the story heads them: "Monday 3 March 2025". */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
            .withZone(SHOP_ZONE);

    /** Due times of complaint deadlines: "Mon 3 Mar 17:00". */
    static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)
            .withZone(SHOP_ZONE);

    /** The indent of lines under a time stamp. */
    static final String INDENT = "           ";

    /** The order of the channels' columns in tables. */
    static final List<Channel> COLUMN_ORDER = List.of(Channel.EMAIL, Channel.CHAT, Channel.PHONE,
            Channel.WHATSAPP, Channel.FACEBOOK, Channel.X);

    private ShopText() {
    }

    static Instant at(int dayOfMarch, int hour, int minute) {
        return LocalDateTime.of(2025, 3, dayOfMarch, hour, minute).atZone(SHOP_ZONE).toInstant();
    }

    /** A deadline's due time in the shop's zone; one at midnight is the end of the day before. */
    static String due(ComplaintDeadline deadline) {
        Instant due = deadline.effectiveDueAt();
        if (due.atZone(SHOP_ZONE).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return "by the end of " + DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH)
                    .format(due.minusNanos(1).atZone(SHOP_ZONE));
        }
        return "by " + DUE.format(due);
    }

    /** One SLA clock in a few words. */
    static String describe(SlaClock slaClock) {
        return switch (slaClock.outcome()) {
            case ACHIEVED -> "ACHIEVED in " + duration(slaClock.elapsed()) + " (target " + duration(slaClock.goal())
                    + ")";
            case BREACHED -> "BREACHED: " + duration(slaClock.elapsed()) + " and counting (target "
                    + duration(slaClock.goal()) + ", was due " + slaClock.dueAt().map(STAMP::format).orElse("-") + ")";
            case IN_PROGRESS -> "IN_PROGRESS: " + duration(slaClock.elapsed()) + " of " + duration(slaClock.goal())
                    + slaClock.dueAt().map(d -> ", due " + STAMP.format(d)).orElse(", paused");
        };
    }

    /** An amount with its currency's usual decimals: 10.00 EUR. */
    static String money(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        return money.amount().setScale(Math.max(digits, money.amount().scale()), RoundingMode.UNNECESSARY)
                .toPlainString() + " " + money.currency().getCurrencyCode();
    }

    static String sorted(Map<String, Integer> skills) {
        return new TreeMap<>(skills).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    static String hours(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }

    static String percent(KpiFigure figure) {
        return figure.value().map(v -> v.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP)
                .toPlainString() + "%").orElse("-");
    }

    static String signed(BigDecimal value) {
        BigDecimal rounded = value.setScale(0, RoundingMode.HALF_UP);
        return (rounded.signum() > 0 ? "+" : "") + rounded.toPlainString();
    }

    static String seconds(BigDecimal seconds) {
        return duration(Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue()));
    }

    /** 45s, 10.4m, 26.3h: short enough for a table cell. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        String sign = millis < 0 ? "-" : "";
        BigDecimal ms = BigDecimal.valueOf(Math.abs(millis));
        if (Math.abs(millis) < 60_000) {
            return sign + ms.divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP) + "s";
        }
        if (Math.abs(millis) < 3_600_000) {
            return sign + ms.divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_UP).stripTrailingZeros()
                    .toPlainString() + "m";
        }
        return sign + ms.divide(BigDecimal.valueOf(3_600_000), 1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "h";
    }

    /** The week's KPIs as a table: one row per figure, one column for all channels, then one per channel. */
    static void kpiTable(PrintStream out, KpiReport report) {
        Set<String> present = new LinkedHashSet<>();
        report.results().forEach(r -> r.groups().forEach(g -> present.add(g.group().label())));
        List<String> columns = new ArrayList<>();
        COLUMN_ORDER.stream().map(Channel::code).filter(present::contains).forEach(columns::add);
        present.stream().filter(c -> !columns.contains(c)).sorted().forEach(columns::add);

        StringBuilder header = new StringBuilder(INDENT + pad("", 26) + pad("all", 12));
        columns.forEach(c -> header.append(pad(c, 10)));
        out.println(header.toString().stripTrailing());
        row(out, report, Kpi.CSAT, "CSAT (4-5 of 5)", ShopText::percent, true, columns);
        row(out, report, Kpi.NPS, "NPS", f -> f.value().map(ShopText::signed).orElse("-"), false, columns);
        row(out, report, Kpi.FIRST_REPLY_TIME, "First reply, mean", f -> f.value().map(ShopText::seconds)
                .orElse("-"), false, columns);
        row(out, report, Kpi.FIRST_REPLY_TIME, "First reply, median", f -> f.statistic("median_seconds")
                .map(ShopText::seconds).orElse("-"), false, columns);
        row(out, report, Kpi.FIRST_RESOLUTION_TIME, "First resolution, mean", f -> f.value()
                .map(ShopText::seconds).orElse("-"), false, columns);
        row(out, report, Kpi.FIRST_RESOLUTION_TIME, "First resolution, median", f -> f.statistic("median_seconds")
                .map(ShopText::seconds).orElse("-"), false, columns);
        row(out, report, Kpi.FIRST_CONTACT_RESOLUTION, "First-contact resolution", ShopText::percent, true,
                columns);
        row(out, report, Kpi.REOPEN_RATE, "Reopen rate", ShopText::percent, true, columns);
    }

    private static void row(PrintStream out, KpiReport report, Kpi kpi, String label,
            Function<KpiFigure, String> cell, boolean ratio, List<String> columns) {
        KpiResult result = report.result(kpi).orElseThrow();
        KpiFigure total = result.total();
        String all = cell.apply(total) + (ratio ? " (" + total.numerator().toPlainString() + "/"
                + total.denominator().toPlainString() + ")" : "");
        StringBuilder line = new StringBuilder(INDENT + pad(label, 26) + pad(all, 12));
        for (String column : columns) {
            line.append(pad(result.group(column).map(cell).orElse("-"), 10));
        }
        out.println(line.toString().stripTrailing());
    }
}
