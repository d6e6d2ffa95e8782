package dev.rapport.benchmarks;

import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.internal.DefaultValidation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
 * The cost of one routing decision with 1,000, 10,000 and 100,000 agents: the router's indexed decision
 * ({@link Router#preview}, which validates the request, walks the index and builds the explanation), the naive
 * linear scan over every agent, and request validation alone (the fixed part of both). The setup checks that both
 * routers choose the same agent for every request, so the comparison is like for like.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingBenchmark {

    static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
    static final int REQUESTS = 1_024;

    /** How many agents the router knows. */
    @Param({"1000", "10000", "100000"})
    public int agents;

    private Router router;
    private NaiveRouter naive;
    private CommandValidator validator;
    private RoutingRequest[] requests;
    private int next;

    /** Stores the agents, builds both routers and checks they agree. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InMemoryStorage storage = new InMemoryStorage(clock);
        List<Agent> population = AgentPopulation.agents(agents, 42, NOW);
        population.forEach(storage.agents()::insert);
        validator = new CommandValidator(DefaultValidation.validator(Clock.systemUTC()));
        RoutingPolicy config = RoutingPolicy.defaults();
        router = new Router(EngineRuntime.direct(storage, clock, validator.validator(),
                EventPublisher.NONE), config);
        naive = new NaiveRouter(population, config.strategy(), config.channelCosts(), validator);
        requests = AgentPopulation.requests(REQUESTS, 7).toArray(RoutingRequest[]::new);
        for (RoutingRequest request : requests) {
            Optional<AgentId> indexed = router.preview(request).agentId();
            Optional<AgentId> scanned = naive.decide(request);
            if (!indexed.equals(scanned)) {
                throw new IllegalStateException("the index chose " + indexed + " and the scan " + scanned
                        + " for case " + request.caseId());
            }
        }
    }

    private RoutingRequest nextRequest() {
        RoutingRequest request = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        return request;
    }

    /** One decision through the router's index. */
    @Benchmark
    public RoutingDecision indexed() {
        return router.preview(nextRequest());
    }

    /** One decision by scanning every agent. */
    @Benchmark
    public Optional<AgentId> naiveLinearScan() {
        return naive.decide(nextRequest());
    }

    /** Validating one request: the fixed cost inside both decisions. */
    @Benchmark
    public RoutingRequest validationOnly() {
        return validator.check(nextRequest());
    }
}
