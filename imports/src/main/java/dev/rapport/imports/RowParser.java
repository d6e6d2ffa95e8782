package dev.rapport.imports;

import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.feedback.RecordFeedback;
import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.interaction.RecordInteraction;
import dev.rapport.internal.CommandValidator;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.CreationTimeQuality;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.validation.HostText;
import dev.rapport.spi.validation.Limits;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the data rows of one import run: checks each value against the mapping and against the same constraints
 * the services apply, and gives back a typed row or every reason to reject it. Holds the run's memory of ticket ids
 * already seen in the file. Not thread-safe; one per run.
 */
final class RowParser {

    /** What follows the ticket id in the external id of the first agent reply. */
    static final String FIRST_REPLY_SUFFIX = "/first-reply";

    private final ColumnMapping mapping;
    private final Map<Field, Integer> index;
    private final int width;
    private final Validator validator;
    private final Function<String, Optional<AgentId>> agents;
    private final Instant now;
    private final Map<String, Long> seen = new HashMap<>();

    /**
     * @param mapping the column mapping
     * @param index the position of each mapped field in the header
     * @param width how many fields the header has
     * @param validator the Jakarta validator the services check commands with
     * @param agents finds an agent by the name in the file
     * @param now the host's present: no time in the file may lie after it
     */
    RowParser(ColumnMapping mapping, Map<Field, Integer> index, int width, Validator validator,
            Function<String, Optional<AgentId>> agents, Instant now) {
        this.mapping = mapping;
        this.index = new EnumMap<>(index);
        this.width = width;
        this.validator = validator;
        this.agents = agents;
        this.now = now;
    }

    /**
     * The outcome of reading one row: the row, or the reasons it is rejected, with the ticket id if it has one, and
     * the warnings of a row that imports.
     */
    record Outcome(Optional<TicketRow> row, Optional<String> ticketId, List<Violation> violations,
            List<ImportReport.Warning> warnings) {
    }

