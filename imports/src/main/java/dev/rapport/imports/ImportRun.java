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
import dev.rapport.spi.RapportException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link TicketImporter}: its clock, its services on that clock, and what happened so far; writes each
 * row (on the row path in a transaction of its own, on the bulk path in chunks) and gathers the report. Not
 * thread-safe: the importer makes one per call of {@code importFrom}.
 */
final class ImportRun {

    private static final Logger LOG = LoggerFactory.getLogger(TicketImporter.class);

    /** The importer's settings this run reads. */
    private final Rapport rapport;
    private final ColumnMapping mapping;
    private final ProgressListener listener;
    private final int progressEvery;
    private final boolean publishEvents;
    private final NameConflicts nameConflicts;
    private final boolean dryRun;
    private final int chunkSize;

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

    ImportRun(TicketImporter importer, Instant started, OptionalLong total) {
        rapport = importer.rapport;
        mapping = importer.mapping;
        listener = importer.listener;
        progressEvery = importer.progressEvery;
        publishEvents = importer.publishEvents;
        nameConflicts = importer.nameConflicts;
        dryRun = importer.dryRun;
        chunkSize = importer.chunkSize;
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
                    .validator(new CheckedCases(rapport.validator()))
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
        return new Progress(TicketImporter.OPERATION, "rows", done(), total.isPresent()
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
                if (attempt >= TicketImporter.ROW_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Row on line {} met a concurrent change; importing it again (attempt {})", line,
                        attempt + 1);
            } catch (RowRejected e) {
                rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), e.reasons));
                return;
            } catch (ValidationException e) {
                rejected.add(new ImportReport.Rejected(line, Optional.of(row.ticketId()), e.violations().stream()
                        .map(ImportRun::onImportField).toList()));
                return;
            } catch (ContactIdentityConflictException e) {
                // The addresses were free when the row looked them up, so another writer (say, another run
                // importing the same customer) took one since: on the next attempt the row finds that customer.
                if (attempt < TicketImporter.ROW_ATTEMPTS) {
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
}
