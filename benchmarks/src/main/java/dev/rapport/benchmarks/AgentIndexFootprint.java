package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentChange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.internal.DefaultValidation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router's agent index costs in heap and build time: for each number of agents (arguments, default 1000,
 * 10000 and 100000, {@link AgentPopulation} seed 42), stores the agents in the in-memory adapter, then measures the
 * live heap after a full collection before and after building a {@link Router} and making its first decision (which
 * builds the index), and the time that takes. Live heap is read through {@link MemoryMXBean} after
 * {@code System.gc()}, so run it with {@code -XX:+UseSerialGC} (a full, stop-the-world collection). The difference
 * is the index and what the router keeps beside it; the stored agents are measured before and not counted. Beside
 * the wall-clock time it reports the building thread's CPU time (on a loaded machine the wall clock mostly measures
 * the wait for a core), and the CPU time of walking the adapter's change feed alone, page by page as the router
 * does, without indexing: the rest of the build is the index's. A build of 1,000 agents runs first, unrecorded, to
 * load and warm the classes. Below 100,000 agents it builds several routers over the same agents (as many as make
 * 100,000 agents, at most 20) and reports the mean, so that the few hundred kilobytes that vary from one
 * measurement to the next do not swamp the figure per agent. A simple measure, not JMH.
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
        CommandValidator validator = new CommandValidator(DefaultValidation.validator(Clock.systemUTC()));
        Clock clock = Clock.fixed(RoutingBenchmark.NOW, ZoneOffset.UTC);
        RoutingRequest request = AgentPopulation.requests(1, 7).get(0);
        StringBuilder table = new StringBuilder(
                "\nagents\tindex bytes\tbytes per agent\tbuild ms\tbuild cpu ms\tfeed cpu ms");
        measure(1_000, validator, clock, request);
        for (int size : sizes) {
            table.append(measure(size, validator, clock, request));
        }
        LOG.info("Agent index footprint, load average {}:{}", loadAverage(), table);
    }

    private static String measure(int size, CommandValidator validator, Clock clock, RoutingRequest request) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        InMemoryStorage storage = new InMemoryStorage(clock);
        List<Agent> population = AgentPopulation.agents(size, 42, RoutingBenchmark.NOW);
        population.forEach(storage.agents()::insert);
        population = null;
        long feedCpu = threads.getCurrentThreadCpuTime();
        int read = walkFeed(storage);
        feedCpu = threads.getCurrentThreadCpuTime() - feedCpu;
        int copies = Math.min(20, Math.max(1, 100_000 / size));
        Router[] routers = new Router[copies];
        long before = liveHeap();
        long started = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < copies; i++) {
            routers[i] = new Router(EngineRuntime.direct(storage, clock, validator.validator(),
                    EventPublisher.NONE), RoutingPolicy.defaults());
            routers[i].preview(request);
        }
        cpu = (threads.getCurrentThreadCpuTime() - cpu) / copies;
        long buildNanos = (System.nanoTime() - started) / copies;
        long after = liveHeap();
        long bytes = (after - before) / copies;
        LOG.info("{} agents: index and router {} bytes, {} bytes per agent, built in {} ms ({} ms CPU; the feed "
                + "of {} alone {} ms CPU); mean of {} routers", size, bytes, bytes / size, buildNanos / 1_000_000,
                cpu / 1_000_000, read, feedCpu / 1_000_000, copies);
        java.lang.ref.Reference.reachabilityFence(routers);
        java.lang.ref.Reference.reachabilityFence(storage);
        return String.format("%n%d\t%d\t%d\t%d\t%d\t%d", size, bytes, bytes / size, buildNanos / 1_000_000,
                cpu / 1_000_000, feedCpu / 1_000_000);
    }

    /** Reads the change feed from its beginning to its end as the router does, without indexing; returns the count. */
    private static int walkFeed(InMemoryStorage storage) {
        int read = 0;
        Instant at = Instant.parse("0001-01-01T00:00:00Z");
        Optional<AgentId> after = Optional.empty();
        while (true) {
            List<AgentChange> changes = storage.agents().changedSince(at, after, PageRequest.MAX_LIMIT);
            read += changes.size();
            if (!changes.isEmpty()) {
                AgentChange last = changes.get(changes.size() - 1);
                at = last.writtenAt();
                after = Optional.of(last.agent().id());
            }
            if (changes.size() < PageRequest.MAX_LIMIT) {
                return read;
            }
        }
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
