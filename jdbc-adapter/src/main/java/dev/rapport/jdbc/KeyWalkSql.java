package dev.rapport.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The statement of one page of a key walk over the rows whose state column holds one of some values, in id order
 * ({@code listByStatusAfter} and the like): for each value, the rows with that value after the last id seen, through
 * an index on (state, id) in that index's order, stopping at the limit; with several values, those short runs merged
 * by id. A single {@code state IN (...) AND id > ? ORDER BY id} is not enough: the index's order is not the id's order
 * across several states, and H2 then reads every row after the key and sorts it, so a page would cost more the
 * earlier it is in the walk. Each run here reads at most {@code limit} index entries, whatever the table's size.
 */
final class KeyWalkSql {

    private final String columns;
    private final String table;
    private final String stateColumn;

    /**
     * The walk over one table.
     *
     * @param columns the columns to read, plain names
     * @param table the table's (prefixed) name
     * @param stateColumn the column the walk filters on, indexed with the id after it
     */
    KeyWalkSql(String columns, String table, String stateColumn) {
        this.columns = columns;
        this.table = table;
        this.stateColumn = stateColumn;
    }

    /** The SQL of a page over the given number of states, after an id or from the first. */
    String sql(int states, boolean after) {
        String run = "SELECT " + columns + " FROM " + table + " WHERE " + stateColumn + " = ?"
                + (after ? " AND id > ?" : "") + " ORDER BY " + stateColumn + ", id LIMIT ?";
        if (states == 1) {
            return run;
        }
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < states; i++) {
            runs.add("(" + run + ")");
        }
        return "SELECT " + columns + " FROM (" + String.join(" UNION ALL ", runs) + ") w ORDER BY id LIMIT ?";
    }

    /** Binds a page's parameters in the order {@link #sql} places their marks. */
    static Stmt bind(Stmt st, List<String> states, Optional<UUID> after, int limit) throws SQLException {
        for (String state : states) {
            st.text(state);
            if (after.isPresent()) {
                st.uuid(after.get());
            }
            st.integer(limit);
        }
        if (states.size() > 1) {
            st.integer(limit);
        }
        return st;
    }

    /**
     * Reads one page of the walk: the rows in any of the states whose id comes after {@code after}, in id order, at
     * most {@code limit}; none for no states.
     *
     * @param db the database
     * @param states the states to include
     * @param after the last id of the previous page; empty for the first page
     * @param limit how many at most, already checked
     * @param rows reads the rows of the bound statement, completing them on the same connection if need be
     * @return the page
     */
    <T> List<T> page(Db db, Set<? extends Enum<?>> states, Optional<UUID> after, int limit, Db.Rows<T> rows) {
        if (states.isEmpty()) {
            return List.of();
        }
        List<String> names = states.stream().map(Enum::name).sorted().toList();
        return db.read(c -> {
            try (Stmt st = new Stmt(c, sql(names.size(), after.isPresent()))) {
                return rows.read(c, bind(st, names, after, limit));
            }
        });
    }
}
