package dev.rapport.imports;

import dev.rapport.observe.RapportObserver;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.ExclusionReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one run of an import did with each data row of the file: imported, skipped because it was imported before,
 * or rejected with every reason. Every row is in exactly one of the three lists, in file order; nothing is dropped
 * silently. Rows imported although their data contradicts itself are also listed in {@code warnings}, naming the
 * inconsistency and the KPI exclusion it leads to. Immutable. Rejection reasons and warnings never quote personal
 * data (names, addresses, message text, subjects).
 *
 * @param imported the rows imported by this run
 * @param skipped the rows left alone because their ticket was imported before (by an earlier run, or concurrently)
 * @param rejected the rows refused, each with its line number and reasons; nothing of them was stored
 * @param customersRegistered how many customers the run registered (the others were found by their addresses)
 * @param elapsed how long the run took, by the Rapport's clock
 * @param warnings what a person should know about imported rows (inconsistencies, dropped or cleaned values,
 *        estimated creation times, name conflicts), one entry per finding, in file order
 * @param nameConflicts the customers whose address appeared under more than one name, in the order first met
 * @param dryRun whether the run was a dry run: every row was read, checked and written inside a transaction that
 *        was rolled back, so the report says what an import would do and nothing was stored
 */
public record ImportReport(
        List<Imported> imported,
        List<Skipped> skipped,
        List<Rejected> rejected,
        long customersRegistered,
        Duration elapsed,
        List<Warning> warnings,
        List<NameConflict> nameConflicts,
        boolean dryRun) {

    /**
     * Copies the lists.
     *
     * @param imported the rows imported by this run
     * @param skipped the rows left alone because their ticket was imported before (by an earlier run, or concurrently)
     * @param rejected the rows refused, each with its line number and reasons; nothing of them was stored
     * @param customersRegistered how many customers the run registered (the others were found by their addresses)
     * @param elapsed how long the run took, by the Rapport's clock
     * @param warnings what a person should know about imported rows (inconsistencies, dropped or cleaned values,
     *        estimated creation times, name conflicts), one entry per finding, in file order
     * @param nameConflicts the customers whose address appeared under more than one name, in the order first met
     * @param dryRun whether the run was a dry run: every row was read, checked and written inside a transaction that
     *        was rolled back, so the report says what an import would do and nothing was stored
     */
    public ImportReport {
        imported = List.copyOf(imported);
        skipped = List.copyOf(skipped);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
        nameConflicts = List.copyOf(nameConflicts);
    }

    /**
     * A report of a run that stored its rows, without name conflicts.
     *
     * @param imported the rows imported
     * @param skipped the rows skipped
     * @param rejected the rows rejected
     * @param customersRegistered how many customers the run registered
     * @param elapsed how long the run took
     * @param warnings the warnings of imported rows
     */
    public ImportReport(List<Imported> imported, List<Skipped> skipped, List<Rejected> rejected,
            long customersRegistered, Duration elapsed, List<Warning> warnings) {
        this(imported, skipped, rejected, customersRegistered, elapsed, warnings, List.of(), false);
    }

    /**
     * A report of a run that stored its rows, without warnings.
     *
     * @param imported the rows imported
     * @param skipped the rows skipped
     * @param rejected the rows rejected
     * @param customersRegistered how many customers the run registered
     * @param elapsed how long the run took
     */
    public ImportReport(List<Imported> imported, List<Skipped> skipped, List<Rejected> rejected,
            long customersRegistered, Duration elapsed) {
        this(imported, skipped, rejected, customersRegistered, elapsed, List.of());
    }

    /**
     * How many data rows the run read (the header line not counted).
     *
     * @return the number of rows imported, skipped and rejected together
     */
    public long rows() {
        return (long) imported.size() + skipped.size() + rejected.size();
    }

    /**
     * The rows by outcome, as the import tells the Rapport's observer.
     *
     * @return the counts of imported, skipped, rejected and warned rows
     */
    public RapportObserver.ImportCounts counts() {
        return new RapportObserver.ImportCounts(imported.size(), skipped.size(), rejected.size(),
                warnings.stream().map(Warning::line).distinct().count());
    }

    /**
     * Whether no row was rejected.
     *
     * @return {@code true} if every row was imported or skipped
     */
    public boolean isClean() {
        return rejected.isEmpty();
    }

    /**
     * One line, for example {@code "12 rows: 9 imported, 1 skipped as already imported, 2 rejected"}.
     *
     * @return the counts of the run in one line
     */
    public String summary() {
        return rows() + " rows: " + imported.size() + " imported, " + skipped.size()
                + " skipped as already imported, " + rejected.size() + " rejected";
    }

    /**
     * A row imported by this run.
     *
     * @param line the line of the file the row starts on
     * @param ticketId the ticket's id in the helpdesk
     * @param caseId the case opened for it
     * @param customerId the customer it belongs to
     * @param newCustomer whether the run registered that customer for this row
     */
    public record Imported(long line, String ticketId, CaseId caseId, CustomerId customerId, boolean newCustomer) {
    }

    /**
     * A row left alone because its ticket was imported before; its content is not compared with what is stored.
     *
     * @param line the line of the file the row starts on
     * @param ticketId the ticket's id in the helpdesk
     * @param caseId the case the earlier import opened, if its first interaction belongs to one
     */
    public record Skipped(long line, String ticketId, Optional<CaseId> caseId) {
    }

    /**
     * Something about an imported row that a person should know: a value that contradicts another (and the KPI
     * exclusion it leads to), a bad optional value that was dropped, control characters that were cleaned, a creation
     * time that was estimated or is unknown, a customer's name that differs from the one kept. The row is stored; the
     * warning says what was stored differently from the file.
     *
     * @param line the line of the file the row starts on
     * @param ticketId the ticket's id in the helpdesk
     * @param field the field concerned, for example {@code firstReplyAt}
     * @param rule the rule, for example {@code TimeFormat}, {@code ControlCharacters} or the exclusion's name
     * @param message what happened, without personal data
     * @param exclusion the KPI exclusion the row falls under because of it, if any, for example
     *        {@link ExclusionReason#REPLIED_AFTER_RESOLVED}
     */
    public record Warning(long line, String ticketId, String field, String rule, String message,
            Optional<ExclusionReason> exclusion) {

        /**
         * Checks the parts are present.
         *
         * @param line the line of the file the row starts on
         * @param ticketId the ticket's id in the helpdesk
         * @param field the field concerned, for example {@code firstReplyAt}
         * @param rule the rule, for example {@code TimeFormat}, {@code ControlCharacters} or the exclusion's name
         * @param message what happened, without personal data
         * @param exclusion the KPI exclusion the row falls under because of it, if any, for example
         *        {@link ExclusionReason#REPLIED_AFTER_RESOLVED}
         */
        public Warning {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(exclusion, "exclusion");
        }

        /**
         * A warning about an inconsistency that a KPI exclusion is named for; its rule is the exclusion's name.
         *
         * @param line the line of the file the row starts on
         * @param ticketId the ticket's id
         * @param field the field concerned
         * @param exclusion the exclusion
         * @param message what contradicts what
         */
        public Warning(long line, String ticketId, String field, ExclusionReason exclusion, String message) {
            this(line, ticketId, field, exclusion.name(), message, Optional.of(exclusion));
        }

        /**
         * The warning as one line, for example {@code "line 7 (ticket 1007): firstReplyAt: ... (REPLIED_AFTER_RESOLVED)"}.
         *
         * @return the line
         */
        public String describe() {
            return "line " + line + " (ticket " + ImportText.quote(ticketId) + "): " + field + ": " + message + " ("
                    + exclusion.map(Enum::name).orElse(rule) + ")";
        }
    }

    /**
     * A customer whose address appeared on the run's tickets under more than one name. Names are personal data and
     * are not quoted: the lines say where to look.
     *
     * @param customerId the customer
     * @param names how many different names the run met for them (the name they held before the run counted)
     * @param lines the lines whose name differed from the one the customer held when the row was read
     * @param kept which rule chose the name the customer holds now
     */
    public record NameConflict(CustomerId customerId, int names, List<Long> lines, NameConflicts kept) {

        /**
         * Copies the lines.
         *
         * @param customerId the customer whose address met several names
         * @param names how many different names the run met for them (the name they held before the run counted)
         * @param lines the lines whose name differed from the one the customer held when the row was read
         * @param kept which rule chose the name the customer holds now
         */
        public NameConflict {
            Objects.requireNonNull(customerId, "customerId");
            lines = List.copyOf(lines);
            Objects.requireNonNull(kept, "kept");
        }
    }

    /**
     * A row refused, with every reason found.
     *
     * @param line the line of the file the row starts on
     * @param ticketId the ticket's id, if the row has one
     * @param reasons each bad field with the rule it breaks, for example {@code createdAt}, {@code TimeFormat},
     *        {@code "'31.02.2024' is not a time in the format dd.MM.yyyy"}; at least one
     */
    public record Rejected(long line, Optional<String> ticketId, List<Violation> reasons) {

        /**
         * Copies the reasons.
         *
         * @param line the line of the file the row starts on
         * @param ticketId the ticket's id, if the row has one
         * @param reasons each bad field with the rule it breaks, for example {@code createdAt}, {@code TimeFormat},
         *        {@code "'31.02.2024' is not a time in the format dd.MM.yyyy"}; at least one
         */
        public Rejected {
            Objects.requireNonNull(ticketId, "ticketId");
            reasons = List.copyOf(reasons);
        }

        /**
         * The fields at fault, in the order found.
         *
         * @return the names of the fields at fault, each once, in the order found
         */
        public List<String> fields() {
            return reasons.stream().map(Violation::field).distinct().toList();
        }

        /**
         * The rejection as one line, for example {@code "line 7 (ticket 1007): createdAt: ... (TimeFormat)"}.
         *
         * @return the line, ticket and each reason in one line
         */
        public String describe() {
            return "line " + line + ticketId.map(id -> " (ticket " + ImportText.quote(id) + ")").orElse("") + ": "
                    + reasons.stream().map(Violation::toString).collect(Collectors.joining("; "));
        }
    }
}
