package dev.rapport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A supervised background worker")
class WorkerLoopTest {

    private static final Duration SHORT = Duration.ofMillis(1);
    private WorkerLoop loop;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.close(Duration.ofSeconds(10));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 seconds");
            }
            Thread.sleep(2);
        }
    }

    @Test
    @DisplayName("waits after failed rounds from the first backoff, doubling up to the longest")
    void backoffDoubles() {
        // given
        WorkerLoop worker = new WorkerLoop("backoff", Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(1), () -> false);

        // when / then
        assertThat(worker.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(worker.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(worker.backoff(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(worker.backoff(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(worker.backoff(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("a round that throws is tried again after a backoff, and the worker keeps running")
    void restartsAfterFailures() throws Exception {
        // given a task whose first three rounds fail, once with an error a library might throw
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        loop = new WorkerLoop("failing", SHORT, SHORT, Duration.ofMillis(4), () -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("first");
            }
            if (call == 2) {
                throw new NoClassDefFoundError("second");
            }
            if (call == 3) {
                throw new java.io.IOException("third");
            }
            succeeded.incrementAndGet();
            return false;
        });

        // when
        loop.start();
        await(() -> succeeded.get() >= 3);

        // then
        assertThat(calls.get()).isGreaterThanOrEqualTo(6);
        assertThat(loop.isRunning()).isTrue();
        assertThat(loop.consecutiveFailures()).isZero();
    }

    @Test
    @DisplayName("an interrupt that close() did not cause does not stop the worker")
    void survivesStrayInterrupts() throws Exception {
        // given a running worker
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop("interrupted", SHORT, SHORT, SHORT, () -> {
            thread.set(Thread.currentThread());
            rounds.incrementAndGet();
            return false;
        });
        loop.start();
        await(() -> thread.get() != null);

        // when its thread is interrupted again and again
        for (int i = 0; i < 20; i++) {
            thread.get().interrupt();
            Thread.sleep(1);
        }
        int before = rounds.get();

        // then it goes on with fresh rounds
        await(() -> rounds.get() >= before + 5);
        assertThat(loop.isRunning()).isTrue();
        assertThat(thread.get().isAlive()).isTrue();
    }

    @Test
    @DisplayName("wake() runs the next round at once instead of after the interval")
    void wakeRunsARoundNow() throws Exception {
        // given a worker that waits an hour between rounds, after its first round
        AtomicInteger rounds = new AtomicInteger();
        loop = new WorkerLoop("woken", Duration.ofHours(1), SHORT, SHORT, () -> {
            rounds.incrementAndGet();
            return false;
        });
        loop.start();
        await(() -> rounds.get() == 1);

        // when
        loop.wake();

        // then
        await(() -> rounds.get() == 2);
    }

    @Test
    @DisplayName("close() lets the round in flight finish, then runs the stop hook on the worker's thread")
    void closeFinishesTheRound() throws Exception {
        // given a round in flight
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<String> stoppedOn = new AtomicReference<>();
        loop = new WorkerLoop("graceful", SHORT, SHORT, SHORT, new WorkerLoop.Task() {
            @Override
            public boolean runRound() throws Exception {
                entered.countDown();
                release.await();
                finished.incrementAndGet();
                return true;
            }

            @Override
            public void stopped() {
                stoppedOn.set(Thread.currentThread().getName());
            }
        });
        loop.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // when close is asked while the round runs, and the round then ends
        loop.stop();
        release.countDown();
        boolean inTime = loop.close(Duration.ofSeconds(30));

        // then
        assertThat(inTime).isTrue();
        assertThat(finished.get()).isEqualTo(1);
        assertThat(stoppedOn.get()).startsWith("rapport-graceful-");
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    @DisplayName("close() returns after its timeout when a round hangs, and interrupts it")
    void closeIsBounded() throws Exception {
        // given a round that hangs until interrupted
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        loop = new WorkerLoop("hanging", SHORT, SHORT, SHORT, () -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return false;
        });
        loop.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        // when
        boolean inTime = loop.close(Duration.ofMillis(50));

        // then close gave up waiting and interrupted the round
        assertThat(inTime).isFalse();
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("close() is safe without start() and when called twice")
    void closeIsIdempotent() {
        // given
        WorkerLoop unstarted = new WorkerLoop("unstarted", SHORT, SHORT, SHORT, () -> false);

        // when / then
        assertThat(unstarted.close(Duration.ofMillis(1))).isTrue();
        assertThat(unstarted.close(Duration.ofMillis(1))).isTrue();
        assertThat(unstarted.isRunning()).isFalse();
    }
}
