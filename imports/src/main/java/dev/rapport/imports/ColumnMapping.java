package dev.rapport.imports;

import dev.rapport.spi.Channel;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.feedback.Scale;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which column of a helpdesk export holds what, and how its values read: the import works with any column layout
 * once it is declared here. Columns are named as in the file's header line, compared without surrounding spaces and
 * regardless of case. Values (channels, priorities, statuses, CSAT answers) are compared the same way.
 *
 * <pre>{@code
 * ColumnMapping zendesk = ColumnMapping.builder()
 *         .ticketId("Id").subject("Subject").messageText("Description")
 *         .customerName("Requester").customerEmail("Requester email")
 *         .channel("Via").channelValue("Web form", Channel.WEB_FORM).channelValue("Mail", Channel.EMAIL)
 *         .status("Status").statusValue("Solved", CaseStatus.RESOLVED)
 *         .createdAt("Created at", TimeFormat.pattern("yyyy-MM-dd HH:mm"))
 *         .resolvedAt("Solved at", TimeFormat.pattern("yyyy-MM-dd HH:mm"))
 *         .timeZone(ZoneId.of("Europe/Berlin"))
 *         .externalIdPrefix("zendesk:")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnMapping {

    /** The external-id prefix used when none is set. */
    public static final String DEFAULT_EXTERNAL_ID_PREFIX = "ticket:";

    /** The longest external-id prefix allowed, leaving room for the ticket id within the 200-character key limit. */
    public static final int MAX_PREFIX_LENGTH = 50;

    /** The scale CSAT answers are given on when none is set: {@link Scale#CSAT_1_TO_5}. */
    public static final Scale DEFAULT_CSAT_SCALE = Scale.CSAT_1_TO_5;

    /** The time zone local times are read in when none is set: UTC. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    /** What a column can hold; each field's {@link #fieldName()} names it in rejections. */
    public enum Field {
        /** The ticket's id in the helpdesk; required. Recorded as the external id of the ticket's first message. */
        TICKET_ID("ticketId"),
        /** The customer's name; when empty the customer is registered under their address. */
        CUSTOMER_NAME("customerName"),
        /** The customer's email address; this or the phone number is required. */
        CUSTOMER_EMAIL("customerEmail"),
        /** The customer's phone number; this or the email address is required. */
        CUSTOMER_PHONE("customerPhone"),
        /** The channel the ticket came in on. */
        CHANNEL("channel"),
        /** The ticket's subject, the case's one-line description; required. */
        SUBJECT("subject"),
        /** The ticket's category, group or type, turned into a category code. */
        CATEGORY("category"),
        /** The ticket's priority. */
        PRIORITY("priority"),
        /** The ticket's status. */
        STATUS("status"),
        /**
         * When the ticket was created: the first link of the creation-time chain (see
         * {@link Builder#createdDate(String, TimeFormat)}); this, the first reply time or a creation date is required.
         */
        CREATED_AT("createdAt"),
        /** The day the ticket was created, without a time of day: the last link of the creation-time chain. */
        CREATED_DATE("createdDate"),
        /** When an agent first replied in public. */
        FIRST_REPLY_AT("firstReplyAt"),
        /** How many minutes after creation an agent first replied in public, as some exports give it. */
        FIRST_REPLY_MINUTES("firstReplyMinutes"),
        /** When the ticket was (last) resolved; required for resolved and closed tickets. */
        RESOLVED_AT("resolvedAt"),
        /** When the ticket was closed; defaults to the resolution time for closed tickets. */
        CLOSED_AT("closedAt"),
        /** The agent who handled the ticket, by name. */
        AGENT("agent"),
        /** The customer's CSAT answer. */
        CSAT("csat"),
        /** The comment that came with the CSAT answer. */
        CSAT_COMMENT("csatComment"),
        /** The text of the customer's message that opened the ticket. */
        MESSAGE_TEXT("messageText");

        private final String fieldName;

        Field(String fieldName) {
            this.fieldName = fieldName;
        }

        /**
         * The name rejections give the field, for example {@code "createdAt"}.
         *
         * @return the field's name in rejections and warnings, for example {@code "createdAt"}
         */
        public String fieldName() {
            return fieldName;
        }

        /**
         * Whether a bad value of this field may be dropped under {@link BadValuePolicy#DROP_AND_WARN}: every field
         * but the ticket id, the subject, the customer's addresses and the status (the channel only when a default
         * channel is set).
         *
         * @return whether the field is optional
         */
        public boolean optional() {
            return switch (this) {
                case TICKET_ID, SUBJECT, CUSTOMER_EMAIL, CUSTOMER_PHONE, STATUS -> false;
                default -> true;
            };
        }
    }

    /** Whether an export gives no creation time at all for a ticket is allowed unless told otherwise: true. */
    public static final boolean DEFAULT_UNKNOWN_CREATION_TIME = true;

    /** Whether control characters in text are cleaned (with a warning) unless told otherwise: true. */
    public static final boolean DEFAULT_CLEAN_CONTROL_CHARACTERS = true;

    /** The settings, frozen: unmodifiable collections, never changed. */
    private final MappingDraft settings;

    private ColumnMapping(MappingDraft draft) {
        settings = draft.frozen();
    }

    /**
     * A builder with no columns and the defaults of each option.
     *
     * @return a new builder with no columns mapped
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The column that holds a field, if mapped.
     *
     * @param field the field to look up
     * @return the column's name as in the file's header line, or empty if the field is not mapped
     */
    public Optional<String> column(Field field) {
        return Optional.ofNullable(settings.columns.get(field));
    }

    /**
     * Every mapped field with its column.
     *
     * @return every mapped field with its column's name, unmodifiable
     */
    public Map<Field, String> columns() {
        return settings.columns;
    }

    /**
     * The format of a time column, if the field is a mapped time.
     *
     * @param field the field to look up
     * @return the format its column is read in, or empty if the field is not a mapped time
     */
    public Optional<TimeFormat> timeFormat(Field field) {
        return Optional.ofNullable(settings.timeFormats.get(field));
    }

    /**
     * The channel used when the channel column is not mapped or empty, if any.
     *
     * @return the channel for tickets without a channel value, or empty if such tickets are rejected
     */
    public Optional<Channel> defaultChannel() {
        return Optional.ofNullable(settings.defaultChannel);
    }

    /**
     * The scale CSAT answers are given on.
     *
     * @return the scale CSAT answers are given on; {@link #DEFAULT_CSAT_SCALE} unless set
     */
    public Scale csatScale() {
        return settings.csatScale;
    }

    /**
     * The zone local times are read in, unless a column's format has its own.
     *
     * @return the zone local times are read in; {@link #DEFAULT_TIME_ZONE} unless set
     */
    public ZoneId timeZone() {
        return settings.timeZone;
    }

    /**
     * What comes before the ticket id in the external ids of the interactions imported.
     *
     * @return the prefix of the imported interactions' external ids; {@link #DEFAULT_EXTERNAL_ID_PREFIX} unless set
     */
    public String externalIdPrefix() {
        return settings.externalIdPrefix;
    }

    /**
     * What a bad value of a field leads to: {@link BadValuePolicy#REJECT} for a field that is not
     * {@linkplain Field#optional() optional}, else the field's own policy, else the mapping's.
     *
     * @param field the field
     * @return the policy that applies
     */
    public BadValuePolicy onBadValue(Field field) {
        if (!field.optional() || (field == Field.CHANNEL && settings.defaultChannel == null)) {
            return BadValuePolicy.REJECT;
        }
        return settings.badValuePolicies.getOrDefault(field, settings.badValues);
    }

    /**
     * Whether a ticket for which the creation-time chain finds no time at all imports, marked
     * {@link dev.rapport.spi.cases.CreationTimeQuality#UNKNOWN}; when false such rows are rejected.
     *
     * @return whether unknown creation times are allowed
     */
    public boolean unknownCreationTime() {
        return settings.unknownCreationTime;
    }

    /**
     * Whether control characters in the subject, names, message text and comments are cleaned with a warning;
     * when false a value with them is bad (and rejected or dropped by its field's policy).
     *
     * @return whether control characters are cleaned
     */
    public boolean cleanControlCharacters() {
        return settings.cleanControlCharacters;
    }

    // How values read: the declared values, then the built-in readings (see ValueTables).
    Optional<Channel> channel(String value) { return settings.values.channel(value); }
    Optional<Priority> priority(String value) { return settings.values.priority(value); }
    Optional<CaseStatus> status(String value) { return settings.values.status(value); }
    String category(String value) { return settings.values.category(value); }
    boolean csatIgnored(String value) { return settings.values.csatIgnored(value); }
    Optional<Integer> csat(String value) { return settings.values.csat(value); }
    String knownChannels() { return settings.values.knownChannels(); }

    /**
     * Builds a {@link ColumnMapping}. Not thread-safe. Every column is optional unless its method says otherwise;
     * {@link #build()} names every required one that is missing.
     */
    public static final class Builder {
        private final MappingDraft draft = new MappingDraft();
        private final ValueTables values = draft.values;

        private Builder() {
        }

        /**
         * The column with the ticket id; required, no default.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder ticketId(String column) { return column(Field.TICKET_ID, column); }
        /**
         * The column with the customer's name; default none (customers are then named by their address).
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder customerName(String column) { return column(Field.CUSTOMER_NAME, column); }
        /**
         * The column with the customer's email address; this or {@link #customerPhone} is required.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder customerEmail(String column) { return column(Field.CUSTOMER_EMAIL, column); }
        /**
         * The column with the customer's phone number; this or {@link #customerEmail} is required.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder customerPhone(String column) { return column(Field.CUSTOMER_PHONE, column); }

        /**
         * The column with the channel the ticket came in on; this or {@link #defaultChannel} is required. Values
         * are read as built-in channel codes unless declared with {@link #channelValue}.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder channel(String column) { return column(Field.CHANNEL, column); }

        /**
         * Declares what a channel value of the export means, for example {@code "Voice"} as phone; default none.
         *
         * @param value a value of the channel column, compared regardless of case
         * @param channel the channel it stands for
         * @return this builder
         */
        public Builder channelValue(String value, Channel channel) { values.channelValue(value, channel); return this; }

        /**
         * The channel for tickets whose channel column is absent or empty; default none (such rows are rejected).
         *
         * @param channel the channel for tickets without a channel value
         * @return this builder
         */
        public Builder defaultChannel(Channel channel) { draft.defaultChannel = channel; return this; }

        /**
         * The column with the subject; required, no default.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder subject(String column) { return column(Field.SUBJECT, column); }

        /**
         * The column with the category (or group, or type), turned into a category code; default none. See
         * {@link #categoryValue} for values that need an explicit code.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder category(String column) { return column(Field.CATEGORY, column); }

        /**
         * Declares the category code a value of the export stands for; default: derived from the value.
         *
         * @param value a value of the category column, compared regardless of case
         * @param code the category code it stands for
         * @return this builder
         */
        public Builder categoryValue(String value, String code) { values.categoryValue(value, code); return this; }

        /**
         * The column with the priority; default none (cases are then {@link Priority#NORMAL}).
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder priority(String column) { return column(Field.PRIORITY, column); }

        /**
         * Declares what a priority value means, for example {@code "Medium"} as normal; default: enum names.
         *
         * @param value a value of the priority column, compared regardless of case
         * @param priority the priority it stands for
         * @return this builder
         */
        public Builder priorityValue(String value, Priority priority) {
            values.priorityValue(value, priority);
            return this;
        }

        /**
         * The column with the status; default none (cases then stay {@link CaseStatus#NEW}).
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder status(String column) { return column(Field.STATUS, column); }

        /**
         * Declares what a status value means, for example {@code "Solved"} as resolved; default: enum names.
         *
         * @param value a value of the status column, compared regardless of case
         * @param status the case status it stands for
         * @return this builder
         */
        public Builder statusValue(String value, CaseStatus status) { values.statusValue(value, status); return this; }

        /**
         * The column with the creation time and its format; default none. The creation time is taken from the first
         * of these that the row holds: this column; the {@linkplain #firstReplyAt first reply time}; the
         * {@linkplain #createdDate creation date} at the start of its day. Any but
         * the first marks the case {@link dev.rapport.spi.cases.CreationTimeQuality#ESTIMATED} (with a warning on the
         * row); none at all marks it {@link dev.rapport.spi.cases.CreationTimeQuality#UNKNOWN} (see
         * {@link #unknownCreationTime}). At least one of this, the first reply time and the creation date is required.
         *
         * @param column the column's name in the header
         * @param format how its times are written; a {@linkplain TimeFormat#date date-only} format makes every
         *        creation time from it an estimate
         * @return this builder
         */
        public Builder createdAt(String column, TimeFormat format) { return time(Field.CREATED_AT, column, format); }

        /**
         * The column with the day of the creation, without a time of day (for example a "created date" or "purchase
         * date" column), the last link of the creation-time chain (see {@link #createdAt}); default none.
         *
         * @param column the column's name in the header
         * @param format how its dates are written, usually {@link TimeFormat#date(String)} or
         *        {@link TimeFormat#ISO_DATE}
         * @return this builder
         */
        public Builder createdDate(String column, TimeFormat format) {
            return time(Field.CREATED_DATE, column, format);
        }

        /**
         * What a bad value of every optional field leads to, unless a field has its own policy; default
         * {@link BadValuePolicy#DROP_AND_WARN}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder onBadValues(BadValuePolicy policy) {
            draft.badValues = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What a bad value of one optional field leads to; default the policy of {@link #onBadValues}. Fields that
         * are not {@linkplain Field#optional() optional} always reject their row.
         *
         * @param field the field
         * @param policy the policy
         * @return this builder
         */
        public Builder onBadValue(Field field, BadValuePolicy policy) {
            draft.badValuePolicies.put(Objects.requireNonNull(field, "field"),
                    Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Whether a ticket whose creation-time chain finds no time at all imports, marked unknown and left out of
         * the time KPIs; default {@link #DEFAULT_UNKNOWN_CREATION_TIME}. When false such a row is rejected
         * ({@code createdAt}, {@code Required}).
         *
         * @param value whether to import such tickets
         * @return this builder
         */
        public Builder unknownCreationTime(boolean value) { draft.unknownCreationTime = value; return this; }

        /**
         * Whether control characters (NUL, escape...) in the subject, the customer's name, the message text and the
         * CSAT comment are replaced with U+FFFD (and line breaks in the one-line subject and name with spaces), with
         * a warning on the row; default {@link #DEFAULT_CLEAN_CONTROL_CHARACTERS}. When false such a value is bad.
         *
         * @param value whether to clean
         * @return this builder
         */
        public Builder cleanControlCharacters(boolean value) { draft.cleanControlCharacters = value; return this; }

        /**
         * The strict settings: every bad value rejects its row, control characters are bad, and a ticket without a
         * creation time is rejected; the importer's behaviour before the defaults became forgiving.
         *
         * @return this builder
         */
        public Builder strict() {
            return onBadValues(BadValuePolicy.REJECT).cleanControlCharacters(false).unknownCreationTime(false);
        }

        /**
         * The column with the first public agent reply's time and its format; default none.
         *
         * @param column the column's name as in the file's header line
         * @param format how its times read
         * @return this builder
         */
        public Builder firstReplyAt(String column, TimeFormat format) {
            return time(Field.FIRST_REPLY_AT, column, format);
        }

        /**
         * The column with the minutes from creation to the first public agent reply (calendar minutes, whole or
         * decimal), instead of {@link #firstReplyAt}; default none.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder firstReplyMinutes(String column) { return column(Field.FIRST_REPLY_MINUTES, column); }

        /**
         * The column with the resolution time and its format; default none.
         *
         * @param column the column's name as in the file's header line
         * @param format how its times read
         * @return this builder
         */
        public Builder resolvedAt(String column, TimeFormat format) { return time(Field.RESOLVED_AT, column, format); }

        /**
         * The column with the closing time and its format; default none (the resolution time is used).
         *
         * @param column the column's name as in the file's header line
         * @param format how its times read
         * @return this builder
         */
        public Builder closedAt(String column, TimeFormat format) { return time(Field.CLOSED_AT, column, format); }

        /**
         * The column with the agent's name, looked up by the importer's agent lookup; default none.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder agent(String column) { return column(Field.AGENT, column); }

        /**
         * The column with the CSAT answer, a whole number on {@link #csatScale} or a declared value; default none.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder csat(String column) { return column(Field.CSAT, column); }

        /**
         * Declares the score a CSAT value stands for, for example {@code "Good"} as 5; default: whole numbers.
         *
         * @param value a value of the CSAT column, compared regardless of case
         * @param score the score it stands for, on the CSAT scale
         * @return this builder
         */
        public Builder csatValue(String value, int score) { values.csatValue(value, score); return this; }

        /**
         * Declares a CSAT value that means "not answered", for example {@code "Offered"}; default: blank only.
         *
         * @param value a value of the CSAT column that means the customer did not answer
         * @return this builder
         */
        public Builder csatIgnored(String value) { values.csatIgnoredValue(value); return this; }

        /**
         * The scale CSAT answers are on; default {@link #DEFAULT_CSAT_SCALE} (1 to 5, higher is better).
         *
         * @param scale the scale CSAT scores are on
         * @return this builder
         */
        public Builder csatScale(Scale scale) { draft.csatScale = scale; return this; }

        /**
         * The column with the CSAT comment; default none.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder csatComment(String column) { return column(Field.CSAT_COMMENT, column); }

        /**
         * The column with the text of the customer's first message; default none.
         *
         * @param column the column's name as in the file's header line
         * @return this builder
         */
        public Builder messageText(String column) { return column(Field.MESSAGE_TEXT, column); }

        /**
         * The zone local times are read in, unless a format has its own; default {@link #DEFAULT_TIME_ZONE}.
         *
         * @param zone the zone times without an offset are read in
         * @return this builder
         */
        public Builder timeZone(ZoneId zone) { draft.timeZone = zone; return this; }

        /**
         * What comes before the ticket id in the external ids of the interactions the import records, so that
         * ticket ids from different helpdesks, or message ids from webhooks, never collide; default
         * {@link #DEFAULT_EXTERNAL_ID_PREFIX}. Keep it stable: re-running an import finds what it imported by it.
         *
         * @param prefix the prefix, for example {@code "zendesk:"}
         * @return this builder
         */
        public Builder externalIdPrefix(String prefix) { draft.externalIdPrefix = prefix; return this; }

        private Builder column(Field field, String column) { draft.column(field, column); return this; }

        private Builder time(Field field, String column, TimeFormat format) {
            draft.time(field, column, format);
            return this;
        }

        /**
         * Checks the mapping and builds it.
         *
         * @return the mapping, immutable
         * @throws ValidationException naming every missing required column and every bad option
         */
        public ColumnMapping build() {
            return new ColumnMapping(draft.checked());
        }
    }
}
