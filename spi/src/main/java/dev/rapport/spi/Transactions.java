package dev.rapport.spi;

import java.util.function.Supplier;

/**
 * The unit-of-work port: runs work so that all its writes happen together or not at all.
 *
 * <p>Contract: the work's reads see its own writes. If the work returns normally, its writes are committed
 * before {@code inTransaction} returns; if it throws, every write it made is rolled back and the exception is
 * rethrown unchanged. A call made while a transaction is already running on this thread joins it (the outer call
 * commits or rolls back). A failure to commit is a {@link StorageException}, and nothing was written.
 * Implementations are thread-safe; each thread has its own transaction.
 */
public interface Transactions {

    /**
     * Runs work in a transaction and returns its result.
     *
     * @param work the work; its writes are committed only if it returns normally
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs work without a result in a transaction; see {@link #inTransaction(Supplier)}.
     *
     * @param work the work; its writes are committed only if it returns normally
     */
    default void runInTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
