package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.internal.DefaultValidation;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full routing path in memory, with 1,000, 10,000 and 100,000 agents ({@link AgentPopulation}, seed 42) in the
 * in-memory adapter: per operation a new case is stored, submitted to the {@link Router} (which stores the
 * assignment and re-indexes the agent), and released again (which gives the capacity back and re-reads the agent);
 * work that found nobody is withdrawn, so the queue stays empty. The requests are {@link AgentPopulation}'s (seed 7),
 * in turn. Sampled per operation, for p50 and p99; one thread. The index's own cost is what grows with the agents;
 * storage here is the in-memory adapter, so the path's fixed part is small.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class RoutingMemoryPathBenchmark {

    private static final int REQUESTS = 1_024;

    /** How many agents the router knows. */
    @Param({"1000", "10000", "100000"})
    public int agents;

    private InMemoryStorage storage;
    private Router router;
    private RoutingRequest[] requests;
    private int next;

    /** Stores the agents and builds the router. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(RoutingBenchmark.NOW, ZoneOffset.UTC);
        storage = new InMemoryStorage(clock);
        List<Agent> population = AgentPopulation.agents(agents, 42, RoutingBenchmark.NOW);
        population.forEach(storage.agents()::insert);
        CommandValidator validator = new CommandValidator(DefaultValidation.validator(Clock.systemUTC()));
        router = new Router(EngineRuntime.direct(storage, clock, validator.validator(),
                EventPublisher.NONE), RoutingPolicy.defaults());
        requests = AgentPopulation.requests(REQUESTS, 7).toArray(RoutingRequest[]::new);
    }

    /** Store a case, submit it (storing the assignment), release it. */
    @Benchmark
    public RoutingDecision submitStoreRelease() {
        RoutingRequest template = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        Case stored = storage.cases().insert(Case.builder().id(CaseId.random()).customerId(CustomerId.random())
                .subject("Where is my order").originChannel(template.channel()).priority(template.priority())
                .createdAt(RoutingBenchmark.NOW).updatedAt(RoutingBenchmark.NOW).build());
        RoutingDecision decision = router.submit(RoutingRequest.builder().caseId(stored.id())
                .channel(template.channel()).priority(template.priority())
                .requiredSkills(template.requiredSkills()).language(template.language().orElse(null))
                .team(template.team().orElse(null)).build());
        if (decision.outcome() == RoutingOutcome.ASSIGNED) {
            router.release(stored.id());
        } else {
            router.withdraw(stored.id());
        }
        return decision;
    }
}