    Outcome parse(CsvRecord record) {
        if (!record.isWellFormed()) {
            return rejected(Optional.empty(), List.of(new Violation("row", "Rfc4180", record.problem().orElseThrow())));
        }
        if (record.size() != width) {
            return rejected(Optional.empty(), List.of(new Violation("row", "FieldCount",
                    "has " + record.size() + " fields; the header has " + width)));
        }
        Values values = new Values(record);
        List<Violation> violations = values.violations;

        Optional<String> ticketId = values.text(Field.TICKET_ID).map(String::strip);
        if (ticketId.isEmpty()) {
            values.required(Field.TICKET_ID);
        } else {
            checkTicketId(ticketId.get(), record.line(), values);
        }

        Optional<String> email = values.text(Field.CUSTOMER_EMAIL).map(String::strip);
        Optional<String> phone = values.text(Field.CUSTOMER_PHONE).map(String::strip);
        email.ifPresent(e -> checkAddress(Channel.EMAIL, e, Field.CUSTOMER_EMAIL, violations));
        phone.ifPresent(p -> checkAddress(Channel.PHONE, p, Field.CUSTOMER_PHONE, violations));
        if (email.isEmpty() && phone.isEmpty()) {
            violations.add(new Violation("customer", "EmailOrPhone", "the columns "
                    + mappedColumns(Field.CUSTOMER_EMAIL, Field.CUSTOMER_PHONE)
                    + " hold neither an email address nor a phone number"));
        }
        Optional<String> name = values.cleaned(Field.CUSTOMER_NAME, false).map(String::strip)
                .filter(n -> constraint(RegisterCustomer.class, "name", n, Field.CUSTOMER_NAME, values));

        Channel channel = channel(values);
        Optional<String> subject = values.cleaned(Field.SUBJECT, false).map(String::strip);
        if (subject.isEmpty()) {
            values.required(Field.SUBJECT);
        } else {
            constraint(OpenCase.class, "subject", subject.get(), Field.SUBJECT, values);
        }
        Optional<String> category = values.text(Field.CATEGORY).map(mapping::category).filter(code -> {
            if (!constraint(OpenCase.class, "category", Optional.of(code), Field.CATEGORY, values)) {
                values.bad(Field.CATEGORY, new Violation(Field.CATEGORY.fieldName(), "Code", "'" + ImportText.quote(
                        values.raw(Field.CATEGORY)) + "' does not make a category code; declare one with "
                        + "categoryValue(...)"));
                return false;
            }
            return true;
        });
        Priority priority = values.text(Field.PRIORITY).map(p -> mapping.priority(p).orElseGet(() -> {
            values.bad(Field.PRIORITY, new Violation(Field.PRIORITY.fieldName(), "KnownPriority", "'"
                    + ImportText.quote(p) + "' is not a known priority; declare it with priorityValue(...)"));
            return Priority.NORMAL;
        })).orElse(Priority.NORMAL);
        CaseStatus status = values.text(Field.STATUS).map(s -> mapping.status(s).orElseGet(() -> {
            violations.add(new Violation(Field.STATUS.fieldName(), "KnownStatus", "'" + ImportText.quote(s)
                    + "' is not a known status; declare it with statusValue(...)"));
            return CaseStatus.NEW;
        })).orElse(CaseStatus.NEW);

        Optional<Instant> recordedAt = values.time(Field.CREATED_AT);
        boolean createdExact = recordedAt.isPresent()
                && !mapping.timeFormat(Field.CREATED_AT).map(TimeFormat::dateOnly).orElse(false);
        Optional<Instant> firstReplyAt = mapping.column(Field.FIRST_REPLY_MINUTES).isPresent()
                ? values.minutesAfter(Field.FIRST_REPLY_MINUTES, recordedAt) : values.time(Field.FIRST_REPLY_AT);
        Field firstReplyField = mapping.column(Field.FIRST_REPLY_MINUTES).isPresent()
                ? Field.FIRST_REPLY_MINUTES : Field.FIRST_REPLY_AT;
        Optional<Instant> createdDate = values.time(Field.CREATED_DATE);
        Optional<Instant> resolvedAt = values.time(Field.RESOLVED_AT);
        Optional<Instant> closedAt = values.time(Field.CLOSED_AT);

        // the creation-time chain: the creation time, the first reply, the creation date at the start of its day
        Optional<Instant> createdAt = recordedAt;
        String createdFrom = Field.CREATED_AT.fieldName();
        for (var link : List.of(Map.entry(firstReplyField, firstReplyAt), Map.entry(Field.CREATED_DATE, createdDate))) {
            if (createdAt.isEmpty() && link.getValue().isPresent()) {
                createdAt = link.getValue();
                createdFrom = link.getKey().fieldName();
            }
        }
        CreationTimeQuality quality = createdExact ? CreationTimeQuality.RECORDED
                : createdAt.isPresent() ? CreationTimeQuality.ESTIMATED : CreationTimeQuality.UNKNOWN;
        if (createdAt.isEmpty() && !mapping.unknownCreationTime()
                && violations.stream().noneMatch(v -> v.field().equals(Field.CREATED_AT.fieldName()))) {
            values.required(Field.CREATED_AT);
        }

        if (recordedAt.isPresent()) {
            firstReplyAt = values.notBefore(firstReplyField, firstReplyAt, recordedAt, "NotBeforeCreated",
                    "the creation time");
            resolvedAt = values.notBefore(Field.RESOLVED_AT, resolvedAt, recordedAt, "NotBeforeCreated",
                    "the creation time");
        }
        if (resolvedAt.isPresent()) {
            closedAt = values.notBefore(Field.CLOSED_AT, closedAt, resolvedAt, "NotBeforeResolved",
                    "the resolution time");
        } else if (recordedAt.isPresent()) {
            closedAt = values.notBefore(Field.CLOSED_AT, closedAt, recordedAt, "NotBeforeCreated",
                    "the creation time");
        }
        boolean resolved = status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
        boolean resolutionTimeUnknown = false;
        if (resolved && resolvedAt.isEmpty()) {
            if (values.text(Field.RESOLVED_AT).isEmpty()
                    && mapping.onBadValue(Field.RESOLVED_AT) == BadValuePolicy.REJECT) {
                violations.add(new Violation(Field.RESOLVED_AT.fieldName(), "RequiredForStatus",
                        mapping.column(Field.RESOLVED_AT).map(c -> "column '" + c + "' is empty")
                                .orElse("no column is mapped")
                                + "; a resolved or closed ticket needs its resolution time"));
            } else {
                resolutionTimeUnknown = true; // its bad value was dropped: resolved, at a time not known
            }
        }
        if (createdAt.isPresent() && quality == CreationTimeQuality.ESTIMATED) {
            values.warn(Field.CREATED_AT, "Estimated", "the creation time is taken from " + createdFrom
                    + "; the ticket is left out of first reply and resolution times",
                    ExclusionReason.CREATION_TIME_ESTIMATED);
        } else if (createdAt.isEmpty()) {
            values.warn(Field.CREATED_AT, "Unknown", "no creation time is known; the ticket is imported at the"
                    + " moment of the import and left out of first reply and resolution times",
                    ExclusionReason.CREATION_TIME_UNKNOWN);
        }
        if (resolutionTimeUnknown) {
            values.warn(Field.RESOLVED_AT, "Unknown", "the ticket is " + status.name().toLowerCase(Locale.ROOT)
                    + " at a time not known; it is left out of resolution times",
                    ExclusionReason.MISSING_RESOLUTION_TIME);
        }

        Optional<AgentId> agent = values.text(Field.AGENT).map(String::strip).flatMap(a -> {
            Optional<AgentId> found = agents.apply(a);
            if (found.isEmpty()) {
                values.bad(Field.AGENT, new Violation(Field.AGENT.fieldName(), "KnownAgent",
                        "no single agent is known by the name in column '" + column(Field.AGENT) + "'"));
            }
            return found;
        });
        Optional<Integer> csat = csat(values);
        Optional<String> csatComment = values.cleaned(Field.CSAT_COMMENT, true).filter(c -> constraint(
                RecordFeedback.class, "comment", Optional.of(c), Field.CSAT_COMMENT, values));
        Optional<String> messageText = values.cleaned(Field.MESSAGE_TEXT, true).filter(m -> constraint(
                RecordInteraction.class, "summary", Optional.of(m), Field.MESSAGE_TEXT, values));

        if (!violations.isEmpty()) {
            return rejected(ticketId, violations);
        }
        String id = ticketId.orElseThrow();
        Instant created = createdAt.orElse(now);
        return new Outcome(Optional.of(new TicketRow(record.line(), id, name, email, phone,
                channel, subject.orElseThrow(), category, priority, status, created, quality, firstReplyAt,
                resolved ? resolvedAt : Optional.empty(), status == CaseStatus.CLOSED ? closedAt : Optional.empty(),
                resolutionTimeUnknown, agent, csat, csat.isPresent() ? csatComment : Optional.empty(), messageText)),
                ticketId, List.of(), values.warnings(id));
    }

