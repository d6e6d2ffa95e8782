package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaves threads running, so that every example ends when its work is done. {@code mvn
 * exec:java} waits for the non-daemon threads a main started, then interrupts the daemon ones and waits 15 seconds
 * for any that linger, so a main that never closes its Rapport hangs there and ends with a warning and a stack
 * trace. Every test class of this module runs under this extension (registered in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, switched on in
 * {@code junit-platform.properties}), and each example's main runs in its {@code *MainTest}; after the class no
 * thread it started may be alive: none of Rapport's ({@code rapport-*}), daemon or not, and no other non-daemon one.
 */
public final class LeavesNoThreadsBehind implements BeforeAllCallback, AfterAllCallback {

    /** Long enough for a stopped thread to finish dying; it only bounds the wait, nothing asserts about time. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LeavesNoThreadsBehind.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", alive());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Set<Thread> before = context.getStore(NAMESPACE).get("before", Set.class);
        assertThat(left(before, GRACE))
                .as("threads %s left running", context.getDisplayName())
                .isEmpty();
    }

    /** Every thread alive now. */
    static Set<Thread> alive() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * The threads started since {@code before} that would keep {@code exec:java} waiting and are still alive after
     * the grace period, described by name.
     */
    static List<String> left(Set<Thread> before, Duration grace) throws InterruptedException {
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                // JUnit's own helpers (the @Timeout watcher) belong to the test run, not to the example
                .filter(thread -> !thread.getName().startsWith("junit-"))
                .filter(thread -> thread.getName().startsWith("rapport-") || !thread.isDaemon())
                .toList();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : started) {
            long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remaining > 0) {
                thread.join(remaining);
            }
        }
        return started.stream()
                .filter(Thread::isAlive)
                .map(thread -> thread.getName() + (thread.isDaemon() ? " (daemon)" : ""))
                .toList();
    }
}
