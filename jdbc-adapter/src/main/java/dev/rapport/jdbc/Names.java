package dev.rapport.jdbc;

import java.util.Optional;

/**
 * Table names of one installation: an optional schema and a table prefix, both plain lower-case identifiers that
 * the builder checked, so they are safe to put into SQL text.
 *
 * @param schema the schema, if not the connection's default
 * @param prefix the table prefix
 */
record Names(Optional<String> schema, String prefix) {

    /** The qualified name of a table. */
    String of(String table) {
        return schema.map(s -> s + ".").orElse("") + prefix + table;
    }
}