    private void checkTicketId(String ticketId, long line, Values values) {
        String externalId = mapping.externalIdPrefix() + ticketId;
        int room = Limits.KEY - FIRST_REPLY_SUFFIX.length() - mapping.externalIdPrefix().length();
        if (externalId.length() + FIRST_REPLY_SUFFIX.length() > Limits.KEY) {
            values.violations.add(new Violation(Field.TICKET_ID.fieldName(), "Size",
                    "must be at most " + room + " characters"));
        } else {
            constraint(RecordInteraction.class, "externalId", Optional.of(externalId), Field.TICKET_ID, values);
        }
        Long earlier = seen.putIfAbsent(ticketId, line);
        if (earlier != null) {
            values.violations.add(new Violation(Field.TICKET_ID.fieldName(), "UniqueInFile",
                    "the same ticket id is on line " + earlier));
        }
    }

    private void checkAddress(Channel channel, String address, Field field, List<Violation> violations) {
        ContactIdentity identity = ContactIdentity.primary(channel, address);
        if (CheckedCommands.passes(identity)) {
            return; // the validator would report nothing
        }
        validator.validate(identity).forEach(v -> violations.add(
                new Violation(field.fieldName(), v.getConstraintDescriptor().getAnnotation().annotationType()
                        .getSimpleName(), v.getMessage())));
    }

