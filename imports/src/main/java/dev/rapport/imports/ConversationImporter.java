package dev.rapport.imports;

import dev.rapport.Rapport;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.StorageException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.interaction.Visibility;
import dev.rapport.spi.validation.HostText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Imports the message threads of tickets imported before by a {@link TicketImporter}: each row of a thread export
 * (see {@link MessageMapping}) becomes an interaction of its ticket's case, inbound from the customer or outbound from
 * an agent, public or an internal note, at its historic time. First reply time, next reply time and first-contact
 * resolution then come from the history itself, not from the summary columns of the ticket export (map no
 * first-reply column on the tickets when their threads are imported, or the summary reply counts beside the real one).
 *
 * <p>Idempotent: each message's external id is the ticket's, followed by {@code /message/} and the message id (or a
 * digest of its time, author and text when no id column is mapped), so a second run skips what the first imported. A
 * customer message at the very moment of the ticket's creation is taken for the message that opened the ticket, which
 * the ticket import recorded already, and skipped. A message of a ticket not imported is rejected, naming
 * {@code ticketId}. Rejections never quote personal data. Events are not published.
 *
 * <p>Thread-safe: immutable; each run keeps its state to itself.
 */
public final class ConversationImporter {

    /** What follows the ticket's external id in a message's. */
    public static final String MESSAGE_INFIX = "/message/";

    private final Rapport rapport;
    private final MessageMapping mapping;
    private final Function<String, Optional<AgentId>> agentLookup;

    private ConversationImporter(Rapport rapport, MessageMapping mapping,
            Function<String, Optional<AgentId>> agentLookup) {
        this.rapport = rapport;
        this.mapping = mapping;
        this.agentLookup = agentLookup;
    }

    /**
     * An importer of threads into the given Rapport, finding agents by name among those stored when each run starts
     * (a name two agents share finds none).
     *
     * @param rapport where the tickets were imported
     * @param mapping the thread export's layout
     * @return the importer
     */
    public static ConversationImporter of(Rapport rapport, MessageMapping mapping) {
        return of(rapport, mapping, null);
    }

    /**
     * An importer of threads with an agent lookup of the host's.
     *
     * @param rapport where the tickets were imported
     * @param mapping the thread export's layout
     * @param agentLookup finds an agent by the author's name; null for the stored agents by name
     * @return the importer
     */
    public static ConversationImporter of(Rapport rapport, MessageMapping mapping,
            Function<String, Optional<AgentId>> agentLookup) {
        return new ConversationImporter(Objects.requireNonNull(rapport, "rapport"),
                Objects.requireNonNull(mapping, "mapping"), agentLookup);
    }

