package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.internal.DefaultValidation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full routing path in memory as {@link RoutingMemoryPathBenchmark} runs it (store a case, submit it, release it
 * or withdraw it), timed per operation in the thread's CPU time rather than the wall clock, for a machine too loaded
 * for JMH's sampled latencies to mean anything: for each number of agents (arguments, default 1000 and 10000),
 * 2,000 operations to warm up, then 4,000 measured; logs p50, p90, p99 and the mean, and how many were assigned
 * (the same for two builds that decide alike). Not JMH; a probe.
 */
public final class RoutingPathCpuProbe {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPathCpuProbe.class);
    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 4_000;

    private RoutingPathCpuProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args numbers of agents
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Instant now = RoutingBenchmark.NOW;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CommandValidator validator = new CommandValidator(DefaultValidation.validator(Clock.systemUTC()));
        List<RoutingRequest> requests = AgentPopulation.requests(1_024, 7);
        for (int size : sizes) {
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            InMemoryStorage storage = new InMemoryStorage(clock);
            AgentPopulation.agents(size, 42, now).forEach(storage.agents()::insert);
            Router router = new Router(EngineRuntime.direct(storage, clock, validator.validator(),
                    EventPublisher.NONE), RoutingPolicy.defaults());
            long[] cpu = new long[MEASURED];
            int assigned = 0;
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                RoutingRequest template = requests.get(i & 1_023);
                long started = threads.getCurrentThreadCpuTime();
                Case stored = storage.cases().insert(Case.builder().id(CaseId.random())
                        .customerId(CustomerId.random()).subject("Where is my order")
                        .originChannel(template.channel()).priority(template.priority()).createdAt(now)
                        .updatedAt(now).build());
                RoutingDecision decision = router.submit(RoutingRequest.builder().caseId(stored.id())
                        .channel(template.channel()).priority(template.priority())
                        .requiredSkills(template.requiredSkills()).language(template.language().orElse(null))
                        .team(template.team().orElse(null)).build());
                boolean wasAssigned = decision.outcome() == RoutingOutcome.ASSIGNED;
                if (wasAssigned) {
                    router.release(stored.id());
                } else {
                    router.withdraw(stored.id());
                }
                if (i >= WARM_UP) {
                    cpu[i - WARM_UP] = threads.getCurrentThreadCpuTime() - started;
                    assigned += wasAssigned ? 1 : 0;
                }
            }
            Arrays.sort(cpu);
            LOG.info("{} agents: CPU per operation p50 {} us, p90 {} us, p99 {} us, mean {} us; {} of {} assigned",
                    size, cpu[MEASURED / 2] / 1_000, cpu[MEASURED * 9 / 10] / 1_000, cpu[MEASURED * 99 / 100] / 1_000,
                    Arrays.stream(cpu).sum() / MEASURED / 1_000, assigned, MEASURED);
        }
    }
}