    private Channel channel(Values values) {
        Optional<String> text = values.text(Field.CHANNEL);
        if (text.isEmpty()) {
            return mapping.defaultChannel().orElseGet(() -> {
                values.required(Field.CHANNEL);
                return null;
            });
        }
        return mapping.channel(text.get()).orElseGet(() -> {
            values.bad(Field.CHANNEL, new Violation(Field.CHANNEL.fieldName(), "KnownChannel", "'"
                    + ImportText.quote(text.get()) + "' is not a known channel; known are " + mapping.knownChannels()
                    + "; declare others with channelValue(...)"));
            return mapping.defaultChannel().orElse(null);
        });
    }

    private Optional<Integer> csat(Values values) {
        Optional<String> text = values.text(Field.CSAT);
        if (text.isEmpty() || mapping.csatIgnored(text.get())) {
            return Optional.empty();
        }
        Optional<Integer> score = mapping.csat(text.get());
        Scale scale = mapping.csatScale();
        if (score.isEmpty()) {
            values.bad(Field.CSAT, new Violation(Field.CSAT.fieldName(), "CsatValue", "'"
                    + ImportText.quote(text.get()) + "' is neither a whole number nor a declared CSAT value"));
        } else if (!scale.contains(score.get())) {
            values.bad(Field.CSAT, new Violation(Field.CSAT.fieldName(), "Range",
                    "must be between " + scale.min() + " and " + scale.max()));
            return Optional.empty();
        }
        return score;
    }

    /**
     * Checks a value against the constraints a command's component carries, and reports violations on the import's
     * field. Returns whether the value is valid.
     */
    private boolean constraint(Class<?> command, String property, Object value, Field field, Values values) {
        if (CheckedCommands.passesProperty(command, property, value)) {
            return true; // the validator would report nothing: it is asked only about a value that may fail
        }
        List<Violation> found = CommandValidator.toViolations(validator.validateValue(command, property, value))
                .stream().map(v -> new Violation(field.fieldName(), v.rule(), v.message())).toList();
        if (field == Field.CATEGORY) {
            return found.isEmpty(); // reported with the value, which is no personal data
        }
        found.forEach(v -> values.bad(field, v));
        return found.isEmpty();
    }

    private String column(Field field) {
        return mapping.column(field).orElse(field.fieldName());
    }

    private String mappedColumns(Field... fields) {
        return Arrays.stream(fields).map(mapping::column).flatMap(Optional::stream)
                .map(c -> "'" + c + "'").collect(Collectors.joining(" and "));
    }

    private Outcome rejected(Optional<String> ticketId, List<Violation> violations) {
        return new Outcome(Optional.empty(), ticketId, List.copyOf(violations), List.of());
    }

    /** The values of one record by field, collecting what is wrong with them. */
    private final class Values {
        final CsvRecord record;
        final List<Violation> violations = new ArrayList<>();
        /** Warnings as field, rule, message and exclusion; the ticket id is added once known. */
        final List<Object[]> warnings = new ArrayList<>();

        Values(CsvRecord record) {
            this.record = record;
        }

        /** The field's value as in the file, or "" when the field is not mapped. */
        String raw(Field field) {
            Integer at = index.get(field);
            return at == null ? "" : record.field(at);
        }

        /** The field's value if mapped and not blank, as in the file. */
        Optional<String> text(Field field) {
            String raw = raw(field);
            return raw.isBlank() ? Optional.empty() : Optional.of(raw);
        }

