package dev.rapport.spi;

/**
 * Thrown by a storage adapter when the store itself fails (connection lost, disk full, a constraint the adapter
 * could not map to a typed exception). The unit of work it happened in is rolled back.
 */
public class StorageException extends RapportException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the store's own error as cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception without a cause. */
    public StorageException(String message) {
        super(message);
    }
}
