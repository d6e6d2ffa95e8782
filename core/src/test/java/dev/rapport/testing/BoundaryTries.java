package dev.rapport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets the tries of the storage-boundary properties (every public command under hostile input) from one system
 * property, and counts them. Added to a property class with {@code @AddLifecycleHook(BoundaryTries.class)}.
 *
 * <p>Without the system property {@value #PROPERTY} each property runs the tries its {@code @Property} gives, which
 * keep the default build quick. With {@code -Drapport.tries=10000} every property of such a class runs 10,000 tries
 * (issue 15's proof; see docs/reliability.md for the command and the counts). Either way, each property appends one
 * line to {@code target/tries/<class>.txt} (on a store other than the in-memory one, {@code target/tries/<store>/}):
 * its name, the tries, the checks (tries not rejected by an assumption or filter), the milliseconds it took and its
 * status, so the counts and the cost per try can be read after a run.
 */
public final class BoundaryTries implements AroundPropertyHook {

    /** The system property giving the tries of every boundary property; unset by default. */
    public static final String PROPERTY = "rapport.tries";

    /**
     * The system property fixing jqwik's random seed of every boundary property; unset by default (a new seed each
     * run). The database runs of the default build set it, so that their few tries are the same in every build.
     */
    public static final String SEED_PROPERTY = "rapport.seed";

    /** Where the counts go, relative to the module's directory (surefire's working directory). */
    static final Path COUNTS = Path.of("target", "tries");

    /**
     * Added to a class, the hook applies to every property in it.
     *
     * @return {@link PropagationMode#ALL_DESCENDANTS}
     */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    /**
     * Sets the tries when {@value #PROPERTY} is set and the seed when {@value #SEED_PROPERTY} is, runs the property
     * and records its counts.
     *
     * @param context the property's lifecycle context
     * @param property the property's execution
     * @return the property's result, unchanged
     * @throws Throwable whatever the property's execution throws
     */
    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws Throwable {
        configured().ifPresent(tries -> context.attributes().setTries(tries));
        String seed = System.getProperty(SEED_PROPERTY);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.trim());
        }
        long started = System.nanoTime();
        PropertyExecutionResult result = property.execute();
        long millis = (System.nanoTime() - started) / 1_000_000;
        record(context.containerClass().getSimpleName(), context.targetMethod().getName(), result, millis);
        return result;
    }

    /**
     * The tries the system property asks for, if it is set.
     *
     * @return the tries per property, or empty to keep each property's own
     * @throws IllegalStateException if the property is set but not a positive number
     */
    public static Optional<Integer> configured() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            int tries = Integer.parseInt(value.trim());
            if (tries < 1) {
                throw new NumberFormatException("not positive");
            }
            return Optional.of(tries);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("system property " + PROPERTY + " must be a positive number of tries, was '"
                    + value + "'", e);
        }
    }

    private static synchronized void record(String container, String method, PropertyExecutionResult result,
            long millis) {
        String line = method + " tries=" + result.countTries() + " checks=" + result.countChecks() + " millis="
                + millis + " status=" + result.status() + System.lineSeparator();
        Path counts = TestStores.inMemory() ? COUNTS : COUNTS.resolve(TestStores.name());
        try {
            Files.createDirectories(counts);
            Files.writeString(counts.resolve(container + ".txt"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the tries of " + container + "." + method, e);
        }
    }
}
