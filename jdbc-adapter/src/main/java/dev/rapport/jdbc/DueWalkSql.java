package dev.rapport.jdbc;

/**
 * The statements of one page of a walk by key over the follow-ups of one status and kind due in a range, in
 * (due time, id) order ({@code FollowUpRepository.listDueBetween}), through the index on {@code (status, due_at, id)}.
 * The first page is one run of the index from the range's start; a later page is two runs, the rest of the last
 * page's due time after its id and the due times after it, each in the index's order and stopping at the limit, then
 * merged. A row comparison {@code (due_at, id) > (?, ?)}, or an {@code OR} of the two conditions, H2 answers by
 * reading every row of the status from the range's start; two runs each read at most {@code limit} index entries
 * that match, so a page costs what its range holds, never what came before it. The kind is checked on the rows the
 * index finds.
 */
final class DueWalkSql {

    private DueWalkSql() {
    }

    /**
     * The SQL of a page.
     *
     * <p>Parameters, first page: status, kind, from, to, limit. Later page: status, kind, the last due time, the
     * last id, limit; status, kind, the last due time, to, limit; limit.
     *
     * @param columns the columns to read, plain names
     * @param table the follow-up table's (prefixed) name
     * @param after whether the page continues after a follow-up
     * @return the statement
     */
    static String sql(String columns, String table, boolean after) {
        String run = "SELECT " + columns + " FROM " + table + " WHERE status = ? AND kind = ? AND due_at %s"
                + " ORDER BY status, due_at, id LIMIT ?";
        if (!after) {
            return run.formatted(">= ? AND due_at < ?");
        }
        return "SELECT " + columns + " FROM ((" + run.formatted("= ? AND id > ?") + ") UNION ALL ("
                + run.formatted("> ? AND due_at < ?") + ")) w ORDER BY due_at, id LIMIT ?";
    }
}