    /**
     * Imports the messages of a thread export.
     *
     * @param reader the export's text, which stays open
     * @return what happened to each message row (as {@link ImportReport.Imported} rows, the ticket id being the
     *         message's ticket)
     * @throws IOException if the reader fails
     * @throws ValidationException naming {@code header} or the mapped columns the header lacks, before anything is
     *         stored
     */
    public ImportReport importFrom(Reader reader) throws IOException {
        Instant started = rapport.clock().instant();
        CsvReader csv = new CsvReader(reader);
        CsvRecord header = csv.next().orElseThrow(() -> ValidationException.of("ConversationImport", "header",
                "Present", "the file is empty; its first line must name the columns"));
        Map<String, Integer> index = index(header);
        Function<String, Optional<AgentId>> agents = agentLookup != null ? agentLookup
                : TicketImporter.storedAgentsByName(rapport.storage());
        ImportClock clock = new ImportClock(started);
        Rapport historic = Rapport.builder().storage(rapport.storage()).validator(rapport.validator())
                .messenger(rapport.messenger()).clock(clock).eventPublisher(EventPublisher.NONE).useOutbox(false)
                .build();
        UnitOfWork rows = new UnitOfWork(rapport.storage().transactions(), EventPublisher.NONE);
        Map<String, Optional<Interaction>> openings = new HashMap<>();
        List<ImportReport.Imported> imported = new ArrayList<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        for (Optional<CsvRecord> next = csv.next(); next.isPresent(); next = csv.next()) {
            CsvRecord record = next.get();
            long line = record.line();
            if (!record.isWellFormed() || record.size() != header.size()) {
                rejected.add(new ImportReport.Rejected(line, Optional.empty(), List.of(new Violation("row",
                        "FieldCount", "is not a well-formed record with " + header.size() + " fields"))));
                continue;
            }
            String ticketId = value(record, index, mapping.ticketId()).strip();
            List<Violation> violations = new ArrayList<>();
            TimeFormat.Parsed time = mapping.timeFormat().parse(value(record, index, mapping.time()).strip(),
                    mapping.timeZone());
            if (!time.ok()) {
                violations.add(new Violation("time", time.rule(), time.message()));
            } else if (time.instant().isAfter(started)) {
                violations.add(new Violation("time", "NotInFuture", "must not be later than now (" + started + ")"));
            }
            String ticketExternalId = mapping.externalIdPrefix() + ticketId;
            Optional<Interaction> opening = ticketId.isEmpty() ? Optional.empty()
                    : openings.computeIfAbsent(ticketExternalId, id -> rapport.storage().interactions()
                            .findByExternalId(id).filter(i -> i.caseId().isPresent()));
            if (opening.isEmpty()) {
                violations.add(new Violation("ticketId", "ImportedTicket", ticketId.isEmpty() ? "is empty"
                        : "no imported ticket has the id '" + ImportText.quote(ticketId) + "'"));
            }
            if (!violations.isEmpty()) {
                rejected.add(new ImportReport.Rejected(line, ticketId.isEmpty() ? Optional.empty()
                        : Optional.of(ticketId), violations));
                continue;
            }
            String author = value(record, index, mapping.author()).strip();
            boolean agent = mapping.authorType()
                    .map(c -> mapping.agentValues().contains(ImportText.key(value(record, index, c))))
                    .orElseGet(() -> !author.isEmpty() && agents.apply(author).isPresent());
            boolean isPublic = mapping.publicColumn()
                    .map(c -> mapping.publicValues().contains(ImportText.key(value(record, index, c)))).orElse(true);
            String text = mapping.body().map(c -> value(record, index, c)).filter(b -> !b.isBlank())
                    .map(b -> HostText.clean(b, dev.rapport.spi.validation.Limits.HOST_TEXT)).orElse(null);
            Interaction first = opening.get();
            Instant at = time.instant();
            String messageKey = mapping.messageId().map(c -> value(record, index, c).strip()).filter(s -> !s.isEmpty())
                    .orElseGet(() -> digest(at + "\n" + author + "\n" + Objects.requireNonNullElse(text, "")));
            String externalId = ticketExternalId + MESSAGE_INFIX + messageKey;
            if (!agent && isPublic && at.equals(first.occurredAt())) {
                skipped.add(new ImportReport.Skipped(line, ticketId, first.caseId())); // the opening message
                continue;
            }
            if (externalId.length() > dev.rapport.spi.validation.Limits.KEY) {
                externalId = ticketExternalId + MESSAGE_INFIX + digest(messageKey);
            }
            String id = externalId;
            Optional<AgentId> agentId = agent ? agents.apply(author) : Optional.empty();
            try {
                Interaction stored = rows.run(events -> {
                    Optional<Interaction> earlier = rapport.storage().interactions().findByExternalId(id);
                    if (earlier.isPresent()) {
                        return null;
                    }
                    clock.set(at);
                    RecordInteraction.Builder message = RecordInteraction.builder()
                            .customerId(first.customerId()).caseId(first.caseId().orElseThrow())
                            .channel(first.channel()).occurredAt(at).summary(text).externalId(id)
                            .kind(isPublic ? InteractionKind.MESSAGE : InteractionKind.NOTE)
                            .visibility(isPublic ? Visibility.PUBLIC : Visibility.INTERNAL);
                    if (agent) {
                        message.outbound().agentId(agentId.orElse(null));
                    } else {
                        message.inbound();
                    }
                    return historic.interactions().record(message.build());
                });
                if (stored == null) {
                    skipped.add(new ImportReport.Skipped(line, ticketId, first.caseId()));
                } else {
                    imported.add(new ImportReport.Imported(line, ticketId, first.caseId().orElseThrow(),
                            first.customerId(), false));
                }
            } catch (ValidationException e) {
                rejected.add(new ImportReport.Rejected(line, Optional.of(ticketId), e.violations()));
            } catch (StorageException e) {
                throw e;
            } catch (RapportException e) {
                rejected.add(new ImportReport.Rejected(line, Optional.of(ticketId), List.of(new Violation("row",
                        e.getClass().getSimpleName(), e.getMessage()))));
            }
        }
        Duration elapsed = Duration.between(started, rapport.clock().instant());
        return new ImportReport(imported, skipped, rejected, 0, elapsed.isNegative() ? Duration.ZERO : elapsed);
    }

    private Map<String, Integer> index(CsvRecord header) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.putIfAbsent(ImportText.key(header.field(i)), i);
        }
        List<String> wanted = new ArrayList<>(List.of(mapping.ticketId(), mapping.author(), mapping.time()));
        mapping.messageId().ifPresent(wanted::add);
        mapping.authorType().ifPresent(wanted::add);
        mapping.publicColumn().ifPresent(wanted::add);
        mapping.body().ifPresent(wanted::add);
        List<Violation> missing = wanted.stream().filter(c -> !positions.containsKey(ImportText.key(c)))
                .map(c -> new Violation("header", "InHeader", "column '" + c + "' is not in the header line"))
                .toList();
        if (!missing.isEmpty()) {
            throw new ValidationException("MessageMapping", missing);
        }
        return positions;
    }

    private static String value(CsvRecord record, Map<String, Integer> index, String column) {
        return record.field(index.get(ImportText.key(column)));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
