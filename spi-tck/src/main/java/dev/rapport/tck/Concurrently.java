package dev.rapport.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the same task on several threads released at the same instant; used by the contract's concurrency tests. */
final class Concurrently {

    /** How long all threads together may take before the test fails instead of hanging. */
    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    /** A task run by one of the threads, given its number from 0. */
    @FunctionalInterface
    interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    /**
     * Starts {@code threads} threads, releases them together and returns each one's result in thread order. A
     * failure in any thread fails the caller with that failure; threads still running after a minute fail it too.
     */
    static <T> List<T> inParallel(int threads, ThreadTask<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                Callable<T> gated = () -> {
                    ready.countDown();
                    start.await();
                    return task.run(thread);
                };
                futures.add(pool.submit(gated));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the threads did not start within " + TIMEOUT_SECONDS + " s");
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            sneakyThrow(e.getCause());
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError("the threads did not finish within " + TIMEOUT_SECONDS + " s (a deadlock?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the threads", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Throws any throwable, checked ones included, without declaring it. */
    static void sneakyThrow(Throwable throwable) {
        Concurrently.<RuntimeException>throwAs(throwable);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwAs(Throwable throwable) throws E {
        throw (E) throwable;
    }
}
