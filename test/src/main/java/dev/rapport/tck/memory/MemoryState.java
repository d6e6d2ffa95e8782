package dev.rapport.tck.memory;

import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The shared state of the in-memory adapter: one lock that serialises every call and transaction, and an undo log
 * per transaction so that a rollback restores exactly what was there.
 */
final class MemoryState implements Transactions {

    /**
     * The order of ids where times tie: unsigned, byte by byte, as PostgreSQL and H2 order UUID columns (and as their
     * canonical text sorts), not {@link UUID#compareTo}, which compares signed halves. So pages come in the same order
     * from this adapter as from a database.
     */
    static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();
    final Clock clock;
    private Instant lastStoreTime = Instant.MIN;

    MemoryState(Clock clock) {
        this.clock = clock;
    }

    /**
     * The store's own time for a write or a reader: the clock's instant at the microsecond, never before one this
     * method returned already, so that what is written after a reader asked the time is never dated before it (even
     * if the clock steps back). Call under the lock.
     */
    Instant storeTime() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (now.isBefore(lastStoreTime)) {
            now = lastStoreTime;
        }
        lastStoreTime = now;
        return now;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get(); // join the running transaction
        }
        lock.lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        undoLog.set(undo);
        try {
            return work.get();
        } catch (Throwable e) {
            // Throwable, not just unchecked ones: work written in other JVM languages, or with a "sneaky throw",
            // can throw checked exceptions through a Supplier, and the contract rolls back on any exception.
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            undoLog.remove();
            lock.unlock();
        }
    }

    /** Runs one repository call under the lock. */
    <T> T locked(Supplier<T> call) {
        lock.lock();
        try {
            return call.get();
        } finally {
            lock.unlock();
        }
    }

    /** Puts a value, remembering how to undo it if a transaction runs. Call under the lock. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        V old = map.put(key, value);
        Deque<Runnable> undo = undoLog.get();
        if (undo != null) {
            undo.push(() -> {
                if (old == null) {
                    map.remove(key);
                } else {
                    map.put(key, old);
                }
            });
        }
    }

    /** Removes a key, remembering how to undo it if a transaction runs. Call under the lock. */
    <K, V> void remove(Map<K, V> map, K key) {
        V old = map.remove(key);
        Deque<Runnable> undo = undoLog.get();
        if (undo != null && old != null) {
            undo.push(() -> map.put(key, old));
        }
    }

    /**
     * Adds a value to the list kept under a key of a secondary index, copy-on-write so that the undo log restores
     * the list as it was. Call under the lock.
     */
    <K, V> void addToIndex(Map<K, List<V>> index, K key, V value) {
        List<V> current = index.getOrDefault(key, List.of());
        List<V> next = new java.util.ArrayList<>(current.size() + 1);
        next.addAll(current);
        next.add(value);
        put(index, key, List.copyOf(next));
    }

    /** The matching values in order, sliced to a page. Call under the lock. */
    static <T> Page<T> page(Iterable<T> values, Predicate<? super T> filter, Comparator<? super T> order,
            PageRequest request) {
        List<T> matching = new java.util.ArrayList<>();
        for (T value : values) {
            if (filter.test(value)) {
                matching.add(value);
            }
        }
        matching.sort(order);
        return Page.slice(matching, request);
    }
}
