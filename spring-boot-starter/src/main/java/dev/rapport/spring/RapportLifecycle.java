package dev.rapport.spring;

import dev.rapport.Rapport;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Binds a Rapport's background workers to the application context: {@link Rapport#start()} when the context has
 * started its beans, {@link Rapport#close()} when it stops (which returns within twice
 * {@code rapport.shutdown-timeout}). It runs in phase {@link #PHASE}, before the embedded web server: the workers
 * run before the first request arrives and stop only after the server stopped taking requests. A Rapport cannot be
 * started again once closed, so a context stopped and started again leaves the workers stopped.
 */
public final class RapportLifecycle implements SmartLifecycle {

    /**
     * The lifecycle phase: {@link SmartLifecycle#DEFAULT_PHASE} less 2048, which starts before and stops after the
     * web server's graceful shutdown (default phase less 1024).
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final Rapport rapport;
    private final boolean autoStartup;
    private volatile boolean running;

    /**
     * A lifecycle for the given Rapport.
     *
     * @param rapport the Rapport whose workers to run
     * @param autoStartup whether the context starts them on its own ({@code rapport.auto-startup})
     */
    public RapportLifecycle(Rapport rapport, boolean autoStartup) {
        this.rapport = Objects.requireNonNull(rapport, "rapport");
        this.autoStartup = autoStartup;
    }

    @Override
    public void start() {
        rapport.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        rapport.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