        /** A bad value of a field: dropped with a warning, or a reason to reject the row, by the field's policy. */
        void bad(Field field, Violation violation) {
            if (mapping.onBadValue(field) == BadValuePolicy.DROP_AND_WARN) {
                warnings.add(new Object[] {field.fieldName(), violation.rule(), violation.message()
                        + "; the value is dropped", null});
            } else {
                violations.add(violation);
            }
        }

        void warn(Field field, String rule, String message, ExclusionReason exclusion) {
            warnings.add(new Object[] {field.fieldName(), rule, message, exclusion});
        }

        List<ImportReport.Warning> warnings(String ticketId) {
            return warnings.stream().map(w -> new ImportReport.Warning(record.line(), ticketId, (String) w[0],
                    (String) w[1], (String) w[2], Optional.ofNullable((ExclusionReason) w[3]))).toList();
        }

        /**
         * The field's text with control characters cleaned (with a warning) if the mapping says so; line breaks
         * and tabs are kept in multi-line text and become spaces in one-line text.
         */
        Optional<String> cleaned(Field field, boolean multiline) {
            Optional<String> text = text(field);
            if (text.isEmpty() || !mapping.cleanControlCharacters()) {
                return text;
            }
            String value = text.get();
            String flattened = multiline ? value : value.replaceAll("[\\r\\n\\t]+", " ");
            String clean = HostText.clean(flattened, Integer.MAX_VALUE);
            if (!clean.equals(value)) {
                warnings.add(new Object[] {field.fieldName(), "ControlCharacters",
                        "control characters" + (multiline ? "" : " or line breaks") + " were replaced", null});
            }
            return Optional.of(clean);
        }

        void required(Field field) {
            violations.add(new Violation(field.fieldName(), "Required", mapping.column(field)
                    .map(c -> "column '" + c + "' is empty").orElse("no column is mapped")));
        }

        Optional<Instant> time(Field field) {
            Optional<String> text = text(field).map(String::strip);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            TimeFormat.Parsed parsed = mapping.timeFormat(field).orElseThrow().parse(text.get(), mapping.timeZone());
            if (!parsed.ok()) {
                bad(field, new Violation(field.fieldName(), parsed.rule(), parsed.message()));
                return Optional.empty();
            }
            return notInFuture(field, parsed.instant());
        }

        Optional<Instant> minutesAfter(Field field, Optional<Instant> createdAt) {
            Optional<String> text = text(field).map(String::strip);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal minutes;
            try {
                minutes = new BigDecimal(text.get());
            } catch (NumberFormatException e) {
                bad(field, new Violation(field.fieldName(), "Number", "'" + ImportText.quote(text.get())
                        + "' is not a number of minutes"));
                return Optional.empty();
            }
            if (minutes.signum() < 0 || minutes.compareTo(BigDecimal.valueOf(100L * 365 * 24 * 60)) > 0) {
                bad(field, new Violation(field.fieldName(), "Range",
                        "must be between 0 and 52,560,000 minutes (100 years)"));
                return Optional.empty();
            }
            if (createdAt.isEmpty()) {
                return Optional.empty();
            }
            long micros = minutes.multiply(BigDecimal.valueOf(60_000_000L)).longValue();
            return notInFuture(field, createdAt.get().plus(Duration.ofNanos(micros * 1000)));
        }

        private Optional<Instant> notInFuture(Field field, Instant instant) {
            if (instant.isAfter(now)) {
                bad(field, new Violation(field.fieldName(), "NotInFuture",
                        "must not be later than now (" + now + ")"));
                return Optional.empty();
            }
            return Optional.of(instant);
        }

        /** The time, unless it lies before its bound: then it is bad (and, when dropped, empty). */
        Optional<Instant> notBefore(Field field, Optional<Instant> time, Optional<Instant> bound, String rule,
                String what) {
            if (time.isPresent() && bound.isPresent() && time.get().isBefore(bound.get())) {
                bad(field, new Violation(field.fieldName(), rule, "must not be before " + what));
                return Optional.empty();
            }
            return time;
        }
    }
}
