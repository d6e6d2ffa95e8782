package dev.rapport.imports;

import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.spi.Channel;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A {@link ColumnMapping} written as a properties file, for the command line and for hosts that keep mappings
 * outside their code. Keys (docs/imports.md has an example):
 * <ul>
 *   <li>{@code preset}: a {@linkplain HelpdeskPresets#named preset} to start from (optional);</li>
 *   <li>a field's name ({@code ticketId}, {@code customerEmail}, {@code createdAt}...): its column;</li>
 *   <li>{@code <time field>.format}: {@code ISO}, {@code ISO_DATE}, {@code date:<pattern>} or a
 *       {@link java.time.format.DateTimeFormatter} pattern (required for a time column not set by the preset);</li>
 *   <li>{@code channel.value.<value>}, {@code status.value.<value>}, {@code priority.value.<value>},
 *       {@code category.value.<value>}, {@code csat.value.<value>}: what a value of the export means
 *       (a channel code, a {@code CaseStatus} or {@code Priority} name, a category code, a score);
 *       {@code csat.ignored}: comma-separated values meaning "no answer";</li>
 *   <li>{@code defaultChannel}, {@code timeZone}, {@code externalIdPrefix}, {@code onBadValues}
 *       ({@code DROP_AND_WARN} or {@code REJECT}), {@code <field>.onBadValue}, {@code unknownCreationTime},
 *       {@code cleanControlCharacters}, {@code strict} ({@code true} for {@link ColumnMapping.Builder#strict()}).</li>
 * </ul>
 * Unknown keys are refused, so a misspelt key is not silently ignored. Stateless and thread-safe.
 */
public final class MappingFile {

    private static final Set<Field> TIMES = EnumSet.of(Field.CREATED_AT, Field.CREATED_DATE, Field.FIRST_REPLY_AT,
            Field.RESOLVED_AT, Field.CLOSED_AT);

    private MappingFile() {
    }

    /**
     * Reads a mapping file.
     *
     * @param reader the properties text
     * @return a builder holding the mapping, to change further or build
     * @throws IOException if the reader fails
     * @throws ValidationException naming every bad key or value
     */
    public static ColumnMapping.Builder read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return of(properties);
    }

    /**
     * A mapping from properties.
     *
     * @param properties the keys above
     * @return a builder holding the mapping
     * @throws ValidationException naming every bad key or value
     */
    public static ColumnMapping.Builder of(Properties properties) {
        List<Violation> problems = new ArrayList<>();
        String preset = properties.getProperty("preset");
        ColumnMapping.Builder b = preset == null ? ColumnMapping.builder() : HelpdeskPresets.named(preset);
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key).strip();
            try {
                apply(b, key, value, properties);
            } catch (IllegalArgumentException | DateTimeException e) {
                problems.add(new Violation(key, "Value", "'" + ImportText.quote(value) + "' is not valid here: "
                        + e.getMessage()));
            } catch (UnknownKey e) {
                problems.add(new Violation(key, "KnownKey", "is not a key of a mapping file"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("MappingFile", problems);
        }
        return b;
    }

    private static void apply(ColumnMapping.Builder b, String key, String value, Properties all) {
        switch (key) {
            case "preset" -> { }
            case "defaultChannel" -> b.defaultChannel(new Channel(value));
            case "timeZone" -> b.timeZone(ZoneId.of(value));
            case "externalIdPrefix" -> b.externalIdPrefix(value);
            case "onBadValues" -> b.onBadValues(BadValuePolicy.valueOf(value.toUpperCase(Locale.ROOT)));
            case "unknownCreationTime" -> b.unknownCreationTime(Boolean.parseBoolean(value));
            case "cleanControlCharacters" -> b.cleanControlCharacters(Boolean.parseBoolean(value));
            case "strict" -> {
                if (Boolean.parseBoolean(value)) {
                    b.strict();
                }
            }
            case "csat.ignored" -> {
                for (String v : value.split(",")) {
                    b.csatIgnored(v.strip());
                }
            }
            default -> applyField(b, key, value, all);
        }
    }

    private static void applyField(ColumnMapping.Builder b, String key, String value, Properties all) {
        for (String kind : List.of("channel", "status", "priority", "category", "csat")) {
            String prefix = kind + ".value.";
            if (key.startsWith(prefix)) {
                String from = key.substring(prefix.length());
                switch (kind) {
                    case "channel" -> b.channelValue(from, new Channel(value));
                    case "status" -> b.statusValue(from, CaseStatus.valueOf(value.toUpperCase(Locale.ROOT)));
                    case "priority" -> b.priorityValue(from, Priority.valueOf(value.toUpperCase(Locale.ROOT)));
                    case "category" -> b.categoryValue(from, value);
                    default -> b.csatValue(from, Integer.parseInt(value));
                }
                return;
            }
        }
        for (Field field : Field.values()) {
            String name = field.fieldName();
            if (key.equals(name + ".format")) {
                if (all.getProperty(name) == null) {
                    throw new IllegalArgumentException("the format needs the column '" + name + "' too");
                }
                return; // read with its column
            }
            if (key.equals(name + ".onBadValue")) {
                b.onBadValue(field, BadValuePolicy.valueOf(value.toUpperCase(Locale.ROOT)));
                return;
            }
            if (key.equals(name)) {
                column(b, field, value, all.getProperty(name + ".format"));
                return;
            }
        }
        throw new UnknownKey();
    }

    private static void column(ColumnMapping.Builder b, Field field, String column, String format) {
        if (TIMES.contains(field)) {
            if (format == null) {
                throw new IllegalArgumentException("a time column needs '" + field.fieldName() + ".format'");
            }
            TimeFormat time = switch (format) {
                case "ISO" -> TimeFormat.ISO;
                case "ISO_DATE" -> TimeFormat.ISO_DATE;
                default -> format.startsWith("date:") ? TimeFormat.date(format.substring(5))
                        : TimeFormat.pattern(format);
            };
            switch (field) {
                case CREATED_AT -> b.createdAt(column, time);
                case CREATED_DATE -> b.createdDate(column, time);
                case FIRST_REPLY_AT -> b.firstReplyAt(column, time);
                case RESOLVED_AT -> b.resolvedAt(column, time);
                default -> b.closedAt(column, time);
            }
            return;
        }
        switch (field) {
            case TICKET_ID -> b.ticketId(column);
            case CUSTOMER_NAME -> b.customerName(column);
            case CUSTOMER_EMAIL -> b.customerEmail(column);
            case CUSTOMER_PHONE -> b.customerPhone(column);
            case CHANNEL -> b.channel(column);
            case SUBJECT -> b.subject(column);
            case CATEGORY -> b.category(column);
            case PRIORITY -> b.priority(column);
            case STATUS -> b.status(column);
            case FIRST_REPLY_MINUTES -> b.firstReplyMinutes(column);
            case AGENT -> b.agent(column);
            case CSAT -> b.csat(column);
            case CSAT_COMMENT -> b.csatComment(column);
            case MESSAGE_TEXT -> b.messageText(column);
            default -> throw new UnknownKey();
        }
    }

    /** A key the file format does not know. */
    private static final class UnknownKey extends RapportException {
        private static final long serialVersionUID = 1L;

        UnknownKey() {
            super("not a key of a mapping file");
        }
    }
}
