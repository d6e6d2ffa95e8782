package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingConfig;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import jakarta.validation.Validation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router's agent index costs in heap and build time: for each number of agents (arguments, default 1000,
 * 10000 and 100000, {@link AgentPopulation} seed 42), stores the agents in the in-memory adapter, then measures the
 * live heap after a full collection before and after building a {@link Router} and making its first decision (which
 * builds the index), and the time that takes. Live heap is read through {@link MemoryMXBean} after
 * {@code System.gc()}, so run it with {@code -XX:+UseSerialGC} (a full, stop-the-world collection). The difference
 * is the index and what the router keeps beside it; the stored agents are measured before and not counted. A simple
 * measure, not JMH: one build per size.
 */
public final class AgentIndexFootprint {

    private static final Logger LOG = LoggerFactory.getLogger(AgentIndexFootprint.class);

    private AgentIndexFootprint() {
    }

    /**
     * Runs the measure.
     *
     * @param args numbers of agents
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        CommandValidator validator = new CommandValidator(Validation.buildDefaultValidatorFactory().getValidator());
        Clock clock = Clock.fixed(RoutingBenchmark.NOW, ZoneOffset.UTC);
        RoutingRequest request = AgentPopulation.requests(1, 7).get(0);
        StringBuilder table = new StringBuilder("\nagents\tindex bytes\tbytes per agent\tbuild ms");
        for (int size : sizes) {
            InMemoryStorage storage = new InMemoryStorage(clock);
            List<Agent> population = AgentPopulation.agents(size, 42, RoutingBenchmark.NOW);
            population.forEach(storage.agents()::insert);
            population = null;
            long before = liveHeap();
            long started = System.nanoTime();
            Router router = new Router(storage, clock, EventPublisher.NONE, validator, RoutingConfig.defaults());
            router.preview(request);
            long buildNanos = System.nanoTime() - started;
            long after = liveHeap();
            long bytes = after - before;
            LOG.info("{} agents: index and router {} bytes, {} bytes per agent, built in {} ms", size, bytes,
                    bytes / size, buildNanos / 1_000_000);
            table.append(String.format("%n%d\t%d\t%d\t%d", size, bytes, bytes / size, buildNanos / 1_000_000));
            java.lang.ref.Reference.reachabilityFence(router);
            java.lang.ref.Reference.reachabilityFence(storage);
        }
        LOG.info("Agent index footprint, load average {}:{}", loadAverage(), table);
    }

    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int n = 0; n < 3; n++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
