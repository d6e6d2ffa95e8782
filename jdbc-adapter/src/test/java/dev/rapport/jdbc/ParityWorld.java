package dev.rapport.jdbc;

import dev.rapport.Rapport;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.RapportException;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.complaint.AuditEntry;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.complaint.ComplaintStage;
import dev.rapport.spi.complaint.ImprovementStatus;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.tck.memory.InMemoryStorage;
import dev.rapport.test.SettableClock;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Two Rapports on one hand-moved clock, one over {@link InMemoryStorage} (the reference) and one over
 * {@link JdbcStorage}, driven step by step with the same commands. After each step it compares the outcomes (the
 * result, or the exception's type with its fields and states) and then everything both stores hold, read back
 * through the ports. Generated ids differ between the stores; they are paired by creation order (each step creates
 * at most a few of each aggregate, and the clock moves on every step, so creation order is the stores' order) and
 * the JDBC side is compared under the reference's ids. Ids Rapport never shows twice (event ids) are blanked.
 *
 * <p>Follow-ups: the JDBC store compares due times and leases with the database's own clock, so the reference store
 * is given the system clock for that comparison too; the Rapports' clock starts in the past, so every scheduled
 * follow-up is due for both stores, and the hand-moved clock decides everything Rapport decides itself (expiry,
 * quiet hours, backoff, stamps). The dispatcher runs without jitter, so retry times are the same on both sides.
 *
 * <p>Events: a world runs with {@code useOutbox} on or off. Off, both Rapports publish directly after each commit.
 * On, the JDBC Rapport appends its events to the outbox and the world drains its relay with
 * {@link dev.rapport.outbox.OutboxRelay#relayOnce()} before it compares (the follow-up rules act on what the relay
 * publishes, so only then has the step had all its effects); the in-memory store has no outbox and publishes
 * directly. Either way the events each side published in a step are compared too, as a multiset (the outbox keeps
 * order per aggregate only), with event ids blanked.
 *
 * <p>Not thread-safe; one per property try. Close it to drop the database.
 */
final class ParityWorld implements AutoCloseable {

    /** Where the clock starts: in the past, and with nanoseconds, so that truncation to microseconds shows. */
    static final Instant START = Instant.parse("2025-03-10T09:15:30.123456789Z");

    /** The database a world runs its JDBC side on. */
    enum Database { H2, POSTGRES }

    /** Every step moves the clock on by this much, so that what two steps create never ties on time. */
    private static final Duration TICK = Duration.ofSeconds(1);

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The agents both stores hold from the start, under the same ids: one in a team, one without. */
    static final List<AgentId> AGENTS = List.of(
            new AgentId(UUID.fromString("00000000-0000-4000-8000-00000000a001")),
            new AgentId(UUID.fromString("00000000-0000-4000-8000-00000000a002")));

    private final SettableClock clock = new SettableClock(START);
    private final Side memory;
    private final Side jdbc;
    private final Map<String, String> jdbcToMemory = new HashMap<>();
    private final Map<String, String> memoryIds = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private final Runnable onClose;
    private final boolean useOutbox;
    private int steps;

    /** What every world of this JVM saw: per command, its outcomes; per aggregate, the states it reached. */
    private static final Map<String, Integer> SEEN = new java.util.TreeMap<>();

    private ParityWorld(Side memory, Side jdbc, Runnable onClose, boolean useOutbox) {
        this.useOutbox = useOutbox;
        this.memory = memory;
        this.jdbc = jdbc;
        this.onClose = onClose;
        for (AgentId agent : AGENTS) {
            memoryIds.put(agent.value().toString(), agent.value().toString());
            jdbcToMemory.put(agent.value().toString(), agent.value().toString());
        }
    }

    /** A world on a fresh database. */
    static ParityWorld on(Database database) {
        return on(database, false);
    }

    /** A world on a fresh database whose Rapports use the outbox, where the store has one, or not. */
    static ParityWorld on(Database database, boolean useOutbox) {
        return on(database, UnaryOperator.identity(), useOutbox);
    }

    /**
     * A world on a fresh database whose JDBC store is first passed through {@code wrap}: tests of the comparison
     * itself give a store that misbehaves on purpose.
     */
    static ParityWorld on(Database database, UnaryOperator<RapportStorage> wrap) {
        return on(database, wrap, false);
    }

    /** A world on a fresh database whose JDBC store is first passed through {@code wrap}, with the outbox or not. */
    static ParityWorld on(Database database, UnaryOperator<RapportStorage> wrap, boolean useOutbox) {
        DataSource dataSource = database == Database.H2 ? TestDatabases.h2Memory() : TestDatabases.postgres();
        JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).tablePrefix(TestDatabases.freshPrefix())
                .build();
        Runnable onClose = database == Database.H2 ? () -> shutdownH2(dataSource) : () -> { };
        // the reference compares due times and leases with the system clock, as the database does
        InMemoryStorage reference = new InMemoryStorage(Clock.systemUTC());
        ParityWorld world = new ParityWorld(new Side("memory", reference), new Side("jdbc", wrap.apply(storage)),
                onClose, useOutbox);
        world.memory.build(world.clock, useOutbox);
        world.jdbc.build(world.clock, useOutbox);
        return world;
    }

    /** The hand-moved clock both Rapports read. */
    SettableClock clock() {
        return clock;
    }

    /** The reference Rapport. */
    Rapport memory() {
        return memory.rapport;
    }

    /** The Rapport on JDBC. */
    Rapport jdbc() {
        return jdbc.rapport;
    }

    /** The steps run so far, with their outcomes, for a failure's message. */
    List<String> log() {
        return log;
    }

    /**
     * Makes the next sends of the {@code index}-th follow-up (each side's own, by creation order) fail on both
     * Rapports, in this order; nothing if there is no follow-up yet.
     */
    void failSendsOfFollowUp(int index, List<ScriptedMessenger.Failure> failures) {
        for (Side side : List.of(memory, jdbc)) {
            side.entities.<dev.rapport.spi.followup.FollowUpId>pick("followUps", index).ifPresent(id -> side.messenger
                    .failNext(dev.rapport.followup.FollowUpDispatcher.messageKey(id), failures));
        }
    }

    /** Makes the next message sends of both Rapports fail, in this order. */
    void failNextSends(List<ScriptedMessenger.Failure> failures) {
        memory.messenger.failNext(failures);
        jdbc.messenger.failNext(failures);
    }

    /**
     * Runs one command on both Rapports at the same instant and checks that they agree on its outcome and on
     * everything stored afterwards.
     *
     * @param description what the step does, for failure messages
     * @param command the command, given the Rapport to run it on and the side's ids (the i-th customer, case...)
     * @throws AssertionError if the outcomes or the stores differ, or either side threw something that is not a
     *         {@link RapportException}
     */
    void step(String description, Command command) {
        clock.advance(TICK);
        steps++;
        memory.events.clear();
        jdbc.events.clear();
        Outcome onMemory = memory.run(command);
        Outcome onJdbc = jdbc.run(command);
        memory.drainOutbox();
        jdbc.drainOutbox();
        Map<String, List<Object>> memoryState = memory.snapshot();
        Map<String, List<Object>> jdbcState = jdbc.snapshot();
        learnIds(memoryState, jdbcState);
        memory.learnEntities(memoryState);
        jdbc.learnEntities(jdbcState);
        String expected = onMemory.render(this::memoryId);
        String actual = onJdbc.render(this::jdbcId);
        log.add(steps + ". " + description + " -> " + expected);
        count(description, expected, memoryState);
        countEvents(useOutbox, memory.events.size());
        if (onMemory.foreign() != null || onJdbc.foreign() != null) {
            Throwable foreign = onMemory.foreign() != null ? onMemory.foreign() : onJdbc.foreign();
            throw new AssertionError("a step threw something other than a RapportException\n" + history(), foreign);
        }
        if (!expected.equals(actual)) {
            throw new AssertionError("outcomes differ at step " + steps + "\n  memory: " + expected + "\n  jdbc:   "
                    + actual + "\n" + history());
        }
        for (String collection : memoryState.keySet()) {
            List<String> want = canonical(memoryState.get(collection), this::memoryId);
            List<String> got = canonical(jdbcState.get(collection), this::jdbcId);
            if (!want.equals(got)) {
                throw new AssertionError("stored " + collection + " differ after step " + steps + "\n  memory: " + want
                        + "\n  jdbc:   " + got + "\n" + history());
            }
        }
        List<String> publishedByMemory = canonical(new ArrayList<>(memory.events), this::memoryId);
        List<String> publishedByJdbc = canonical(new ArrayList<>(jdbc.events), this::jdbcId);
        if (!publishedByMemory.equals(publishedByJdbc)) {
            throw new AssertionError("events published differ after step " + steps + " (useOutbox " + useOutbox
                    + ")\n  memory: " + publishedByMemory + "\n  jdbc:   " + publishedByJdbc + "\n" + history());
        }
        List<String> sentByMemory = canonical(new ArrayList<>(memory.messenger.sent()), this::memoryId);
        List<String> sentByJdbc = canonical(new ArrayList<>(jdbc.messenger.sent()), this::jdbcId);
        if (!sentByMemory.equals(sentByJdbc)) {
            throw new AssertionError("messages sent differ after step " + steps + "\n  memory: " + sentByMemory
                    + "\n  jdbc:   " + sentByJdbc + "\n" + history());
        }
    }

    private static synchronized void countEvents(boolean useOutbox, int published) {
        SEEN.merge("steps with useOutbox " + useOutbox, 1, Integer::sum);
        SEEN.merge("events compared with useOutbox " + useOutbox, published, Integer::sum);
    }

    private static synchronized void count(String description, String outcome, Map<String, List<Object>> state) {
        String command = description.split(" ", 2)[0];
        String result = outcome.startsWith("ok") ? "ok" : outcome.split("[\\[ ]")[1];
        SEEN.merge("command " + command + " -> " + result, 1, Integer::sum);
        SEEN.merge("steps", 1, Integer::sum);
        for (Object c : state.get("cases")) {
            SEEN.merge("case state " + ((dev.rapport.spi.cases.Case) c).status(), 1, Integer::sum);
        }
        for (Object c : state.get("complaints")) {
            SEEN.merge("complaint stage " + ((Trail) c).complaint().stage(), 1, Integer::sum);
        }
        for (Object f : state.get("followUps")) {
            SEEN.merge("follow-up status " + ((dev.rapport.spi.followup.FollowUp) f).status(), 1, Integer::sum);
        }
    }

    /**
     * Writes what the worlds of this JVM saw to {@code target/parity/seen.txt}: how often each command ended in
     * each outcome, and how many aggregate-steps spent in each state, to judge how far the random chains reach.
     */
    static synchronized void writeSeen() {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "parity");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("seen.txt"), SEEN.entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue()).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many steps ran. */
    int steps() {
        return steps;
    }

    private String history() {
        return "steps:\n  " + String.join("\n  ", log);
    }

    @Override
    public void close() {
        memory.rapport.close();
        jdbc.rapport.close();
        onClose.run();
        writeSeen();
    }

    /** Whether the Rapports use the outbox where the store has one. */
    boolean usesOutbox() {
        return useOutbox;
    }

    @Override
    public String toString() {
        return "ParityWorld with useOutbox " + useOutbox + " after " + steps + " steps";
    }

    // --------------------------------------------------------------------------------------------------- ids

    private String memoryId(String uuid) {
        return memoryIds.getOrDefault(uuid, "?");
    }

    private String jdbcId(String uuid) {
        return jdbcToMemory.getOrDefault(uuid, "?");
    }

    /** Pairs the ids each collection gained on both sides in this step, in the stores' order. */
    private void learnIds(Map<String, List<Object>> memoryState, Map<String, List<Object>> jdbcState) {
        for (String collection : memoryState.keySet()) {
            List<String> newOnMemory = ids(memoryState.get(collection)).stream()
                    .filter(id -> !memoryIds.containsKey(id)).toList();
            List<String> newOnJdbc = ids(jdbcState.get(collection)).stream()
                    .filter(id -> !jdbcToMemory.containsKey(id)).toList();
            if (newOnMemory.size() != newOnJdbc.size()) {
                continue; // the comparison below reports the difference
            }
            for (int i = 0; i < newOnMemory.size(); i++) {
                memoryIds.put(newOnMemory.get(i), newOnMemory.get(i));
                jdbcToMemory.put(newOnJdbc.get(i), newOnMemory.get(i));
            }
        }
    }

    private static List<String> ids(List<Object> entities) {
        List<String> ids = new ArrayList<>();
        for (Object entity : entities) {
            Object value = entity instanceof Trail trail ? trail.complaint() : entity;
            try {
                Object id = value.getClass().getMethod("id").invoke(value);
                Matcher m = UUID_PATTERN.matcher(String.valueOf(id));
                if (m.find()) {
                    ids.add(m.group());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no id on " + value.getClass(), e);
            }
        }
        return ids;
    }

    /** The entities rendered with ids translated, sorted so that ties in the stores' order do not matter. */
    private static List<String> canonical(List<?> entities, Function<String, String> ids) {
        return entities.stream().map(e -> render(e, ids)).sorted().collect(Collectors.toList());
    }

    /**
     * Every component of a value, recursively, ids translated; sets and maps in a stable order. Reads record
     * components rather than {@code toString()}, which some domain types mask.
     */
    static String render(Object value, Function<String, String> ids) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(v -> "Some(" + render(v, ids) + ")").orElse("None");
        }
        if (value instanceof Set<?> set) {
            return set.stream().map(v -> render(v, ids)).sorted().collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(v -> render(v, ids)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> render(e.getKey(), ids) + "=" + render(e.getValue(), ids))
                    .sorted().collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Record record) {
            StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('(');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                try {
                    components[i].getAccessor().setAccessible(true);
                    out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                            .append(render(components[i].getAccessor().invoke(record), ids));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return out.append(')').toString();
        }
        Matcher m = UUID_PATTERN.matcher(String.valueOf(value));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("#" + ids.apply(m.group())));
        }
        m.appendTail(out);
        return value.getClass().getSimpleName() + ":" + out;
    }

    private static void shutdownH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- commands

    /** A command run on one side: its Rapport and the ids of what that side created, in creation order. */
    @FunctionalInterface
    interface Command {
        /** Runs the command; the result is compared, and may be null. */
        Object run(Rapport rapport, Entities entities);
    }

    /** A complaint with its audit trail, read back together. */
    record Trail(Complaint complaint, List<AuditEntry> audit) {
    }

    /** The ids one side created so far, per collection, in creation order. */
    static final class Entities {
        private final Map<String, List<Object>> byCollection = new LinkedHashMap<>();

        /**
         * The {@code index}-th entity of a collection, modulo how many there are; empty if there are none yet.
         */
        @SuppressWarnings("unchecked")
        <T> Optional<T> pick(String collection, int index) {
            List<Object> all = byCollection.getOrDefault(collection, List.of());
            return all.isEmpty() ? Optional.empty() : Optional.of((T) all.get(Math.floorMod(index, all.size())));
        }

        private void learn(String collection, Object id) {
            List<Object> all = byCollection.computeIfAbsent(collection, c -> new ArrayList<>());
            if (!all.contains(id)) {
                all.add(id);
            }
        }
    }

    /** A command's outcome on one side: its result, or the exception it threw. */
    private record Outcome(Object result, RuntimeException failure, Throwable foreign) {

        String render(Function<String, String> ids) {
            if (foreign != null) {
                return "threw " + foreign;
            }
            if (failure == null) {
                return "ok " + ParityWorld.render(result, ids);
            }
            StringBuilder out = new StringBuilder("threw ").append(failure.getClass().getSimpleName());
            if (failure instanceof ValidationException v) {
                out.append(v.violations().stream().map(x -> x.field() + ":" + x.rule()).sorted()
                        .collect(Collectors.joining(",", "[", "]")));
            }
            if (failure instanceof IllegalTransitionException t) {
                out.append('[').append(t.entity()).append(' ').append(t.from()).append("->").append(t.to()).append(']');
            }
            return out.toString();
        }
    }

    /** One Rapport with its store and messenger. */
    private static final class Side {
        final String name;
        final RapportStorage storage;
        final ScriptedMessenger messenger = new ScriptedMessenger();
        final Entities entities = new Entities();
        final List<dev.rapport.spi.event.DomainEvent> events =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        Rapport rapport;

        Side(String name, RapportStorage storage) {
            this.name = name;
            this.storage = storage;
        }

        void build(Clock clock, boolean useOutbox) {
            messenger.clock(clock);
            // with the outbox, events reach the host and the follow-up rules only when the relay publishes them:
            // the world drains it after each step (the Rapport is never started, so no relay runs on its own)
            rapport = Rapport.builder().storage(storage).clock(clock).messenger(messenger).useOutbox(useOutbox)
                    .eventPublisher(events::add)
                    .followUpDispatcher(d -> d.owner("parity").jitter(0).maxAttempts(3)
                            .backoffBase(Duration.ofMinutes(10)).backoffMax(Duration.ofHours(2)))
                    .build();
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            for (int i = 0; i < AGENTS.size(); i++) {
                storage.agents().insert(Agent.builder()
                        .id(AGENTS.get(i))
                        .name("Agent " + i)
                        .team(i == 0 ? TeamId.of("support") : null)
                        .presence(Presence.AVAILABLE)
                        .capacity(Map.of(dev.rapport.spi.Channel.EMAIL, 10))
                        .createdAt(now)
                        .updatedAt(now)
                        .build());
            }
        }

        /** Relays until the outbox holds nothing ready; the rules act on what it publishes, and may queue more. */
        void drainOutbox() {
            rapport.outboxRelay().ifPresent(relay -> {
                for (int round = 0; round < 1_000 && relay.relayOnce().claimed() > 0; round++) {
                    // each round publishes the next event of each aggregate
                }
            });
        }

        Outcome run(Command command) {
            try {
                return new Outcome(command.run(rapport, entities), null, null);
            } catch (RapportException e) {
                return new Outcome(null, e, null);
            } catch (RuntimeException | Error e) {
                return new Outcome(null, null, e);
            }
        }

        void learnEntities(Map<String, List<Object>> state) {
            state.forEach((collection, items) -> {
                for (Object item : items) {
                    Object value = item instanceof Trail trail ? trail.complaint() : item;
                    try {
                        entities.learn(collection, value.getClass().getMethod("id").invoke(value));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }

        /** Everything the store holds, per collection, in the stores' order (creation time, then id). */
        Map<String, List<Object>> snapshot() {
            Map<String, List<Object>> state = new LinkedHashMap<>();
            state.put("customers", all(storage.customers()::list));
            state.put("cases", all(p -> storage.cases().findByStatus(EnumSet.allOf(CaseStatus.class), p)));
            state.put("interactions", all(p -> storage.interactions().findOccurredBetween(TimeRange.ALL, p)));
            state.put("feedback", all(p -> storage.feedback().findReceivedBetween(TimeRange.ALL, p)));
            state.put("agents", all(storage.agents()::list));
            state.put("followUps", all(p -> storage.followUps().findByStatus(EnumSet.allOf(FollowUpStatus.class), p)));
            List<Object> complaints = new ArrayList<>();
            for (Object c : all(p -> storage.complaints().findByStage(EnumSet.allOf(ComplaintStage.class), p))) {
                Complaint complaint = (Complaint) c;
                complaints.add(new Trail(complaint, storage.complaints().auditTrail(complaint.id())));
            }
            state.put("complaints", complaints);
            state.put("improvements", all(p -> storage.complaints()
                    .findImprovementsByStatus(EnumSet.allOf(ImprovementStatus.class), p)));
            return state;
        }

        private static List<Object> all(Function<PageRequest, Page<?>> query) {
            List<Object> items = new ArrayList<>();
            PageRequest request = new PageRequest(0, PageRequest.MAX_LIMIT);
            while (true) {
                Page<?> page = query.apply(request);
                items.addAll(page.items());
                if (page.nextRequest().isEmpty()) {
                    return items;
                }
                request = page.nextRequest().get();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
