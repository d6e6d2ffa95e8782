package dev.rapport.imports;

import dev.rapport.Rapport;
import dev.rapport.cases.AssignCase;
import dev.rapport.cases.MoveCase;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.AddContactIdentity;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.customer.UpdateCustomerDetails;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.progress.Progress;
import dev.rapport.progress.ProgressListener;
import dev.rapport.spi.Channel;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.ContactIdentityConflictException;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.feedback.FeedbackMetric;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.ExclusionReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports the tickets of a helpdesk export (Zendesk, Freshdesk, any CSV) into Rapport: one data row per ticket, in
 * whatever column layout a {@link ColumnMapping} declares.
 *
 * <pre>{@code
 * ImportReport report = TicketImporter.builder(rapport)
 *         .mapping(zendeskMapping)
 *         .progressListener(ProgressListener.lines(System.out::println))
 *         .build()
 *         .importFrom(Path.of("tickets.csv"));
 * report.rejected().forEach(r -> System.out.println(r.describe()));
 * }</pre>
 *
 * <p><b>Per row</b>, through the Rapport's own services: the customer is found by email address or phone number
 * (identity resolution), or registered, and given the address they lack; a case is opened on the ticket's channel
 * and, when the row names an agent, assigned to them; the customer's first message is recorded as an inbound
 * interaction whose external id is the ticket id (after the mapping's
 * {@linkplain ColumnMapping#externalIdPrefix() prefix}); the first public agent reply, when the row gives its time,
 * as an outbound one (external id with {@code /first-reply} appended), which sets the case's first reply time; the
 * case is moved to its status (a closed ticket through resolved), and the CSAT answer is recorded for the case.
 *
 * <p><b>Historic times are kept.</b> The services stamp creation and lifecycle times from their clock. The import
 * therefore runs them on a clock of its own, set to each moment of the row before each step: the customer (if new)
 * and the case are created at the ticket's creation time, the case is resolved at its resolution time, and so on.
 * Going through the services, rather than writing through the storage ports, keeps every rule they enforce (identity
 * resolution and conflicts, the case lifecycle, reply tracking) in one place. Times Rapport records about its own
 * work (a case's {@code updatedAt}, an interaction's {@code recordedAt}) carry the historic moment too, and a
 * customer registered by an import counts as acquired at their first imported ticket.
 *
 * <p><b>Each row is all or nothing</b>: it runs in one storage transaction, so a row that fails half-way leaves
 * nothing behind. <b>Re-running an import is idempotent</b>: a row whose ticket was imported before (its external id
 * is recorded) is skipped, whatever it holds now; an interrupted run can simply be run again. A ticket id that
 * appears twice in one file is rejected the second time.
 *
 * <p><b>Bulk path.</b> On storage that {@linkplain RapportStorage#prefersBulkWrites() prefers bulk writes} (the
 * JDBC adapter), rows are written in chunks ({@link Builder#chunkSize}, default {@value #DEFAULT_CHUNK_SIZE}): the
 * rows of a chunk go through the same services, on a storage that stages their writes in memory (a row that fails
 * still leaves nothing), and the chunk's customers, cases, interactions and feedback are then stored with the
 * storage's bulk operations in one transaction; the customers holding the chunk's addresses are looked up in one
 * query per channel. A chunk that cannot be stored so (another writer took one of its tickets or addresses meanwhile)
 * is written again row by row, as on the row path; a failure of the store ends the run without the chunk being
 * written. Events of a chunk are published after its commit, progress is reported once a chunk is stored.
 *
 * <p><b>Nothing is dropped silently.</b> Every data row ends in the {@link ImportReport} as imported, skipped or
 * rejected; a rejected row carries its line number and every reason found (the field and the rule: a bad date, an
 * unknown channel, an empty required column, a malformed email address...). Rejections never quote personal data.
 * A problem with the file as a whole (no header line, a mapped column missing from the header) is a
 * {@link ValidationException} before anything is stored; a failure of the store itself ({@link StorageException})
 * or of reading the file ({@link IOException}) ends the run, and the rows imported until then stay imported.
 *
 * <p><b>Events.</b> By default an import publishes no domain events: they would tell the host that cases from
 * years ago were just opened, and follow-up rules would send surveys for them. With {@link Builder#publishEvents}
 * the events are published, after each row's commit, carrying the historic times.
 *
 * <p>Progress goes to the {@link ProgressListener} every {@link Builder#progressEvery so many} rows and once at the
 * end; its elapsed time, and the report's, come from the Rapport's clock.
 *
 * <p>Thread-safe: an importer is immutable, and each call of {@code importFrom} works with state of its own, so one
 * importer may run several imports at once. Two runs importing the same ticket at the same time import it once.
 */
public final class TicketImporter {

    /** How many rows pass between two progress reports when nothing else is set. */
    public static final int DEFAULT_PROGRESS_EVERY = 500;

    /** How many rows are read ahead to look up, in one query, which of their tickets were imported before. */
    public static final int LOOKUP_BATCH = 500;

    /**
     * How many rows the bulk path writes per transaction when nothing else is set and the storage
     * {@linkplain RapportStorage#prefersBulkWrites() prefers bulk writes}.
     */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    /** The operation name progress reports carry. */
    public static final String OPERATION = "import";

    /**
     * How often a row is tried in all when other writers keep changing what it touches, or register one of its
     * customer's addresses meanwhile.
     */
    public static final int ROW_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TicketImporter.class);

    private final Rapport rapport;
    private final ColumnMapping mapping;
    private final ProgressListener listener;
    private final int progressEvery;
    private final char delimiter;
    private final Charset charset;
    private final boolean publishEvents;
    private final Function<String, Optional<AgentId>> agentLookup;
    private final NameConflicts nameConflicts;
    private final boolean dryRun;
    private final int chunkSize;

    private TicketImporter(Builder builder) {
        chunkSize = builder.chunkSize != null ? builder.chunkSize
                : builder.rapport.storage().prefersBulkWrites() ? DEFAULT_CHUNK_SIZE : 1;
        nameConflicts = builder.nameConflicts;
        dryRun = builder.dryRun;
        rapport = builder.rapport;
        mapping = builder.mapping;
        listener = builder.listener;
        progressEvery = builder.progressEvery;
        delimiter = builder.delimiter;
        charset = builder.charset;
        publishEvents = builder.publishEvents;
        agentLookup = builder.agentLookup;
    }

    /**
     * A builder for an importer into the given Rapport.
     *
     * @param rapport where the tickets go; its storage, validator, messenger and event publisher are used
     * @return a new builder; set the mapping, then build
     */
    public static Builder builder(Rapport rapport) {
        return new Builder(rapport);
    }

    /**
     * Imports a file; reads it twice, first to count its rows for the progress reports.
     *
     * @param file the export, in the importer's {@linkplain Builder#charset charset}
     * @return what happened to each row
     * @throws IOException if the file cannot be read or is not in the charset
     * @throws ValidationException naming {@code header} or the mapped fields whose columns the header lacks,
     *         before anything is stored
     */
    public ImportReport importFrom(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        long records = 0;
        try (CsvReader counter = new CsvReader(Files.newBufferedReader(file, charset), delimiter)) {
            while (counter.next().isPresent()) {
                records++;
            }
        }
        try (BufferedReader reader = Files.newBufferedReader(file, charset)) {
            return run(reader, OptionalLong.of(Math.max(0, records - 1)));
        }
    }

    /**
     * Imports from a reader, which stays open; progress reports carry no total.
     *
     * @param reader the export's text
     * @return what happened to each row
     * @throws IOException if the reader fails
     * @throws ValidationException naming {@code header} or the mapped fields whose columns the header lacks,
     *         before anything is stored
     */
    public ImportReport importFrom(Reader reader) throws IOException {
        Objects.requireNonNull(reader, "reader");
        return run(reader, OptionalLong.empty());
    }

    private ImportReport run(Reader reader, OptionalLong total) throws IOException {
        Instant started = rapport.clock().instant();
        CsvReader csv = new CsvReader(reader, delimiter);
        CsvRecord header = csv.next().orElseThrow(() -> ValidationException.of("TicketImport", "header", "Present",
                "the file is empty; its first line must name the columns"));
        if (!header.isWellFormed()) {
            throw ValidationException.of("TicketImport", "header", "Rfc4180", header.problem().orElseThrow());
        }
        Run run = new Run(started, total);
        RowParser parser = new RowParser(mapping, indexColumns(header), header.size(), rapport.validator(),
                agentLookup != null ? agentLookup : storedAgentsByName(rapport.storage()), started);
        if (dryRun) {
            // one transaction for the whole run, so that rows see each other as in a real import, rolled back
            try {
                rapport.storage().transactions().inTransaction(() -> {
                    try {
                        readRows(csv, run, parser);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    throw new DryRun();
                });
            } catch (DryRun e) {
                LOG.debug("Dry run rolled back");
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            readRows(csv, run, parser);
        }
        listener.onProgress(run.progress(true));
        ImportReport report = run.report();
        LOG.info("Ticket import finished: {}", report.summary());
        if (!dryRun) {
            rapport.observer().importFinished(report.counts());
        }
        return report;
    }

    private void readRows(CsvReader csv, Run run, RowParser parser) throws IOException {
        boolean bulk = !dryRun && chunkSize > 1;
        int batch = bulk ? chunkSize : LOOKUP_BATCH;
        Optional<CsvRecord> next = csv.next();
        while (next.isPresent()) {
            List<CsvRecord> chunk = new ArrayList<>(batch);
            while (next.isPresent() && chunk.size() < batch) {
                chunk.add(next.get());
                next = csv.next();
            }
            // the chunk's tickets imported before are found in one lookup, not one per row
            List<RowParser.Outcome> outcomes = chunk.stream().map(parser::parse).toList();
            Map<String, Interaction> known = rapport.storage().interactions().findAllByExternalId(outcomes.stream()
                    .flatMap(o -> o.row().stream()).map(r -> mapping.externalIdPrefix() + r.ticketId()).toList());
            if (bulk && run.bulk(chunk, outcomes, known, next.isEmpty())) {
                continue;
            }
            for (int i = 0; i < chunk.size(); i++) {
                RowParser.Outcome outcome = outcomes.get(i);
                run.row(outcome, chunk.get(i).line(), outcome.row()
                        .map(r -> known.get(mapping.externalIdPrefix() + r.ticketId())));
                boolean last = next.isEmpty() && i == chunk.size() - 1;
                if (!last && run.done() % progressEvery == 0) {
                    listener.onProgress(run.progress(false)); // the last row is reported once, as finished
                }
            }
        }
    }

    /** The position of each mapped column in the header; every problem at once. */
    private Map<Field, Integer> indexColumns(CsvRecord header) {
        Map<String, List<Integer>> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.computeIfAbsent(ImportText.key(header.field(i)), k -> new ArrayList<>()).add(i);
        }
        Map<Field, Integer> index = new EnumMap<>(Field.class);
        List<Violation> violations = new ArrayList<>();
        mapping.columns().forEach((field, column) -> {
            List<Integer> at = positions.getOrDefault(ImportText.key(column), List.of());
            if (at.isEmpty()) {
                violations.add(new Violation(field.fieldName(), "InHeader",
                        "column '" + column + "' is not in the header line"));
            } else if (at.size() > 1) {
                violations.add(new Violation(field.fieldName(), "Unambiguous",
                        "column '" + column + "' appears " + at.size() + " times in the header line"));
            } else {
                index.put(field, at.get(0));
            }
        });
        if (!violations.isEmpty()) {
            throw new ValidationException("ColumnMapping", violations);
        }
        return index;
    }

    /** The default agent lookup: the agents stored when the run starts, by name; a name two agents share finds none. */
    static Function<String, Optional<AgentId>> storedAgentsByName(RapportStorage storage) {
        Map<String, Optional<AgentId>> byName = new HashMap<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Agent> page = storage.agents().list(request);
            for (Agent agent : page.items()) {
                byName.merge(ImportText.key(agent.name()), Optional.of(agent.id()), (a, b) -> Optional.empty());
            }
            if (page.nextRequest().isEmpty()) {
                break;
            }
            request = page.nextRequest().get();
        }
        return name -> byName.getOrDefault(ImportText.key(name), Optional.empty());
    }

    /** One run of the import: its clock, its services on that clock, and what happened so far. Not thread-safe. */
    private final class Run {
        private final Instant started;
        private final OptionalLong total;
        private final ImportClock clock;
        private final List<DomainEvent> raised = new ArrayList<>();
        private final Rapport historic;
        private final UnitOfWork rows;
        /** The bulk path's staged storage and the services on it; null on the row path. */
        private final StagedStorage staged;
        private final Rapport stagedHistoric;
        /** Where the row being written goes: the storage and services of the path in use. */
        private RapportStorage store;
        private Rapport services;
        /** The events of the rows of the chunk being written on the bulk path. */
        private final List<DomainEvent> chunkEvents = new ArrayList<>();
        private final List<ImportReport.Imported> imported = new ArrayList<>();
        private final List<ImportReport.Skipped> skipped = new ArrayList<>();
        private final List<ImportReport.Rejected> rejected = new ArrayList<>();
        private final List<ImportReport.Warning> warnings = new ArrayList<>();
        private long customersRegistered;
        /** Each customer's names met in the run, by comparison key, with how often each was given. */
        private final Map<CustomerId, Map<String, Integer>> nameCounts = new HashMap<>();
        /** The lines whose name differed from the one their customer held, by customer, in the order first met. */
        private final Map<CustomerId, List<Long>> conflictLines = new LinkedHashMap<>();

        Run(Instant started, OptionalLong total) {
            this.started = started;
            this.total = total;
            clock = new ImportClock(started);
            // The same storage, validator and messenger as the host's Rapport, on the run's clock; its events are
            // collected and published, if at all, only once the row's transaction committed.
            historic = Rapport.builder()
                    .storage(rapport.storage())
                    .validator(rapport.validator())
                    .messenger(rapport.messenger())
                    .clock(clock)
                    .eventPublisher(raised::add)
                    .useOutbox(false)
                    .build();
            rows = new UnitOfWork(rapport.storage().transactions(),
                    publishEvents ? rapport.eventPublisher() : EventPublisher.NONE);
            store = rapport.storage();
            services = historic;
            if (!dryRun && chunkSize > 1) {
                staged = new StagedStorage(rapport.storage());
                stagedHistoric = Rapport.builder()
                        .storage(staged)
                        .validator(rapport.validator())
                        .messenger(rapport.messenger())
                        .clock(clock)
                        .eventPublisher(raised::add)
                        .useOutbox(false)
                        .build();
            } else {
                staged = null;
                stagedHistoric = null;
            }
        }

        /**
         * Writes a chunk on the bulk path: every row through the services on the staged storage, then what they
         * staged with the storage's bulk operations, all in one transaction, and the chunk's events after its
         * commit. If the chunk cannot be stored (another writer took one of its tickets or addresses meanwhile, or
         * the store failed), nothing of it is kept, neither stored nor in the report, and it returns false: the
         * caller then writes the chunk row by row. It returns false at once, too, when no row of the chunk is to be
         * written (each was imported before or is rejected): the row path then reports them without a transaction.
         *
         * @return whether the chunk was written
         */
        boolean bulk(List<CsvRecord> chunk, List<RowParser.Outcome> outcomes, Map<String, Interaction> known,
                boolean lastChunk) {
            Snapshot before = new Snapshot();
            List<String> emails = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> notImported = new ArrayList<>();
            for (RowParser.Outcome outcome : outcomes) {
                outcome.row().ifPresent(row -> {
                    String externalId = mapping.externalIdPrefix() + row.ticketId();
                    if (!known.containsKey(externalId)) {
                        notImported.add(externalId);
                        row.email().ifPresent(emails::add);
                        row.phone().ifPresent(phones::add);
                    }
                });
            }
            if (notImported.isEmpty()) {
                return false; // nothing to write: every row is skipped or rejected as on the row path, no transaction
            }
            // the first replies' external ids too, so that no row asks for its own
            List<String> replies = new ArrayList<>();
            for (RowParser.Outcome outcome : outcomes) {
                outcome.row().filter(row -> row.firstReplyAt().isPresent()
                        && !known.containsKey(mapping.externalIdPrefix() + row.ticketId())).ifPresent(row -> replies
                        .add(mapping.externalIdPrefix() + row.ticketId() + RowParser.FIRST_REPLY_SUFFIX));
            }
            if (!replies.isEmpty()) {
                Map<String, Interaction> stored = rapport.storage().interactions().findAllByExternalId(replies);
                replies.stream().filter(id -> !stored.containsKey(id)).forEach(notImported::add);
            }
            UnitOfWork unit = new UnitOfWork(rapport.storage().transactions(),
                    publishEvents ? rapport.eventPublisher() : EventPublisher.NONE);
            store = staged;
            services = stagedHistoric;
            // progress as it stood at each multiple of progressEvery the chunk crosses, reported once it is stored
            List<Progress> pendingProgress = new ArrayList<>();
            long chunkEnd = done() + chunk.size();
            try {
                unit.run(events -> {
                    chunkEvents.clear();
                    pendingProgress.clear();
                    before.restore();
                    staged.prefetch(emails, phones, notImported);
                    for (int i = 0; i < chunk.size(); i++) {
                        RowParser.Outcome outcome = outcomes.get(i);
                        row(outcome, chunk.get(i).line(), outcome.row()
                                .map(r -> known.get(mapping.externalIdPrefix() + r.ticketId())));
                        long at = done();
                        if (at % progressEvery == 0 && !(lastChunk && at == chunkEnd)) {
                            pendingProgress.add(progress(false)); // the last row is reported once, as finished
                        }
                    }
                    staged.flush();
                    events.addAll(chunkEvents);
                    return null;
                });
            } catch (RapportException e) {
                LOG.debug("A chunk of {} rows could not be stored in bulk ({}); writing it row by row", chunk.size(),
                        e.getClass().getSimpleName());
                before.restore();
                return false;
            } finally {
                staged.clear();
                chunkEvents.clear();
                store = rapport.storage();
                services = historic;
            }
            pendingProgress.forEach(listener::onProgress);
            return true;
        }

        /** What the report holds at a moment, to go back to when a chunk is not stored. */
        private final class Snapshot {
            private final int importedSize = imported.size();
            private final int skippedSize = skipped.size();
            private final int rejectedSize = rejected.size();
            private final int warningsSize = warnings.size();
            private final long registered = customersRegistered;
            private final Map<CustomerId, Map<String, Integer>> names = new HashMap<>();
            private final Map<CustomerId, List<Long>> conflicts = new LinkedHashMap<>();

            Snapshot() {
                nameCounts.forEach((id, counts) -> names.put(id, new HashMap<>(counts)));
                conflictLines.forEach((id, lines) -> conflicts.put(id, new ArrayList<>(lines)));
            }

            void restore() {
                imported.subList(importedSize, imported.size()).clear();
                skipped.subList(skippedSize, skipped.size()).clear();
                rejected.subList(rejectedSize, rejected.size()).clear();
                warnings.subList(warningsSize, warnings.size()).clear();
                customersRegistered = registered;
                nameCounts.clear();
                names.forEach((id, counts) -> nameCounts.put(id, new HashMap<>(counts)));
                conflictLines.clear();
                conflicts.forEach((id, lines) -> conflictLines.put(id, new ArrayList<>(lines)));
            }
        }

        long done() {
            return (long) imported.size() + skipped.size() + rejected.size();
        }

        Progress progress(boolean finished) {
            return new Progress(OPERATION, "rows", done(), total.isPresent()
                    ? OptionalLong.of(Math.max(total.getAsLong(), done())) : total, rejected.size(), skipped.size(),
                    elapsed(), finished);
        }

        ImportReport report() {
            List<ImportReport.NameConflict> conflicts = conflictLines.entrySet().stream()
                    .map(e -> new ImportReport.NameConflict(e.getKey(), nameCounts.getOrDefault(e.getKey(), Map.of())
                            .size(), e.getValue(), nameConflicts)).toList();
            return new ImportReport(imported, skipped, rejected, customersRegistered, elapsed(), warnings, conflicts,
                    dryRun);
        }

        private Duration elapsed() {
            Duration elapsed = Duration.between(started, rapport.clock().instant());
            return elapsed.isNegative() ? Duration.ZERO : elapsed;
        }

        void row(RowParser.Outcome outcome, long line, Optional<Interaction> importedBefore) {
            if (outcome.row().isEmpty()) {
                rejected.add(new ImportReport.Rejected(line, outcome.ticketId(), outcome.violations()));
                return;
            }
            TicketRow row = outcome.row().get();
            if (importedBefore.isPresent()) {
                skipped.add(new ImportReport.Skipped(line, row.ticketId(), importedBefore.get().caseId()));
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    Result result = store == rapport.storage() ? rows.run(events -> {
                        raised.clear();
                        Result written = write(row);
                        if (!dryRun) {
                            events.addAll(raised);
                        }
                        return written;
                    }) : store.transactions().inTransaction(() -> {
                        raised.clear();
                        Result written = write(row);
                        chunkEvents.addAll(raised);
                        return written;
                    });
                    if (result.skipped()) {
                        skipped.add(new ImportReport.Skipped(line, row.ticketId(), result.caseId()));
                    } else {
                        boolean newCustomer = result.newCustomer();
                        imported.add(new ImportReport.Imported(line, row.ticketId(), result.caseId().orElseThrow(),
                                result.customer().id(), newCustomer));
                        warnings.addAll(outcome.warnings());
                        warnings.addAll(inconsistencies(row, line));
                        names(row, line, result);
                        if (newCustomer) {
                            customersRegistered++;
                        }
                    }
                    return;
                } catch (AlreadyImported e) {
                    skipped.add(new ImportReport.Skipped(line, row.ticketId(), e.caseId));
                    return;
                } catch (StaleVersionException e) {
                    if (attempt >= ROW_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("Row on line {} met a concurrent change; importing it again (attempt {})", line,
                            attempt + 1);
                } catch (RowRejected e) {
                    rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), e.reasons));
                    return;
                } catch (ValidationException e) {
                    rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), e.violations().stream()
                            .map(TicketImporter::onImportField).toList()));
                    return;
                } catch (ContactIdentityConflictException e) {
                    // The addresses were free when the row looked them up, so another writer (say, another run
                    // importing the same customer) took one since: on the next attempt the row finds that customer.
                    if (attempt < ROW_ATTEMPTS) {
                        LOG.debug("Row on line {} met a concurrent registration; importing it again (attempt {})",
                                line, attempt + 1);
                        continue;
                    }
                    Field field = Channel.EMAIL.equals(e.identity().channel()) ? Field.CUSTOMER_EMAIL
                            : Field.CUSTOMER_PHONE;
                    rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), List.of(new Violation(
                            field.fieldName(), "Conflict", "the address belongs to another customer"))));
                    return;
                } catch (IllegalTransitionException e) {
                    rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), List.of(new Violation(
                            Field.STATUS.fieldName(), "Transition", e.getMessage()))));
                    return;
                } catch (StorageException e) {
                    throw e;
                } catch (RapportException e) {
                    rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), List.of(new Violation(
                            "row", e.getClass().getSimpleName(), e.getMessage()))));
                    return;
                }
            }
        }

        /** Counts the row's name for its customer, once the row is stored, and notes a conflict. */
        private void names(TicketRow row, long line, Result result) {
            if (row.customerName().isEmpty()) {
                return;
            }
            Map<String, Integer> counts = nameCounts.computeIfAbsent(result.customer().id(), id -> new HashMap<>());
            if (counts.isEmpty() && !result.newCustomer()) {
                counts.put(ImportText.key(result.heldName()), 1); // the name held before the run counts once
            }
            counts.merge(ImportText.key(row.customerName().get()), 1, Integer::sum);
            if (result.nameConflict()) {
                conflictLines.computeIfAbsent(result.customer().id(), id -> new ArrayList<>()).add(line);
                warnings.add(new ImportReport.Warning(line, row.ticketId(), Field.CUSTOMER_NAME.fieldName(),
                        "NameConflict", "the customer's address is known under another name; "
                        + switch (nameConflicts) {
                            case FIRST -> "the name held is kept";
                            case LAST -> "the customer now has this row's name";
                            case MOST_FREQUENT -> result.renamed() ? "this row's name is now the most frequent and"
                                    + " replaces it" : "the most frequent name is kept";
                        }, Optional.empty()));
            }
        }

        /**
         * Whether the row's name differs from the one its customer holds, and which the customer should hold now;
         * reads the run's counts, changes nothing.
         */
        private Optional<String> rename(TicketRow row, CustomerMatch customer) {
            if (row.customerName().isEmpty() || customer.registered()) {
                return Optional.empty();
            }
            String held = customer.customer().name();
            String given = row.customerName().get();
            if (ImportText.key(held).equals(ImportText.key(given))) {
                return Optional.empty();
            }
            return switch (nameConflicts) {
                case FIRST -> Optional.of(held);
                case LAST -> Optional.of(given);
                case MOST_FREQUENT -> {
                    Map<String, Integer> counts = nameCounts.getOrDefault(customer.customer().id(), Map.of());
                    int heldCount = counts.getOrDefault(ImportText.key(held), 1);
                    int givenCount = counts.getOrDefault(ImportText.key(given), 0) + 1;
                    yield Optional.of(givenCount > heldCount ? given : held);
                }
            };
        }

        /**
         * The inconsistencies of a row that still imports. A reply or resolution dated before the creation is refused
         * by the parser; a first reply dated after the resolution of a resolved or closed ticket is stored as given
         * (the case is not reopened) and named here, because the KPIs exclude it.
         */
        private List<ImportReport.Warning> inconsistencies(TicketRow row, long line) {
            boolean resolved = row.status() == CaseStatus.RESOLVED || row.status() == CaseStatus.CLOSED;
            if (resolved && row.firstReplyAt().isPresent() && row.resolvedAt().isPresent()
                    && row.firstReplyAt().get().isAfter(row.resolvedAt().get())) {
                Field field = mapping.column(Field.FIRST_REPLY_MINUTES).isPresent() ? Field.FIRST_REPLY_MINUTES
                        : Field.FIRST_REPLY_AT;
                return List.of(new ImportReport.Warning(line, row.ticketId(), field.fieldName(),
                        ExclusionReason.REPLIED_AFTER_RESOLVED, "the first reply is dated after the resolution;"
                                + " the ticket is left out of first reply time and first-contact resolution"));
            }
            return List.of();
        }

        /** Writes one row through the services on the run's clock; runs inside the row's transaction. */
        private Result write(TicketRow row) {
            String externalId = mapping.externalIdPrefix() + row.ticketId();
            Optional<Interaction> earlier = store.interactions().findByExternalId(externalId);
            if (earlier.isPresent()) {
                return Result.skipped(earlier.get().caseId());
            }
            clock.set(row.createdAt());
            CustomerMatch matched = customer(row);
            String heldName = matched.customer().name();
            Optional<String> keep = rename(row, matched);
            boolean renamed = keep.isPresent() && !keep.get().equals(heldName);
            CustomerMatch customer = !renamed ? matched : new CustomerMatch(services.customers().updateDetails(
                    UpdateCustomerDetails.from(matched.customer()).name(keep.get()).build()), false);
            Case opened = services.cases().open(OpenCase.builder()
                    .customerId(customer.customer().id())
                    .subject(row.subject())
                    .category(row.category().orElse(null))
                    .priority(row.priority())
                    .originChannel(row.channel())
                    .build());
            if (row.createdAtQuality() != CreationTimeQuality.RECORDED) {
                Case stored = store.cases().get(opened.id());
                store.cases().update(stored.toBuilder().createdAtQuality(row.createdAtQuality()).build());
            }
            row.agent().ifPresent(agent -> services.cases().assign(new AssignCase(opened.id(), agent)));
            Interaction first = services.interactions().record(RecordInteraction.builder()
                    .customerId(customer.customer().id())
                    .caseId(opened.id())
                    .channel(row.channel())
                    .inbound()
                    .kind(row.channel().equals(Channel.PHONE) ? InteractionKind.CALL : InteractionKind.MESSAGE)
                    .occurredAt(row.createdAt())
                    .summary(row.messageText().orElse(null))
                    .externalId(externalId)
                    .build());
            if (!first.caseId().equals(Optional.of(opened.id()))) {
                throw new AlreadyImported(first.caseId()); // imported at the same time by another run
            }
            List<Step> steps = new ArrayList<>();
            row.firstReplyAt().ifPresent(at -> steps.add(new Step(at, 0, () -> services.interactions().record(
                    RecordInteraction.builder()
                            .customerId(customer.customer().id())
                            .caseId(opened.id())
                            .channel(row.channel())
                            .outbound()
                            .agentId(row.agent().orElse(null))
                            .occurredAt(at)
                            .externalId(externalId + RowParser.FIRST_REPLY_SUFFIX)
                            .build()))));
            if (row.resolutionTimeUnknown()) {
                // resolved or closed at a time the file does not give: stored so, without resolution times, and
                // left out of resolution KPIs (MISSING_RESOLUTION_TIME)
                steps.add(new Step(row.lastKnown(), 1, () -> {
                    Case stored = store.cases().get(opened.id());
                    store.cases().update(stored.toBuilder().status(row.status())
                            .closedAt(row.closedAt().orElse(null)).updatedAt(row.lastKnown()).build());
                }));
            } else if (row.status() != CaseStatus.NEW) {
                CaseStatus reached = row.status() == CaseStatus.CLOSED ? CaseStatus.RESOLVED : row.status();
                steps.add(new Step(row.statusTime(), 1, () -> services.cases().move(new MoveCase(opened.id(),
                        reached))));
            }
            if (row.status() == CaseStatus.CLOSED && !row.resolutionTimeUnknown()) {
                Instant closedAt = row.closedAt().orElse(row.statusTime());
                steps.add(new Step(closedAt, 2, () -> services.cases().move(new MoveCase(opened.id(),
                        CaseStatus.CLOSED))));
            }
            steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order));
            for (Step step : steps) {
                clock.set(step.at());
                step.action().run();
            }
            row.csat().ifPresent(score -> {
                clock.set(row.csatTime());
                services.feedback().record(RecordFeedback.builder()
                        .customerId(customer.customer().id())
                        .metric(FeedbackMetric.CSAT)
                        .scale(mapping.csatScale())
                        .score(score)
                        .comment(row.csatComment().orElse(null))
                        .receivedAt(row.csatTime())
                        .caseId(opened.id())
                        .agentId(row.agent().orElse(null))
                        .build());
            });
            return new Result(false, Optional.of(opened.id()), customer.customer(), customer.registered(), heldName,
                    keep.isPresent(), renamed);
        }

        /** Finds the row's customer by email address or phone number, or registers them; adds what they lack. */
        private CustomerMatch customer(TicketRow row) {
            Optional<Customer> byEmail = row.email().flatMap(e -> services.customers().resolve(Channel.EMAIL, e));
            Optional<Customer> byPhone = row.phone().flatMap(p -> services.customers().resolve(Channel.PHONE, p));
            if (byEmail.isPresent() && byPhone.isPresent() && !byEmail.get().id().equals(byPhone.get().id())) {
                throw new RowRejected(new Violation(Field.CUSTOMER_PHONE.fieldName(), "SameCustomer",
                        "the phone number belongs to another customer than the email address"));
            }
            Optional<Customer> known = byEmail.or(() -> byPhone);
            if (known.isEmpty()) {
                RegisterCustomer.Builder registration = RegisterCustomer.builder().name(row.registrationName());
                row.email().ifPresent(e -> registration.identity(ContactIdentity.primary(Channel.EMAIL, e)));
                row.phone().ifPresent(p -> registration.identity(ContactIdentity.primary(Channel.PHONE, p)));
                return new CustomerMatch(services.customers().register(registration.build()), true);
            }
            Customer customer = known.get();
            if (row.email().isPresent() && byEmail.isEmpty()) {
                customer = services.customers().addIdentity(new AddContactIdentity(customer.id(),
                        ContactIdentity.of(Channel.EMAIL, row.email().get())));
            }
            if (row.phone().isPresent() && byPhone.isEmpty()) {
                customer = services.customers().addIdentity(new AddContactIdentity(customer.id(),
                        ContactIdentity.of(Channel.PHONE, row.phone().get())));
            }
            return new CustomerMatch(customer, false);
        }
    }

    /** A violation a service reported, named by the import's field where one corresponds. */
    private static Violation onImportField(Violation violation) {
        String field = switch (violation.field()) {
            case "name" -> Field.CUSTOMER_NAME.fieldName();
            case "subject" -> Field.SUBJECT.fieldName();
            case "category" -> Field.CATEGORY.fieldName();
            case "summary" -> Field.MESSAGE_TEXT.fieldName();
            case "externalId" -> Field.TICKET_ID.fieldName();
            case "agentId" -> Field.AGENT.fieldName();
            case "score" -> Field.CSAT.fieldName();
            case "comment" -> Field.CSAT_COMMENT.fieldName();
            default -> violation.field();
        };
        return new Violation(field, violation.rule(), violation.message());
    }

    /** A step of a row after the case is open, at its moment; ties go by order. */
    private record Step(Instant at, int order, Runnable action) {
    }

    /** The customer of a row, and whether the row registered them. */
    private record CustomerMatch(Customer customer, boolean registered) {
    }

    /** What writing a row did. */
    private record Result(boolean skipped, Optional<CaseId> caseId, Customer customer, boolean newCustomer,
            String heldName, boolean nameConflict, boolean renamed) {
        static Result skipped(Optional<CaseId> caseId) {
            return new Result(true, caseId, null, false, null, false, false);
        }
    }

    /** Rolls a dry run back once every row is written. */
    private static final class DryRun extends RapportException {
        private static final long serialVersionUID = 1L;

        DryRun() {
            super("a dry run stores nothing");
        }
    }

    /** Rolls a row back because its ticket was imported meanwhile; the row counts as skipped. */
    private static final class AlreadyImported extends RapportException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<CaseId> caseId;

        AlreadyImported(Optional<CaseId> caseId) {
            super("the ticket was imported concurrently");
            this.caseId = caseId;
        }
    }

    /** Rolls a row back and rejects it for the given reasons. */
    private static final class RowRejected extends RapportException {
        private static final long serialVersionUID = 1L;
        private final transient List<Violation> reasons;

        RowRejected(Violation reason) {
            super("the row is rejected: " + reason);
            this.reasons = List.of(reason);
        }
    }

    /**
     * Configures a {@link TicketImporter}. Not thread-safe; build once, then share the importer.
     */
    public static final class Builder {
        private final Rapport rapport;
        private ColumnMapping mapping;
        private ProgressListener listener = ProgressListener.NONE;
        private int progressEvery = DEFAULT_PROGRESS_EVERY;
        private char delimiter = ',';
        private Charset charset = StandardCharsets.UTF_8;
        private boolean publishEvents;
        private Function<String, Optional<AgentId>> agentLookup;
        private NameConflicts nameConflicts = NameConflicts.FIRST;
        private boolean dryRun;
        private Integer chunkSize;

        private Builder(Rapport rapport) {
            this.rapport = rapport;
        }

        /**
         * The column layout of the export; required, no default.
         *
         * @param value which column holds what, and how its values read
         * @return this builder
         */
        public Builder mapping(ColumnMapping value) { mapping = value; return this; }

        /**
         * Where progress reports go; default {@link ProgressListener#NONE}.
         *
         * @param value the listener progress reports go to; not null
         * @return this builder
         */
        public Builder progressListener(ProgressListener value) { listener = value; return this; }

        /**
         * How many rows pass between two progress reports, at least 1; default {@link #DEFAULT_PROGRESS_EVERY}.
         *
         * @param value how many rows pass between two reports, at least 1
         * @return this builder
         */
        public Builder progressEvery(int value) { progressEvery = value; return this; }

        /**
         * The field separator of the file; default a comma. Some spreadsheet exports use {@code ';'}.
         *
         * @param value the character between fields, for example {@code ','} or {@code ';'}
         * @return this builder
         */
        public Builder delimiter(char value) { delimiter = value; return this; }

        /**
         * The charset files are read in by {@link #importFrom(Path)}; default UTF-8.
         *
         * @param value the charset of the files read; not null
         * @return this builder
         */
        public Builder charset(Charset value) { charset = value; return this; }

        /**
         * Whether the domain events of imported rows are published to the host; default false (see the type).
         *
         * @param value {@code true} to publish the imported rows' domain events, {@code false} to import silently
         * @return this builder
         */
        public Builder publishEvents(boolean value) { publishEvents = value; return this; }

        /**
         * How the names in the agent column find agents; default: among the agents stored when a run starts,
         * compared without surrounding spaces and regardless of case (a name two agents share finds none).
         *
         * @param value the function from an agent's name, as the file holds it, to the agent's id, or empty if no agent
         *        has that name
         * @return this builder
         */
        public Builder agentLookup(Function<String, Optional<AgentId>> value) { agentLookup = value; return this; }

        /**
         * Which name a customer keeps when their address appears under different names; default
         * {@link NameConflicts#FIRST}. Each such row carries a warning either way, and the report lists the customers.
         *
         * @param value the rule
         * @return this builder
         */
        public Builder nameConflicts(NameConflicts value) { nameConflicts = value; return this; }

        /**
         * Whether runs are dry runs: every row is read, checked and written as in an import, all in one transaction
         * that is then rolled back, so the report says what an import would do (rows see the customers of earlier
         * rows, as they would) and nothing is stored, no event is published and the observer is not told; default
         * false. Rows are then not atomic one by one: a row that fails half-way (rare: nearly every rejection is
         * found before anything is written) leaves its first writes for the later rows of the dry run to see. A dry
         * run holds its transaction for the whole file; on PostgreSQL, a database error in one row (a concurrent
         * writer taking an address) ends the dry run with a {@link StorageException}.
         *
         * @param value whether to store nothing
         * @return this builder
         */
        public Builder dryRun(boolean value) { dryRun = value; return this; }

        /**
         * How many rows are written per transaction. Above 1, the bulk path: the rows of a chunk go through the
         * services on a staged storage, and what they write is stored with the storage's bulk operations
         * ({@code insertAll}, {@code findAllByIdentity}) in one transaction per chunk; 1, the row path: each row in
         * a transaction of its own, through the services on the storage. Default {@link #DEFAULT_CHUNK_SIZE} when the
         * storage {@linkplain RapportStorage#prefersBulkWrites() prefers bulk writes} (the JDBC adapter), else 1.
         * Dry runs always take the row path.
         *
         * @param value rows per transaction, at least 1
         * @return this builder
         */
        public Builder chunkSize(int value) { chunkSize = value; return this; }

        /**
         * Checks the configuration and builds the importer.
         *
         * @return a new importer with this builder's settings
         * @throws ValidationException naming every property at fault
         */
        public TicketImporter build() {
            List<Violation> violations = new ArrayList<>();
            if (rapport == null) {
                violations.add(new Violation("rapport", "NotNull", "must not be null"));
            }
            if (mapping == null) {
                violations.add(new Violation("mapping", "NotNull", "is required"));
            }
            if (listener == null) {
                violations.add(new Violation("progressListener", "NotNull",
                        "must not be null; use ProgressListener.NONE"));
            }
            if (progressEvery < 1) {
                violations.add(new Violation("progressEvery", "Min", "must be at least 1"));
            }
            if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
                violations.add(new Violation("delimiter", "NotQuoteOrLineBreak", "must not be a quote, CR or LF"));
            }
            if (nameConflicts == null) {
                violations.add(new Violation("nameConflicts", "NotNull", "must not be null"));
            }
            if (chunkSize != null && chunkSize < 1) {
                violations.add(new Violation("chunkSize", "Min", "must be at least 1"));
            }
            if (charset == null) {
                violations.add(new Violation("charset", "NotNull", "must not be null"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("TicketImporter", violations);
            }
            return new TicketImporter(this);
        }
    }
}
