package dev.rapport.jdbc;

import java.sql.Connection;

/**
 * Tells whether {@link PgCopy} may be used on a connection: only when pgjdbc is on the adapter's class path (it is an
 * optional dependency) and the connection is, or wraps, a pgjdbc connection. Kept apart from {@link PgCopy} so that
 * asking never loads the driver's classes when they are missing. Thread-safe.
 */
final class PgCopyGate {

    private static final boolean DRIVER_PRESENT = driverPresent();

    private PgCopyGate() {
    }

    private static boolean driverPresent() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgCopyGate.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether COPY through pgjdbc's API can be used on the connection. */
    static boolean usable(Connection connection) {
        return DRIVER_PRESENT && PgCopy.supports(connection);
    }
}
