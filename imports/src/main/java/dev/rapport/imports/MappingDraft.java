package dev.rapport.imports;

import dev.rapport.imports.ColumnMapping.Field;
import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.feedback.Scale;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a {@link ColumnMapping}: filled by its builder, checked by {@link #violations()} when it builds,
 * and held by the mapping as a {@link #frozen()} copy that nothing changes. Not thread-safe while it is filled.
 */
final class MappingDraft {

    Map<Field, String> columns = new EnumMap<>(Field.class);
    Map<Field, TimeFormat> timeFormats = new EnumMap<>(Field.class);
    Channel defaultChannel;
    ValueTables values = new ValueTables();
    Scale csatScale = ColumnMapping.DEFAULT_CSAT_SCALE;
    ZoneId timeZone = ColumnMapping.DEFAULT_TIME_ZONE;
    String externalIdPrefix = ColumnMapping.DEFAULT_EXTERNAL_ID_PREFIX;
    BadValuePolicy badValues = BadValuePolicy.DROP_AND_WARN;
    Map<Field, BadValuePolicy> badValuePolicies = new EnumMap<>(Field.class);
    boolean unknownCreationTime = ColumnMapping.DEFAULT_UNKNOWN_CREATION_TIME;
    boolean cleanControlCharacters = ColumnMapping.DEFAULT_CLEAN_CONTROL_CHARACTERS;
    final List<Violation> problems = new ArrayList<>();

    /** An immutable copy: unmodifiable collections and value tables; its problems are left behind. */
    MappingDraft frozen() {
        MappingDraft frozen = new MappingDraft();
        frozen.columns = Collections.unmodifiableMap(new EnumMap<>(columns));
        frozen.timeFormats = timeFormats.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(timeFormats));
        frozen.defaultChannel = defaultChannel;
        frozen.values = values.copy();
        frozen.csatScale = csatScale;
        frozen.timeZone = timeZone;
        frozen.externalIdPrefix = externalIdPrefix;
        frozen.badValues = badValues;
        frozen.badValuePolicies = badValuePolicies.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(badValuePolicies));
        frozen.unknownCreationTime = unknownCreationTime;
        frozen.cleanControlCharacters = cleanControlCharacters;
        return frozen;
    }

    /** Maps a field to a column, or notes the problem with the column's name. */
    void column(Field field, String column) {
        if (column == null || column.isBlank()) {
            problems.add(new Violation(field.fieldName(), "NotBlank", "the column name must not be blank"));
        } else {
            columns.put(field, column.strip());
        }
    }

    /** Maps a field to a column of times in a format, or notes the problems. */
    void time(Field field, String column, TimeFormat format) {
        if (format == null) {
            problems.add(new Violation(field.fieldName(), "NotNull", "the time format must not be null"));
        } else {
            timeFormats.put(field, format);
        }
        column(field, column);
    }

    /**
     * These settings, once {@link #violations()} finds no problem.
     *
     * @throws ValidationException naming every problem
     */
    MappingDraft checked() {
        List<Violation> violations = violations();
        if (!violations.isEmpty()) {
            throw new ValidationException("ColumnMapping", violations);
        }
        return this;
    }

    /** Every problem with the settings: those noted while filling them, and every missing required column. */
    List<Violation> violations() {
        List<Violation> violations = new ArrayList<>(problems);
        if (!columns.containsKey(Field.CREATED_AT) && !columns.containsKey(Field.CREATED_DATE)
                && !columns.containsKey(Field.FIRST_REPLY_AT) && problems.stream()
                .noneMatch(p -> p.field().equals(Field.CREATED_AT.fieldName()))) {
            violations.add(new Violation(Field.CREATED_AT.fieldName(), "Required", "must name a column"));
        }
        for (Field required : List.of(Field.TICKET_ID, Field.SUBJECT)) {
            if (!columns.containsKey(required) && problems.stream()
                    .noneMatch(p -> p.field().equals(required.fieldName()))) {
                violations.add(new Violation(required.fieldName(), "Required", "must name a column"));
            }
        }
        if (!columns.containsKey(Field.CUSTOMER_EMAIL) && !columns.containsKey(Field.CUSTOMER_PHONE)) {
            violations.add(new Violation("customerEmail", "EmailOrPhone",
                    "customerEmail or customerPhone must name a column, to know who each ticket is from"));
        }
        if (!columns.containsKey(Field.CHANNEL) && defaultChannel == null) {
            violations.add(new Violation("channel", "ColumnOrDefault",
                    "must name a column, or a default channel must be set"));
        }
        if (columns.containsKey(Field.FIRST_REPLY_AT) && columns.containsKey(Field.FIRST_REPLY_MINUTES)) {
            violations.add(new Violation("firstReplyMinutes", "OneOf",
                    "firstReplyAt and firstReplyMinutes must not both be mapped"));
        }
        if (csatScale == null) {
            violations.add(new Violation("csatScale", "NotNull", "must not be null"));
        } else if (csatScale.min() >= csatScale.max()) {
            violations.add(new Violation("csatScale", "Ordered", "min must be less than max"));
        }
        if (timeZone == null) {
            violations.add(new Violation("timeZone", "NotNull", "must not be null"));
        }
        if (externalIdPrefix == null) {
            violations.add(new Violation("externalIdPrefix", "NotNull", "must not be null; use \"\" for none"));
        } else if (externalIdPrefix.length() > ColumnMapping.MAX_PREFIX_LENGTH
                || !PlainTextValidator.isPlainText(externalIdPrefix, false)) {
            violations.add(new Violation("externalIdPrefix", "PlainText",
                    "must be at most " + ColumnMapping.MAX_PREFIX_LENGTH + " characters without control characters"));
        }
        return violations;
    }
}
