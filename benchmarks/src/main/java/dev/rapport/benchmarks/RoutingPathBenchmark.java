package dev.rapport.benchmarks;

import dev.rapport.benchmarks.db.BenchmarkPostgres;
import dev.rapport.benchmarks.db.PooledDataSource;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.jdbc.JdbcStorage;
import dev.rapport.routing.PerNodeRouter;
import dev.rapport.routing.Router;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.routing.RoutingDecision;
import dev.rapport.routing.RoutingExplanation;
import dev.rapport.routing.RoutingOutcome;
import dev.rapport.routing.RoutingRequest;
import dev.rapport.spi.Channel;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.Priority;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.internal.DefaultValidation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import javax.sql.DataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full routing path, per operation: a new case is stored, submitted to the router (and assigned at once: there
 * are always agents with spare capacity), the assignment stored, and the case released again ({@code release(caseId)},
 * as resolving it does). Two contenders: today's {@link Router}, whose waiting work, offers and holdings live in
 * storage shared by every node, and {@link PerNodeRouter}, the previous router that kept them in one node's memory.
 * Each runs on durable embedded PostgreSQL ({@code fsync=on}, {@code synchronous_commit=on}) and on in-process H2
 * (the embedded default), with one node or two (two {@link JdbcStorage} instances on the same database, each with its
 * own connection pool and its own router; the {@value #THREADS} benchmark threads are split evenly across them).
 * {@link #assignmentsPerSecond} measures throughput, {@link #assignmentLatency} samples each operation's time (for
 * p50 and p99).
 *
 * <p>Both routers do the same work an assignment needs: the case gets its assignee and team, the agent its load and
 * last assignment time (with version checks), a {@code CaseAssigned} event goes into the outbox, all in one
 * transaction; the release gives the load back. Every trial first runs {@value #CHECKED_CASES} operations on all
 * threads and nodes, untimed, and fails unless every case was assigned, stored with its agent and one event in the
 * outbox, and every agent's load is back to zero with no routing state left over; the same end state is checked
 * after the measurement, and decisions other than {@code ASSIGNED} during it are counted and logged.
 *
 * <p>Every trial starts a fresh database; {@value #AGENTS} agents, all available, six skills, chat, email and
 * (half of them) phone. Nothing calls the routers' background round ({@code Router.tick()}): each node's agent index
 * learns of another node's changes only when it writes that agent itself, and both routers check every write against
 * the stored versions.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-D" + BenchmarkPostgres.SYNCHRONOUS_COMMIT + "=on",
    "-Dorg.slf4j.simpleLogger.log.io.zonky=warn"})
@Threads(RoutingPathBenchmark.THREADS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 8)
public class RoutingPathBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingPathBenchmark.class);

    /** How many agents there are. */
    static final int AGENTS = 300;
    /** Benchmark threads, split evenly across the nodes. */
    static final int THREADS = 4;
    /** Operations run and checked before measuring. */
    static final int CHECKED_CASES = 200;
    static final String PREFIX = "bench_";
    static final String[] SKILLS = {"billing", "returns", "shipping", "technical", "account", "warranty"};
    private static final CustomerId CUSTOMER = new CustomerId(new UUID(7, 7));
    private static final int TEMPLATES = 256;

    /**
     * How PostgreSQL commits: {@code durable} ({@code fsync=on}, {@code synchronous_commit=on}, the headline) or
     * {@code non-durable} ({@code synchronous_commit=off}, the labelled second setting); see
     * {@link BenchmarkPostgres.Durability}.
     */
    @Param({"durable", "non-durable"})
    public String durability;

    /** Where the state lives: durable embedded PostgreSQL, or in-process H2. */
    @Param({"postgres", "h2"})
    public String database;

    /** Application nodes: storage instances with their own pools and routers on the same database. */
    @Param({"1", "2"})
    public int nodes;

    /** Which router: {@code shared} ({@link Router}) or {@code perNode} ({@link PerNodeRouter}). */
    @Param({"shared", "perNode"})
    public String router;

    private BenchmarkPostgres postgres;
    private final List<PooledDataSource> h2Pools = new ArrayList<>();
    private DataSource checkSource;
    private Node[] cluster;
    private Template[] templates;
    private final AtomicInteger joined = new AtomicInteger();
    private final LongAdder operations = new LongAdder();
    private final LongAdder notAssigned = new LongAdder();
    private final LongAdder nullDecisions = new LongAdder();

    /** Starts the database, stores the agents, builds a router per node and checks the path end to end. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        List<DataSource> sources = new ArrayList<>();
        switch (database) {
            case "postgres" -> {
                postgres = BenchmarkPostgres.start(BenchmarkPostgres.Durability.of(durability));
                sources.add(postgres.dataSource());
                for (int i = 1; i < nodes; i++) {
                    sources.add(postgres.anotherDataSource());
                }
            }
            case "h2" -> {
                String url = "jdbc:h2:mem:routingpath;DB_CLOSE_DELAY=-1";
                for (int i = 0; i < nodes; i++) {
                    PooledDataSource pool = new PooledDataSource(url, "sa", "");
                    h2Pools.add(pool);
                    sources.add(pool);
                }
            }
            default -> throw new IllegalArgumentException("unknown database " + database);
        }
        startOn(sources);
        check();
    }

    /** Stores the agents and builds a node (storage and router) per data source. */
    void startOn(List<DataSource> sources) {
        checkSource = sources.get(0);
        Clock clock = Clock.systemUTC();
        Validator validator = DefaultValidation.validator(Clock.systemUTC());
        List<JdbcStorage> storages = new ArrayList<>();
        for (DataSource source : sources) {
            storages.add(JdbcStorage.builder().dataSource(source).tablePrefix(PREFIX).build());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        agents(AGENTS, 42, now).forEach(storages.get(0).agents()::insert);
        cluster = new Node[nodes];
        for (int i = 0; i < nodes; i++) {
            cluster[i] = new Node(storages.get(i), clock, routerFor(storages.get(i), clock, validator));
        }
        templates = templates(TEMPLATES, 7);
    }

    /** One measured operation on the first node, outside JMH; for {@link RoutingPathStatements}. */
    RoutingDecision operateOnce(int i) {
        return cluster[0].assignAndRelease(templates[i % TEMPLATES], false);
    }

    private PathRouter routerFor(JdbcStorage storage, Clock clock, Validator validator) {
        RoutingPolicy config = RoutingPolicy.defaults();
        switch (router) {
            case "shared" -> {
                // events through the storage's outbox, as the engine's runtime does and the per-node router did
                UnitOfWork unitOfWork = UnitOfWork.over(storage, EventPublisher.NONE, () -> { });
                Router shared = new Router(new EngineRuntime(storage, clock, validator, unitOfWork), config);
                return new PathRouter(shared::submit, shared::release);
            }
            case "perNode" -> {
                PerNodeRouter perNode = new PerNodeRouter(storage, clock, EventPublisher.NONE,
                        new CommandValidator(validator), config);
                return new PathRouter(request -> {
                    RoutingDecision decision = perNode.submit(request);
                    return decision != null ? decision : awaitAssignment(perNode, storage, request, clock);
                }, perNode::release);
            }
            default -> throw new IllegalArgumentException("unknown router " + router);
        }
    }

    /**
     * The per-node router's {@code submit} returns null when another thread of the same router is storing the work
     * at that moment (a known fault, fixed in {@link Router}); the case is assigned a moment later. Releasing it
     * before that would leave the agent's load behind, so this waits until the router no longer holds the work (at
     * most a second), reads the assignment from storage and reports it as the decision; such decisions are counted.
     */
    private RoutingDecision awaitAssignment(PerNodeRouter perNode, JdbcStorage storage, RoutingRequest request,
            Clock clock) {
        nullDecisions.increment();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (perNode.waiting().stream().anyMatch(w -> w.caseId().equals(request.caseId()))
                && System.nanoTime() < giveUp) {
            Thread.yield();
        }
        Optional<AgentId> assignee = storage.cases().get(request.caseId()).assignee();
        RoutingExplanation explanation = new RoutingExplanation(RoutingPolicy.defaults().strategy().name(),
                request.channel(), 0, request.requiredSkills(), Map.of(), request.language(), List.of(), Map.of(), 0,
                List.of(), List.of(), assignee, "submit returned null; read from storage after the router stored it");
        return new RoutingDecision(request.caseId(), assignee.isPresent() ? RoutingOutcome.ASSIGNED
                : RoutingOutcome.WAITING, assignee, Optional.empty(), explanation, clock.instant());
    }

    /**
     * Runs {@value #CHECKED_CASES} operations on every thread and node, as measured, and fails unless every case was
     * assigned and stored with its agent, one event per assignment reached the outbox, and every load is back to zero.
     */
    private void check() throws Exception {
        long eventsBefore = count("outbox");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Node node = cluster[t % cluster.length];
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < CHECKED_CASES; i += THREADS) {
                        RoutingDecision decision = node.assignAndRelease(templates[i % TEMPLATES], true);
                        if (decision.outcome() != RoutingOutcome.ASSIGNED) {
                            throw new IllegalStateException(router + " on " + database + " with " + nodes
                                    + " node(s) did not assign case " + decision.caseId() + ": "
                                    + decision.outcome() + ", " + decision.explanation().reason());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        long events = count("outbox") - eventsBefore;
        if (events != CHECKED_CASES) {
            throw new IllegalStateException(router + ": " + events + " events in the outbox for " + CHECKED_CASES
                    + " assignments");
        }
        checkReleased();
        LOG.info("{} on {} with {} node(s): {} cases assigned, stored with their agent and released ({} null "
                + "decisions read from storage); {} events in the outbox; every load back to zero", router, database,
                nodes, CHECKED_CASES, nullDecisions.sumThenReset(), events);
    }

    private void checkReleased() {
        List<String> loaded = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (request != null) {
            Page<Agent> page = cluster[0].storage.agents().list(request);
            page.items().stream().filter(a -> a.load().values().stream().anyMatch(units -> units != 0))
                    .forEach(a -> loaded.add(a.id() + " " + a.load()));
            request = page.nextRequest().orElse(null);
        }
        long work = count("routing_work");
        long holdings = count("routing_holding");
        if (!loaded.isEmpty() || work != 0 || holdings != 0) {
            throw new IllegalStateException(router + " left " + loaded.size() + " agents with load " + loaded
                    + ", " + work + " waiting work and " + holdings + " holdings after releasing every case");
        }
    }

    private long count(String table) {
        try (Connection c = checkSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + PREFIX + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table, e);
        }
    }

    /** Checks that the measurement left no load behind, logs how many decisions were not assignments, and stops. */
    @TearDown(Level.Trial)
    public void stop() {
        try {
            LOG.info("{} on {} with {} node(s): {} operations (warm-up and measurement), {} not assigned at once, "
                    + "{} null decisions (read from storage)", router, database, nodes, operations.sum(),
                    notAssigned.sum(), nullDecisions.sum());
            checkReleased();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (!h2Pools.isEmpty()) {
                try (Connection c = h2Pools.get(0).getConnection(); Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    LOG.warn("H2 did not shut down cleanly", e);
                }
                h2Pools.forEach(PooledDataSource::closeIdle);
            }
        }
    }

    /** One benchmark thread: the node it works on and where it is in the request templates. */
    @State(Scope.Thread)
    public static class Worker {
        Node node;
        Template[] templates;
        int next;

        /** Joins a node: threads are dealt out to the nodes in turn. */
        @Setup(Level.Trial)
        public void join(RoutingPathBenchmark benchmark) {
            int index = benchmark.joined.getAndIncrement();
            node = benchmark.cluster[index % benchmark.cluster.length];
            templates = benchmark.templates;
            next = index * 61;
        }

        Template nextTemplate() {
            Template template = templates[next & (TEMPLATES - 1)];
            next++;
            return template;
        }
    }

    /** Assignments per second: store a case, submit it, store the assignment, release it. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RoutingDecision assignmentsPerSecond(Worker worker) {
        return measured(worker);
    }

    /** The time of one such operation, sampled, for its percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RoutingDecision assignmentLatency(Worker worker) {
        return measured(worker);
    }

    private RoutingDecision measured(Worker worker) {
        RoutingDecision decision = worker.node.assignAndRelease(worker.nextTemplate(), false);
        operations.increment();
        if (decision.outcome() != RoutingOutcome.ASSIGNED) {
            notAssigned.increment();
        }
        return decision;
    }

    /** Submitting and releasing, as both routers offer it. */
    private record PathRouter(Function<RoutingRequest, RoutingDecision> submit,
            Function<CaseId, List<RoutingDecision>> release) {
    }

    /** One application node: its storage (and pool) and its router. */
    private static final class Node {
        final JdbcStorage storage;
        final Clock clock;
        final PathRouter router;

        Node(JdbcStorage storage, Clock clock, PathRouter router) {
            this.storage = storage;
            this.clock = clock;
            this.router = router;
        }

        /** The measured path; {@code verify} also checks, untimed use only, that the assignment was stored. */
        RoutingDecision assignAndRelease(Template template, boolean verify) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            CaseId caseId = CaseId.random();
            storage.cases().insert(Case.builder().id(caseId).customerId(CUSTOMER).subject("Where is my order")
                    .originChannel(template.channel).priority(template.priority).language(Locale.ENGLISH)
                    .requiredSkills(template.skills.keySet()).createdAt(now).updatedAt(now).build());
            RoutingDecision decision = router.submit.apply(RoutingRequest.builder().caseId(caseId)
                    .channel(template.channel).priority(template.priority).requiredSkills(template.skills)
                    .language(Locale.ENGLISH).build());
            if (verify && decision.outcome() == RoutingOutcome.ASSIGNED) {
                Case stored = storage.cases().get(caseId);
                if (!stored.assignee().equals(decision.agentId())) {
                    throw new IllegalStateException("case " + caseId + " was assigned to " + decision.agentId()
                            + " but is stored with " + stored.assignee());
                }
            }
            router.release.apply(caseId);
            return decision;
        }
    }

    /** What a request asks for; each operation makes a new case and request from one. */
    private record Template(Channel channel, Priority priority, Map<String, Integer> skills) {
    }

    /** Requests: 50% chat, 40% email, 10% phone; one skill (60%) or two, minimum level 1 to 3. */
    private static Template[] templates(int count, long seed) {
        Random random = new Random(seed);
        Template[] templates = new Template[count];
        for (int i = 0; i < count; i++) {
            double c = random.nextDouble();
            Channel channel = c < 0.5 ? Channel.CHAT : c < 0.9 ? Channel.EMAIL : Channel.PHONE;
            Map<String, Integer> skills = new LinkedHashMap<>();
            int wanted = random.nextDouble() < 0.6 ? 1 : 2;
            while (skills.size() < wanted) {
                skills.put(SKILLS[random.nextInt(SKILLS.length)], 1 + random.nextInt(3));
            }
            templates[i] = new Template(channel, Priority.values()[random.nextInt(Priority.values().length)],
                    Map.copyOf(skills));
        }
        return templates;
    }

    /**
     * Agents, all available and idle: four of the six skills each at levels 3 to 10, English (a third also German),
     * chat capacity 3, email 5, and a phone line for half of them.
     */
    static List<Agent> agents(int count, long seed, Instant now) {
        Random random = new Random(seed);
        List<Agent> agents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Integer> skills = new LinkedHashMap<>();
            while (skills.size() < 4) {
                skills.put(SKILLS[random.nextInt(SKILLS.length)], 3 + random.nextInt(8));
            }
            Map<Channel, Integer> capacity = new LinkedHashMap<>();
            capacity.put(Channel.CHAT, 3);
            capacity.put(Channel.EMAIL, 5);
            if (random.nextBoolean()) {
                capacity.put(Channel.PHONE, 1);
            }
            Set<Locale> languages = random.nextInt(3) == 0 ? Set.of(Locale.ENGLISH, Locale.GERMAN)
                    : Set.of(Locale.ENGLISH);
            agents.add(Agent.builder().id(new AgentId(new UUID(random.nextLong(), random.nextLong())))
                    .name("Agent " + i).skills(skills).languages(languages).capacity(capacity)
                    .presence(Presence.AVAILABLE).createdAt(now).updatedAt(now).build());
        }
        return agents;
    }
}
