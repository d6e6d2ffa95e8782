package dev.rapport.imports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a CSV file as {@link CsvReader} read it. Immutable.
 *
 * @param line the line of the file the record starts on, counting from 1; a record whose quoted fields hold line
 *        breaks spans several lines, and the next record's line number counts them all
 * @param fields the fields, exactly as in the file once quoting is undone: spaces kept, quotes unescaped, line
 *        breaks inside quoted fields kept as they were ({@code \r\n}, {@code \n} or {@code \r}); never empty
 * @param problem what in the record breaks RFC 4180, if anything; the fields are then as far as they could be
 *        read, and should not be trusted
 */
public record CsvRecord(long line, List<String> fields, Optional<String> problem) {

    /**
     * Copies the fields.
     *
     * @param line the line of the file the record starts on, counting from 1; a record whose quoted fields hold line
     *        breaks spans several lines, and the next record's line number counts them all
     * @param fields the fields, exactly as in the file once quoting is undone: spaces kept, quotes unescaped, line
     *        breaks inside quoted fields kept as they were ({@code \r\n}, {@code \n} or {@code \r}); never empty
     * @param problem what in the record breaks RFC 4180, if anything; the fields are then as far as they could be read,
     *        and should not be trusted
     */
    public CsvRecord {
        fields = List.copyOf(fields);
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * Whether the record was read without breaking RFC 4180.
     *
     * @return {@code true} if the record breaks no rule of RFC 4180, so its fields can be trusted
     */
    public boolean isWellFormed() {
        return problem.isEmpty();
    }

    /**
     * How many fields the record has.
     *
     * @return the number of fields, at least 1
     */
    public int size() {
        return fields.size();
    }

    /**
     * The field at a position, counting from 0.
     *
     * @param index the position, from 0 to {@link #size()} minus 1
     * @return the field's text as in the file once quoting is undone
     */
    public String field(int index) {
        return fields.get(index);
    }
}
