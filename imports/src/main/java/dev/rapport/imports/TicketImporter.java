package dev.rapport.imports;

import dev.rapport.Rapport;
import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.progress.Progress;
import dev.rapport.progress.ProgressListener;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.interaction.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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

    final Rapport rapport;
    final ColumnMapping mapping;
    final ProgressListener listener;
    final int progressEvery;
    private final char delimiter;
    private final Charset charset;
    final boolean publishEvents;
    private final Function<String, Optional<AgentId>> agentLookup;
    final NameConflicts nameConflicts;
    final boolean dryRun;
    final int chunkSize;

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
        ImportRun run = new ImportRun(this, started, total);
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

    private void readRows(CsvReader csv, ImportRun run, RowParser parser) throws IOException {
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
        for (Agent agent : PageWalk.<Agent>byKey(PageRequest.MAX_LIMIT,
                (last, size) -> storage.agents().listAfter(last.map(Agent::id), size))) {
            byName.merge(ImportText.key(agent.name()), Optional.of(agent.id()), (a, b) -> Optional.empty());
        }
        return name -> byName.getOrDefault(ImportText.key(name), Optional.empty());
    }


    /** Rolls a dry run back once every row is written. */
    private static final class DryRun extends RapportException {
        private static final long serialVersionUID = 1L;

        DryRun() {
            super("a dry run stores nothing");
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
