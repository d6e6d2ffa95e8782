package dev.rapport.progress;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a {@link Progress} into one console-friendly line, for example
 * {@code "import: 1,200/5,000 rows (24%), 3 rejected"}, or {@code "import: 1,200 rows, 3 rejected"} when the total
 * is unknown. Rejected and skipped counts appear only when not zero; the elapsed time only when asked for
 * ({@code ", 12.5 s"}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ProgressFormatter {

    /** Numbers grouped the English way ({@code 1,200}), no elapsed time. */
    public static final ProgressFormatter DEFAULT = new ProgressFormatter(Locale.ENGLISH, false);

    private final Locale locale;
    private final boolean showElapsed;

    private ProgressFormatter(Locale locale, boolean showElapsed) {
        this.locale = locale;
        this.showElapsed = showElapsed;
    }

    /**
     * A formatter like this one that groups numbers as the locale does; the default is {@link Locale#ENGLISH}.
     *
     * @param value the locale whose digit grouping numbers get
     * @return a new formatter, this one being unchanged
     */
    public ProgressFormatter withLocale(Locale value) {
        return new ProgressFormatter(Objects.requireNonNull(value, "locale"), showElapsed);
    }

    /**
     * A formatter like this one that appends the elapsed time, or not; the default is not.
     *
     * @param value {@code true} to append the elapsed time to each line
     * @return a new formatter, this one being unchanged
     */
    public ProgressFormatter withElapsed(boolean value) {
        return new ProgressFormatter(locale, value);
    }

    /**
     * The report as one line, without a line break.
     *
     * @param progress the report
     * @return the line, for example {@code "import: 1,200/5,000 rows (24%), 3 rejected"}
     */
    public String format(Progress progress) {
        Objects.requireNonNull(progress, "progress");
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        StringBuilder line = new StringBuilder()
                .append(progress.operation()).append(": ").append(numbers.format(progress.done()));
        if (progress.total().isPresent()) {
            line.append('/').append(numbers.format(progress.total().getAsLong()));
        }
        line.append(' ').append(progress.unit());
        progress.percent().ifPresent(percent -> line.append(" (").append(percent).append("%)"));
        if (progress.rejected() > 0) {
            line.append(", ").append(numbers.format(progress.rejected())).append(" rejected");
        }
        if (progress.skipped() > 0) {
            line.append(", ").append(numbers.format(progress.skipped())).append(" skipped");
        }
        if (showElapsed) {
            line.append(", ").append(elapsed(progress.elapsed()));
        }
        return line.toString();
    }

    private String elapsed(Duration elapsed) {
        long seconds = elapsed.getSeconds();
        if (seconds < 60) {
            long tenths = elapsed.toMillis() / 100;
            NumberFormat decimal = NumberFormat.getNumberInstance(locale);
            decimal.setMinimumFractionDigits(1);
            decimal.setMaximumFractionDigits(1);
            return decimal.format(tenths / 10.0) + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
