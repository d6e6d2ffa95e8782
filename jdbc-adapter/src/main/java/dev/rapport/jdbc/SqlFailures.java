package dev.rapport.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entity and the field of an SQL failure, for {@link dev.rapport.spi.StorageException#entity()} and
 * {@link dev.rapport.spi.StorageException#field()}: the entity from the table of the failing statement (or the one
 * the database names), the field from the column the database names (H2 and PostgreSQL name it for a value too long
 * on H2, a null, a key, a foreign key), from a check constraint's column in the catalog, or, when the database names
 * none (PostgreSQL's value too long, NUL in text), from the statement's parameter whose value cannot be held. Reads
 * the database's messages only to find names; their values are never kept. Stateless; thread-safe.
 */
final class SqlFailures {

    /** Where a failure happened; either part may be null when unknown. */
    record Location(String entity, String field) {
        static final Location UNKNOWN = new Location(null, null);
    }

    /**
     * What the adapter knows of the statement that failed: its SQL and, per parameter (from 1), the longest text
     * bound to it and whether a bound text held NUL. Kept without the values themselves.
     */
    record Statement(String sql, Map<Integer, Integer> textLengths, List<Integer> nulParameters) {
    }

    /**
     * Table base names (without the prefix) and the entity each holds, longest first so that a suffix match finds
     * the right one; a table not listed is named after its base name in upper camel case.
     */
    private static final List<Map.Entry<String, String>> TABLES = List.of(
            Map.entry("complaint_improvement", "ImprovementItem"),
            Map.entry("complaint_ref_counter", "ComplaintReference"),
            Map.entry("complaint_root_cause", "Complaint"),
            Map.entry("automation_firing", "AutomationFiring"),
            Map.entry("customer_identity", "Customer"),
            Map.entry("customer_health", "HealthStanding"),
            Map.entry("complaint_audit", "ComplaintAudit"),
            Map.entry("routing_holding", "Holding"),
            Map.entry("outbox_sequence", "OutboxEvent"),
            Map.entry("customer_field", "Customer"),
            Map.entry("customer_merge", "CustomerMerge"),
            Map.entry("survey_answer", "SurveyAnswer"),
            Map.entry("customer_tag", "Customer"),
            Map.entry("support_case", "Case"),
            Map.entry("routing_work", "WaitingWork"),
            Map.entry("interaction", "Interaction"),
            Map.entry("case_field", "Case"),
            Map.entry("follow_up", "FollowUp"),
            Map.entry("complaint", "Complaint"),
            Map.entry("case_tag", "Case"),
            Map.entry("customer", "Customer"),
            Map.entry("feedback", "Feedback"),
            Map.entry("template", "Template"),
            Map.entry("outbox", "OutboxEvent"),
            Map.entry("agent", "Agent"));

    private static final Pattern WRITTEN_TABLE = Pattern.compile(
            "(?is)^\\s*(?:WITH\\b.*?\\)\\s*)?(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+([\\w.\"]+)");
    private static final Pattern READ_TABLE = Pattern.compile("(?i)\\bFROM\\s+([\\w.\"]+)");
    private static final Pattern NAMED_COLUMN = Pattern.compile("(?i)\\bcolumn \"([\\w]+)");
    private static final Pattern PG_RELATION = Pattern.compile("(?i)\\brelation \"([\\w]+)\"");
    private static final Pattern PG_KEY = Pattern.compile("(?i)\\bKey \\(([^)]*)\\)=");
    private static final Pattern H2_KEY = Pattern.compile("(?i)\\bON\\s+([\\w.\"]+)\\(([^)]*)\\)");
    private static final Pattern H2_FOREIGN_KEY = Pattern.compile("(?i)\\b([\\w.\"]+)\\s+FOREIGN KEY\\(([^)]*)\\)");
    private static final Pattern CHECK = Pattern.compile(
            "(?i)(?:check constraint \"([\\w]+)\"|Check constraint violation: \"([\\w]+))");
    private static final Pattern TOO_LONG = Pattern.compile("(?i)character varying\\((\\d+)\\)");
    private static final Pattern INSERT = Pattern.compile(
            "(?is)^\\s*INSERT\\s+INTO\\s+[\\w.\"]+\\s*\\(([^)]*)\\)\\s*VALUES\\s*\\(");
    private static final Pattern UPDATE = Pattern.compile("(?is)^\\s*UPDATE\\s+[\\w.\"]+(?:\\s+\\w+)?\\s+SET\\s+");

    /** What the database's catalog tells about its tables, to tell which column a failure concerns. */
    interface Catalog {
        /**
         * The columns of a named check constraint.
         *
         * @param constraint the constraint's name as the database gave it
         * @return its columns; empty if unknown
         */
        List<String> checkColumns(String constraint);

        /**
         * The declared maximum length of a text column.
         *
         * @param table the table as the statement names it
         * @param column the column
         * @return its maximum length, or -1 if unknown
         */
        int maxLength(String table, String column);
    }

    private SqlFailures() {
    }

    /**
     * Locates a failure.
     *
     * @param e the database's error
     * @param statement the failing statement, if known; may be null
     * @param catalog the database's catalog; may be null when no connection is at hand
     * @return the entity and field, each null when unknown
     */
    static Location locate(SQLException e, Statement statement, Catalog catalog) {
        try {
            String message = messages(e);
            String entity = statement == null ? null : entity(table(statement.sql()));
            if (entity == null) {
                Matcher relation = PG_RELATION.matcher(message);
                Matcher key = H2_KEY.matcher(message);
                if (relation.find()) {
                    entity = entity(relation.group(1));
                } else if (key.find()) {
                    entity = entity(key.group(1));
                }
            }
            return new Location(entity, field(e.getSQLState(), message, statement, catalog));
        } catch (RuntimeException unexpected) {
            // locating is a courtesy: a message in an unexpected form must not hide the failure itself
            return Location.UNKNOWN;
        }
    }

    /** The entity of an instant that no timestamp holds, bound as the given parameter of the statement. */
    static Location ofParameter(String sql, int parameter) {
        return new Location(entity(table(sql)), column(sql, parameter).map(SqlFailures::field).orElse(null));
    }

    private static String field(String state, String message, Statement statement, Catalog catalog) {
        Matcher named = NAMED_COLUMN.matcher(message);
        if (named.find()) {
            return field(named.group(1));
        }
        Matcher foreign = H2_FOREIGN_KEY.matcher(message);
        if (foreign.find()) {
            return fields(foreign.group(2));
        }
        Matcher pgKey = PG_KEY.matcher(message);
        if (pgKey.find()) {
            return fields(pgKey.group(1));
        }
        if (state != null && state.startsWith("23")) {
            Matcher h2Key = H2_KEY.matcher(message);
            if (h2Key.find()) {
                return fields(h2Key.group(2));
            }
        }
        Matcher check = CHECK.matcher(message);
        if (check.find() && catalog != null) {
            String constraint = check.group(1) != null ? check.group(1) : check.group(2);
            List<String> columns = catalog.checkColumns(constraint);
            if (columns != null && !columns.isEmpty()) {
                return fields(String.join(",", columns));
            }
        }
        if (statement == null) {
            return null;
        }
        Matcher tooLong = TOO_LONG.matcher(message);
        if ("22001".equals(state) && tooLong.find()) {
            int limit = Integer.parseInt(tooLong.group(1));
            List<String> candidates = new ArrayList<>();
            for (Map.Entry<Integer, Integer> bound : statement.textLengths().entrySet()) {
                if (bound.getValue() > limit) {
                    column(statement.sql(), bound.getKey()).ifPresent(candidates::add);
                }
            }
            if (candidates.size() > 1 && catalog != null) {
                String table = table(statement.sql());
                candidates.removeIf(column -> catalog.maxLength(table, column) != limit);
            }
            // several columns may be too long for that limit: name one only when the catalog tells which
            return candidates.size() == 1 ? field(candidates.get(0)) : null;
        }
        if ("22021".equals(state) && !statement.nulParameters().isEmpty()) {
            return column(statement.sql(), statement.nulParameters().get(0)).map(SqlFailures::field).orElse(null);
        }
        return null;
    }

    /** The table a statement writes, or else the first it reads. */
    static String table(String sql) {
        if (sql == null) {
            return null;
        }
        Matcher written = WRITTEN_TABLE.matcher(sql);
        if (written.find()) {
            return written.group(1);
        }
        Matcher read = READ_TABLE.matcher(sql);
        return read.find() ? read.group(1) : null;
    }

    /** The entity a table (prefixed, maybe schema-qualified or quoted, any case) holds. */
    static String entity(String table) {
        if (table == null) {
            return null;
        }
        String name = table.replace("\"", "").toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('.') + 1);
        for (Map.Entry<String, String> known : TABLES) {
            if (name.equals(known.getKey()) || name.endsWith("_" + known.getKey())
                    || name.endsWith(known.getKey()) && name.length() > known.getKey().length()) {
                return known.getValue();
            }
        }
        return null;
    }

    /**
     * The column a parameter mark (from 1) of an {@code INSERT ... (columns) VALUES (...)} or of the {@code SET}
     * list of an {@code UPDATE} binds; empty for any other mark.
     */
    static Optional<String> column(String sql, int parameter) {
        Matcher insert = INSERT.matcher(sql);
        if (insert.find()) {
            String[] columns = insert.group(1).split(",");
            List<String> values = topLevel(sql.substring(insert.end()), ')');
            int marks = 0;
            for (int i = 0; i < values.size() && i < columns.length; i++) {
                marks += count(values.get(i));
                if (marks >= parameter) {
                    return Optional.of(columns[i].trim());
                }
            }
            return Optional.empty();
        }
        Matcher update = UPDATE.matcher(sql);
        if (update.find()) {
            String rest = sql.substring(update.end());
            Matcher where = Pattern.compile("(?i)\\bWHERE\\b").matcher(rest);
            String set = where.find() ? rest.substring(0, where.start()) : rest;
            int marks = 0;
            for (String assignment : topLevel(set, '\0')) {
                marks += count(assignment);
                int equals = assignment.indexOf('=');
                if (marks >= parameter && equals > 0) {
                    return Optional.of(assignment.substring(0, equals).trim());
                }
            }
        }
        return Optional.empty();
    }

    /** The parts of a list split at commas outside parentheses, up to the closing character at depth zero. */
    private static List<String> topLevel(String text, char end) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0 && c == end) {
                    parts.add(text.substring(from, i));
                    return parts;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int count(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '?') {
                n++;
            }
        }
        return n;
    }

    /** Column names (comma-separated, maybe with H2's {@code NULLS FIRST}) as field names, comma-separated. */
    private static String fields(String columns) {
        List<String> names = new ArrayList<>();
        for (String column : columns.split(",")) {
            String name = column.trim().split("\\s+")[0].replace("\"", "");
            if (!name.isEmpty()) {
                names.add(field(name));
            }
        }
        return names.isEmpty() ? null : String.join(",", names);
    }

    /** A column name as the field name: {@code OCCURRED_AT} and {@code occurred_at} become {@code occurredAt}. */
    static String field(String column) {
        String[] words = column.replace("\"", "").toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) {
                name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
        }
        return name.toString();
    }

    /** The messages of the error and of the errors chained to it. */
    private static String messages(SQLException e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append('\n');
            }
        }
        SQLException next = e.getNextException();
        for (int i = 0; next != null && i < 5; i++, next = next.getNextException()) {
            if (next.getMessage() != null) {
                all.append(next.getMessage()).append('\n');
            }
        }
        return all.toString();
    }
}
