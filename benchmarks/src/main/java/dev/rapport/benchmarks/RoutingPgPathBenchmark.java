package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.internal.DefaultValidation;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full routing path on embedded PostgreSQL with 1,000, 10,000 and 100,000 agents, as
 * {@link RoutingMemoryPathBenchmark} runs it in memory: per operation a new case is stored, submitted to the
 * {@link Router} (which queues the work, stores the assignment, the agent's load and the holding, and re-reads the
 * agent into its index), and released again (the capacity given back, the agent re-read); work that found nobody is
 * withdrawn, so the queue stays empty. The same agents ({@link AgentPopulation}, seed 42) and requests (seed 7), one
 * thread, sampled per operation for p50 and p99. Durable by default ({@code fsync=on}, {@code synchronous_commit=on});
 * {@code -p durability=non-durable} for the second column.
 *
 * <p>The agents are stored through the JDBC adapter before the router is built, {@value #AGENTS_PER_TRANSACTION} to a
 * transaction (the adapter has no bulk path for agents; one commit per agent would make 100,000 agents take minutes
 * on durable PostgreSQL); how long that and building the router's index took is logged. Every trial starts a fresh
 * database.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class RoutingPgPathBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPgPathBenchmark.class);
    private static final int REQUESTS = 1_024;
    /** How many agents one transaction stores while setting up. */
    static final int AGENTS_PER_TRANSACTION = 1_000;
    private static final String PREFIX = "bench_";

    /** How many agents the router knows. */
    @Param({"1000", "10000", "100000"})
    public int agents;

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}); see {@link BenchmarkPostgres.Durability}.
     */
    @Param({"durable"})
    public String durability;

    private BenchmarkPostgres postgres;
    private JdbcStorage storage;
    private Router router;
    private Clock clock;
    private RoutingRequest[] requests;
    private int next;
    private final LongAdder assigned = new LongAdder();
    private final LongAdder operations = new LongAdder();

    /** Starts the database, stores the agents and builds the router, logging how long each took. */
    @Setup(Level.Trial)
    public void setUp() {
        long started = System.nanoTime();
        postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
        storage = JdbcStorage.builder().dataSource(postgres.dataSource()).tablePrefix(PREFIX).build();
        long databaseReady = System.nanoTime();
        clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Agent> population = AgentPopulation.agents(agents, 42, now);
        for (int from = 0; from < population.size(); from += AGENTS_PER_TRANSACTION) {
            List<Agent> chunk = population.subList(from, Math.min(population.size(), from + AGENTS_PER_TRANSACTION));
            storage.transactions().inTransaction(() -> {
                chunk.forEach(storage.agents()::insert);
                return null;
            });
        }
        long stored = System.nanoTime();
        UnitOfWork unitOfWork = UnitOfWork.over(storage, EventPublisher.NONE, () -> { });
        router = new Router(new EngineRuntime(storage, clock, DefaultValidation.validator(Clock.systemUTC()),
                unitOfWork), RoutingPolicy.defaults());
        long built = System.nanoTime();
        requests = AgentPopulation.requests(REQUESTS, 7).toArray(RoutingRequest[]::new);
        LOG.info("{} agents on PostgreSQL ({}): database started in {} ms, agents stored in {} ms, router's index "
                + "built in {} ms", agents, postgres.settings(), TimeUnit.NANOSECONDS.toMillis(databaseReady - started),
                TimeUnit.NANOSECONDS.toMillis(stored - databaseReady), TimeUnit.NANOSECONDS.toMillis(built - stored));
    }

    /**
     * Store a case, submit it (storing the assignment), release it; or withdraw it if nobody could take it.
     *
     * @return the routing decision, so that the work is not optimised away
     */
    @Benchmark
    public RoutingDecision submitStoreRelease() {
        RoutingRequest template = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Case stored = storage.cases().insert(Case.builder().id(CaseId.random()).customerId(CustomerId.random())
                .subject("Where is my order").originChannel(template.channel()).priority(template.priority())
                .createdAt(now).updatedAt(now).build());
        RoutingDecision decision = router.submit(RoutingRequest.builder().caseId(stored.id())
                .channel(template.channel()).priority(template.priority())
                .requiredSkills(template.requiredSkills()).language(template.language().orElse(null))
                .team(template.team().orElse(null)).build());
        operations.increment();
        if (decision.outcome() == RoutingOutcome.ASSIGNED) {
            assigned.increment();
            router.release(stored.id());
        } else {
            router.withdraw(stored.id());
        }
        return decision;
    }

    /** Logs how many operations assigned their case, and stops the database. */
    @TearDown(Level.Trial)
    public void stop() {
        try {
            LOG.info("{} agents: {} of {} operations assigned (warm-up and measurement); {} waiting work left",
                    agents, assigned.sum(), operations.sum(), postgres.queryLong("SELECT COUNT(*) FROM " + PREFIX
                            + "routing_work"));
        } finally {
            postgres.close();
        }
    }
}
