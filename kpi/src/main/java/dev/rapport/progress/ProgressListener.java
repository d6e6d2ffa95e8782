package dev.rapport.progress;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives progress reports from a long-running operation, supplied by the host: to update a progress bar, write a
 * console line, or feed a metric.
 *
 * <p>An operation calls its listener on the thread that runs the operation, one call at a time, every so many units
 * and once more at the end with {@link Progress#finished()} set. A listener must return quickly; an exception it
 * throws stops the operation and reaches the operation's caller (work completed before that stays done). A listener
 * shared by operations that run at the same time must itself be thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {

    /** The listener that ignores every report: the default wherever a listener is optional. */
    ProgressListener NONE = progress -> { };

    /**
     * Called with the operation's latest snapshot.
     *
     * @param progress how far the operation has come
     */
    void onProgress(Progress progress);

    /**
     * A listener that formats each report with {@link ProgressFormatter#DEFAULT} and hands the line to a sink, for
     * example {@code ProgressListener.lines(System.out::println)}. Thread-safe if the sink is.
     *
     * @param sink where the lines go
     * @return a listener writing one line per report
     */
    static ProgressListener lines(Consumer<String> sink) {
        return lines(sink, ProgressFormatter.DEFAULT);
    }

    /**
     * A listener that formats each report with the given formatter and hands the line to a sink. Thread-safe if the
     * sink is.
     *
     * @param sink where the lines go
     * @param formatter how a report becomes a line
     * @return a listener writing one line per report
     */
    static ProgressListener lines(Consumer<String> sink, ProgressFormatter formatter) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(formatter, "formatter");
        return progress -> sink.accept(formatter.format(progress));
    }
}
