package dev.rapport.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's {@code COPY ... FROM STDIN} through pgjdbc's copy API. The only class of the adapter that refers to
 * the driver's own types; it is used only after {@link PgCopyGate} found the driver on the class path. Stateless
 * and thread-safe.
 */
final class PgCopy {

    private PgCopy() {
    }

    /** Whether the connection is, or wraps, a pgjdbc connection whose copy API can be used. */
    static boolean supports(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs a {@code COPY ... FROM STDIN} statement with the given data on the connection, in its running transaction.
     *
     * @return how many rows the server stored
     */
    static long copyIn(Connection connection, String sql, byte[] data, int length) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(data, 0, length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
