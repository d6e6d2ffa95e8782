package dev.rapport.imports;

import dev.rapport.spi.ValidationException;
import dev.rapport.spi.ValidationException.Violation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which column of a message-thread export holds what: one row per message of a ticket (its ticket id, author, time,
 * whether it was public, its text), as helpdesks export conversations, comments or thread entries. Columns are named
 * as in the header line, compared without surrounding spaces and regardless of case. Immutable and thread-safe.
 *
 * <pre>{@code
 * MessageMapping comments = MessageMapping.builder()
 *         .ticketId("Ticket ID").messageId("Comment ID").author("Author").authorIsAgent("Author type", "agent")
 *         .time("Created at", TimeFormat.ISO).publicFlag("Public", "true").body("Body")
 *         .externalIdPrefix("zendesk:")       // the prefix the tickets were imported with
 *         .build();
 * }</pre>
 */
public final class MessageMapping {

    private final String ticketId;
    private final Optional<String> messageId;
    private final String author;
    private final Optional<String> authorType;
    private final Set<String> agentValues;
    private final String time;
    private final TimeFormat timeFormat;
    private final Optional<String> publicColumn;
    private final Set<String> publicValues;
    private final Optional<String> body;
    private final ZoneId timeZone;
    private final String externalIdPrefix;

    private MessageMapping(Builder b) {
        ticketId = b.ticketId;
        messageId = Optional.ofNullable(b.messageId);
        author = b.author;
        authorType = Optional.ofNullable(b.authorType);
        agentValues = Set.copyOf(b.agentValues);
        time = b.time;
        timeFormat = b.timeFormat;
        publicColumn = Optional.ofNullable(b.publicColumn);
        publicValues = Set.copyOf(b.publicValues);
        body = Optional.ofNullable(b.body);
        timeZone = b.timeZone;
        externalIdPrefix = b.externalIdPrefix;
    }

    /**
     * A builder with no columns.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the column with the ticket id */
    public String ticketId() { return ticketId; }
    /** @return the column with the message's own id, if mapped */
    public Optional<String> messageId() { return messageId; }
    /** @return the column with the author's name (an agent's name, or the customer's) */
    public String author() { return author; }
    /** @return the column saying whether the author is an agent, if mapped */
    public Optional<String> authorType() { return authorType; }
    /** @return the values of {@link #authorType()} that mean an agent, compared as keys */
    public Set<String> agentValues() { return agentValues; }
    /** @return the column with the message's time */
    public String time() { return time; }
    /** @return how its times are written */
    public TimeFormat timeFormat() { return timeFormat; }
    /** @return the column saying whether the message was public, if mapped */
    public Optional<String> publicColumn() { return publicColumn; }
    /** @return the values of {@link #publicColumn()} that mean public, compared as keys */
    public Set<String> publicValues() { return publicValues; }
    /** @return the column with the message's text, if mapped */
    public Optional<String> body() { return body; }
    /** @return the zone local times are read in */
    public ZoneId timeZone() { return timeZone; }
    /** @return the prefix the tickets were imported with; the messages' external ids start with it too */
    public String externalIdPrefix() { return externalIdPrefix; }

    /** Builds a {@link MessageMapping}; not thread-safe. */
    public static final class Builder {
        private String ticketId;
        private String messageId;
        private String author;
        private String authorType;
        private final Set<String> agentValues = new HashSet<>();
        private String time;
        private TimeFormat timeFormat;
        private String publicColumn;
        private final Set<String> publicValues = new HashSet<>();
        private String body;
        private ZoneId timeZone = ColumnMapping.DEFAULT_TIME_ZONE;
        private String externalIdPrefix = ColumnMapping.DEFAULT_EXTERNAL_ID_PREFIX;

        private Builder() {
        }

        /**
         * The column with the ticket's id, as in the ticket export; required.
         *
         * @param column the column
         * @return this builder
         */
        public Builder ticketId(String column) { ticketId = column; return this; }

        /**
         * The column with the message's own id; default none (a message is then known by its ticket, time and
         * author, and two messages of one author at the same moment are taken for one).
         *
         * @param column the column
         * @return this builder
         */
        public Builder messageId(String column) { messageId = column; return this; }

        /**
         * The column with the author's name; required. Without {@link #authorIsAgent}, an author whose name is an
         * agent's (by the importer's agent lookup) is an agent, anyone else the customer.
         *
         * @param column the column
         * @return this builder
         */
        public Builder author(String column) { author = column; return this; }

        /**
         * The column saying who wrote the message, and the values that mean an agent (others mean the customer);
         * default none (see {@link #author}).
         *
         * @param column the column
         * @param agentValues the values that mean an agent, for example {@code "agent"}
         * @return this builder
         */
        public Builder authorIsAgent(String column, String... agentValues) {
            authorType = column;
            for (String v : agentValues) {
                this.agentValues.add(ImportText.key(v));
            }
            return this;
        }

        /**
         * The column with the message's time and its format; required.
         *
         * @param column the column
         * @param format the format
         * @return this builder
         */
        public Builder time(String column, TimeFormat format) { time = column; timeFormat = format; return this; }

        /**
         * The column saying whether the message was public, and the values that mean public (others mean an
         * internal note); default none (every message public).
         *
         * @param column the column
         * @param publicValues the values that mean public, for example {@code "true"} or {@code "public"}
         * @return this builder
         */
        public Builder publicFlag(String column, String... publicValues) {
            publicColumn = column;
            for (String v : publicValues) {
                this.publicValues.add(ImportText.key(v));
            }
            return this;
        }

        /**
         * The column with the message's text; default none.
         *
         * @param column the column
         * @return this builder
         */
        public Builder body(String column) { body = column; return this; }

        /**
         * The zone local times are read in; default {@link ColumnMapping#DEFAULT_TIME_ZONE}.
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder timeZone(ZoneId zone) { timeZone = zone; return this; }

        /**
         * The external-id prefix the tickets were imported with; default
         * {@link ColumnMapping#DEFAULT_EXTERNAL_ID_PREFIX}.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder externalIdPrefix(String prefix) { externalIdPrefix = prefix; return this; }

        /**
         * Checks the mapping and builds it.
         *
         * @return the mapping
         * @throws ValidationException naming every missing column and bad option
         */
        public MessageMapping build() {
            List<Violation> violations = new ArrayList<>();
            if (blank(ticketId)) {
                violations.add(new Violation("ticketId", "Required", "must name a column"));
            }
            if (blank(author)) {
                violations.add(new Violation("author", "Required", "must name a column"));
            }
            if (blank(time) || timeFormat == null) {
                violations.add(new Violation("time", "Required", "must name a column and its format"));
            }
            if (authorType != null && agentValues.isEmpty()) {
                violations.add(new Violation("authorIsAgent", "NotEmpty", "must name the values that mean an agent"));
            }
            if (publicColumn != null && publicValues.isEmpty()) {
                violations.add(new Violation("publicFlag", "NotEmpty", "must name the values that mean public"));
            }
            if (timeZone == null) {
                violations.add(new Violation("timeZone", "NotNull", "must not be null"));
            }
            if (externalIdPrefix == null) {
                violations.add(new Violation("externalIdPrefix", "NotNull", "must not be null"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("MessageMapping", violations);
            }
            return new MessageMapping(this);
        }

        private static boolean blank(String column) {
            return Objects.requireNonNullElse(column, "").isBlank();
        }
    }
}
