package dev.rapport.jdbc;

import dev.rapport.spi.field.FieldKind;
import dev.rapport.spi.field.FieldValue;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The tags and custom field values of one kind of owner (cases or customers) in their child tables
 * ({@code <owner>_tag}, {@code <owner>_field}): written beside the owner's row in its transaction, read for a list of
 * owners in one query per 500 owners. Thread-safe.
 */
final class JdbcTagsAndFields {

    /** An owner's tags and field values. */
    record Values(Set<String> tags, Map<String, FieldValue> fields) {
        static final Values NONE = new Values(Set.of(), Map.of());
    }

    private final String tags;
    private final String fields;
    private final String owner;

    /**
     * @param names the table names
     * @param ownerTable {@code case} or {@code customer}, the prefix of the child tables
     * @param ownerColumn the column naming the owner, {@code case_id} or {@code customer_id}
     */
    JdbcTagsAndFields(Names names, String ownerTable, String ownerColumn) {
        this.tags = names.of(ownerTable + "_tag");
        this.fields = names.of(ownerTable + "_field");
        this.owner = ownerColumn;
    }

    /** The tag table's qualified name. */
    String tagTable() {
        return tags;
    }

    /** The field table's qualified name. */
    String fieldTable() {
        return fields;
    }

    /** Writes an owner's values; with {@code replace}, removes its earlier ones first. */
    void write(Connection c, UUID id, Set<String> tagValues, Map<String, FieldValue> fieldValues, boolean replace)
            throws SQLException {
        if (replace) {
            try (Stmt st = new Stmt(c, "DELETE FROM " + tags + " WHERE " + owner + " = ?")) {
                st.uuid(id).update();
            }
            try (Stmt st = new Stmt(c, "DELETE FROM " + fields + " WHERE " + owner + " = ?")) {
                st.uuid(id).update();
            }
        }
        if (!tagValues.isEmpty()) {
            try (Stmt st = new Stmt(c, "INSERT INTO " + tags + " (" + owner + ", tag) VALUES (?, ?)")) {
                for (String tag : new TreeSet<>(tagValues)) {
                    st.uuid(id).text(tag);
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
        }
        if (!fieldValues.isEmpty()) {
            try (Stmt st = new Stmt(c, "INSERT INTO " + fields + " (" + owner + ", name, kind, field_value)"
                    + " VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, FieldValue> e : new TreeMap<>(fieldValues).entrySet()) {
                    st.uuid(id).text(e.getKey()).text(e.getValue().kind().name()).text(e.getValue().text());
                    st.addBatch();
                }
                st.statement().executeBatch();
            }
        }
    }

    /** The values of the owners, by owner id; owners without any are left out. */
    Map<UUID, Values> read(Connection c, List<UUID> ids) throws SQLException {
        return read(c, ids, null, null);
    }

    /**
     * The rows of one more child table of the owners, read in the same query as their tags and fields (see
     * {@link #read(Connection, List, String, ExtraRows)}).
     */
    @FunctionalInterface
    interface ExtraRows {
        /**
         * Takes one row of the extra branch.
         *
         * @param row the row: columns {@code owner}, {@code pos}, {@code a}, {@code b}, {@code c}, {@code p},
         *        {@code v}
         * @throws SQLException if a column cannot be read
         */
        void accept(Stmt.Row row) throws SQLException;
    }

    /**
     * The values of the owners, by owner id (owners without any are left out), and, when {@code extraBranch} is
     * given, the rows of one more child table of theirs, all in one query per 500 owners (a {@code UNION ALL}), so
     * that reading one owner with its children takes one round trip besides its own row.
     *
     * @param extraBranch null, or a {@code SELECT} of the columns {@code owner} (the owner's id), {@code part} (the
     *        literal 0), {@code pos} (an integer), {@code a}, {@code b}, {@code c} (text), {@code p}, {@code v}
     *        (booleans), ending in {@code IN (%s)}, where the owners' parameter marks go; its rows reach
     *        {@code extra} ordered by owner, then {@code pos}, then {@code a}
     * @param extra takes the extra branch's rows; null when there is none
     */
    Map<UUID, Values> read(Connection c, List<UUID> ids, String extraBranch, ExtraRows extra) throws SQLException {
        Children children = new Children(extra);
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
        for (List<UUID> part : Db.chunks(distinct)) {
            try (Stmt st = new Stmt(c, sql(Stmt.marks(part.size()), extraBranch))) {
                bind(st, part, extraBranch != null);
                st.list(r -> {
                    children.accept(r);
                    return null;
                });
            }
        }
        return children.values(distinct);
    }

    /**
     * One owner's row, mapped, and its values; what {@link #readOne} read.
     *
     * @param <T> what the owner's row maps to
     * @param owner the owner's row, empty if no owner has the id
     * @param values the owner's tags and field values, {@link Values#NONE} when it has none or does not exist
     */
    record One<T>(Optional<T> owner, Values values) {
    }

    /**
     * One owner's row and its values (and, with {@code extraBranch}, the rows of one more child table, as in
     * {@link #read(Connection, List, String, ExtraRows)}), by id. With {@code joined} (for PostgreSQL, where it saves
     * a round trip) in one statement: the owner's row joined to its children's rows, one row per child with the
     * owner's columns repeated, or, without children, one row whose child columns are null; the owner and its
     * children then share one snapshot. Otherwise (for H2, where a round trip costs nothing and H2 spends more on
     * the join than on two plain statements) the owner's row first and its children only when it exists.
     *
     * @param ownerColumns the owner's columns, unqualified, as its row mapper reads them; none may be named
     *        {@code owner}, {@code part}, {@code pos}, {@code a}, {@code b}, {@code c}, {@code p} or {@code v}
     * @param ownerTable the owner's (qualified) table, whose key column is {@code id}
     * @param ownerRow maps the owner's row
     * @param extra takes the extra branch's rows; null when there is none
     */
    <T> One<T> readOne(Connection c, boolean joined, String ownerColumns, String ownerTable, UUID id,
            Stmt.RowMapper<T> ownerRow, String extraBranch, ExtraRows extra) throws SQLException {
        if (!joined) {
            Optional<T> owner;
            try (Stmt st = new Stmt(c, "SELECT " + ownerColumns + " FROM " + ownerTable + " WHERE id = ?")) {
                owner = st.uuid(id).first(ownerRow);
            }
            if (owner.isEmpty()) {
                return new One<>(owner, Values.NONE);
            }
            return new One<>(owner, read(c, List.of(id), extraBranch, extra).getOrDefault(id, Values.NONE));
        }
        Children children = new Children(extra);
        T owner = null;
        boolean found = false;
        try (Stmt st = new Stmt(c, "SELECT " + ownerColumns + ", ch.owner, ch.part, ch.pos, ch.a, ch.b, ch.c, ch.p,"
                + " ch.v FROM " + ownerTable + " LEFT JOIN (" + branches("?", extraBranch) + ") ch ON TRUE"
                + " WHERE id = ? ORDER BY ch.part, ch.pos, ch.a")) {
            bind(st, List.of(id), extraBranch != null);
            st.uuid(id);
            try (java.sql.ResultSet rs = st.statement().executeQuery()) {
                Stmt.Row row = new Stmt.Row(rs);
                while (rs.next()) {
                    if (!found) {
                        owner = ownerRow.map(row);
                        found = true;
                    }
                    if (row.optBigint("part").isPresent()) {
                        children.accept(row);
                    }
                }
            }
        }
        if (!found) {
            return new One<>(Optional.empty(), Values.NONE);
        }
        return new One<>(Optional.ofNullable(owner), children.values(List.of(id)).getOrDefault(id, Values.NONE));
    }

    /** The children's query for the owners whose parameter marks are given, with the extra branch first if any. */
    private String sql(String marks, String extraBranch) {
        return branches(marks, extraBranch) + " ORDER BY part, owner, pos, a";
    }

    /** The children's query without its order: the branches' {@code UNION ALL}. */
    private String branches(String marks, String extraBranch) {
        return (extraBranch == null ? "" : extraBranch.replace("%s", marks) + " UNION ALL ")
                + "SELECT " + owner + " AS owner, 1 AS part, 0 AS pos, tag AS a, CAST(NULL AS VARCHAR) AS b,"
                + " CAST(NULL AS VARCHAR) AS c, FALSE AS p, FALSE AS v FROM " + tags + " WHERE " + owner
                + " IN (" + marks + ") UNION ALL SELECT " + owner + " AS owner, 2 AS part, 0 AS pos, name AS a,"
                + " kind AS b, field_value AS c, FALSE AS p, FALSE AS v FROM " + fields + " WHERE " + owner
                + " IN (" + marks + ")";
    }

    /** Binds the owners' ids to every branch of the children's query. */
    private static void bind(Stmt st, List<UUID> part, boolean extraBranch) throws SQLException {
        if (extraBranch) {
            st.uuids(part);
        }
        st.uuids(part).uuids(part);
    }

    /** Collects the rows of the children's query. */
    private static final class Children {
        private final ExtraRows extra;
        private final Map<UUID, Set<String>> tagsOf = new HashMap<>();
        private final Map<UUID, Map<String, FieldValue>> fieldsOf = new HashMap<>();

        Children(ExtraRows extra) {
            this.extra = extra;
        }

        void accept(Stmt.Row r) throws SQLException {
            switch (r.integer("part")) {
                case 0 -> extra.accept(r);
                case 1 -> tagsOf.computeIfAbsent(r.uuid("owner"), k -> new LinkedHashSet<>()).add(r.text("a"));
                default -> fieldsOf.computeIfAbsent(r.uuid("owner"), k -> new LinkedHashMap<>())
                        .put(r.text("a"), value(r.text("b"), r.text("c")));
            }
        }

        /** The values of the owners, by owner id; owners without any are left out. */
        Map<UUID, Values> values(List<UUID> owners) {
            Map<UUID, Values> out = new HashMap<>();
            for (UUID id : owners) {
                Set<String> t = tagsOf.getOrDefault(id, Set.of());
                Map<String, FieldValue> f = fieldsOf.getOrDefault(id, Map.of());
                if (!t.isEmpty() || !f.isEmpty()) {
                    out.put(id, new Values(t, f));
                }
            }
            return out;
        }
    }

    /** Every owner id in the list, for callers that map rows to ids. */
    static <T> List<UUID> ids(List<T> rows, java.util.function.Function<T, UUID> id) {
        List<UUID> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            out.add(id.apply(row));
        }
        return out;
    }

    private static FieldValue value(String kind, String text) throws SQLException {
        try {
            return FieldValue.parse(FieldKind.valueOf(kind), text);
        } catch (RuntimeException e) {
            throw new SQLException("a stored field value of kind " + kind + " cannot be read", e);
        }
    }
}
