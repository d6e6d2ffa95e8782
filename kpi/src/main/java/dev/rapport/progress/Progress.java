package dev.rapport.progress;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A snapshot of how far a long-running operation has come, handed to a {@link ProgressListener}. Immutable.
 *
 * @param operation what runs, for example {@code "import"}; not blank
 * @param unit what is counted, plural, for example {@code "rows"}; not blank
 * @param done how many units were processed so far, whatever their outcome (rejected and skipped ones included)
 * @param total how many units there are in all, if known; never less than {@code done}
 * @param rejected how many of the processed units were refused, each for a reason the operation reports
 * @param skipped how many of the processed units were left alone on purpose, for example because they were
 *        imported before
 * @param elapsed how long the operation has been running, by the clock the operation was given
 * @param finished whether this is the operation's last report
 */
public record Progress(
        String operation,
        String unit,
        long done,
        OptionalLong total,
        long rejected,
        long skipped,
        Duration elapsed,
        boolean finished) {

    /**
     * Checks the snapshot is consistent.
     *
     * @param operation what runs, for example {@code "import"}; not blank
     * @param unit what is counted, plural, for example {@code "rows"}; not blank
     * @param done how many units were processed so far, whatever their outcome (rejected and skipped ones included)
     * @param total how many units there are in all, if known; never less than {@code done}
     * @param rejected how many of the processed units were refused, each for a reason the operation reports
     * @param skipped how many of the processed units were left alone on purpose, for example because they were imported
     *        before
     * @param elapsed how long the operation has been running, by the clock the operation was given
     * @param finished whether this is the operation's last report
     * @throws ValidationException naming every inconsistent component
     */
    public Progress {
        List<Violation> violations = new ArrayList<>();
        if (operation == null || operation.isBlank()) {
            violations.add(new Violation("operation", "NotBlank", "must not be blank"));
        }
        if (unit == null || unit.isBlank()) {
            violations.add(new Violation("unit", "NotBlank", "must not be blank"));
        }
        if (done < 0) {
            violations.add(new Violation("done", "PositiveOrZero", "must not be negative"));
        }
        if (total == null) {
            violations.add(new Violation("total", "NotNull", "must not be null; use OptionalLong.empty()"));
        } else if (total.isPresent() && total.getAsLong() < done) {
            violations.add(new Violation("total", "NotBelowDone", "must not be less than done"));
        }
        if (rejected < 0) {
            violations.add(new Violation("rejected", "PositiveOrZero", "must not be negative"));
        }
        if (skipped < 0) {
            violations.add(new Violation("skipped", "PositiveOrZero", "must not be negative"));
        }
        if (rejected >= 0 && skipped >= 0 && done >= 0 && rejected + skipped > done) {
            violations.add(new Violation("done", "CoversRejectedAndSkipped",
                    "must be at least rejected + skipped"));
        }
        if (elapsed == null) {
            violations.add(new Violation("elapsed", "NotNull", "must not be null"));
        } else if (elapsed.isNegative()) {
            violations.add(new Violation("elapsed", "PositiveOrZero", "must not be negative"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException("Progress", violations);
        }
    }

    /**
     * The share done, in whole percent rounded down (so 100 only when everything is done), if the total is known.
     * A total of zero counts as complete.
     *
     * @return the share done in whole percent from 0 to 100, or empty when the total is unknown
     */
    public OptionalInt percent() {
        if (total.isEmpty()) {
            return OptionalInt.empty();
        }
        long all = total.getAsLong();
        return OptionalInt.of(all == 0 ? 100 : (int) (done * 100 / all));
    }

    /**
     * How many of the processed units succeeded: {@code done - rejected - skipped}.
     *
     * @return the number of processed units that were neither rejected nor skipped
     */
    public long succeeded() {
        return done - rejected - skipped;
    }
}
