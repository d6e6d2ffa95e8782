package dev.rapport.jdbc.nodes;

import dev.rapport.Rapport;
import dev.rapport.Worker;
import dev.rapport.agent.RegisterAgent;
import dev.rapport.cases.OpenCase;
import dev.rapport.customer.RegisterCustomer;
import dev.rapport.routing.RoutingPolicy;
import dev.rapport.spi.Channel;
import dev.rapport.spi.NotFoundException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.Presence;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node that routes cases: a {@link Rapport} over the test's tables built with
 * {@link Rapport.Builder#routing(RoutingPolicy)} and started, so the case lifecycle queues and routes every case it
 * opens and its routing worker ticks; events go to the outbox and its relay publishes them to a
 * {@link RecordingPublisher}. What routing stores is reported by the triggers of {@link RoutingTables}.
 *
 * <p>Before {@code READY} it registers {@code cases} customers. On {@code GO} it opens one CHAT case for each
 * (pausing {@code openPauseMillis} between them), printing {@code OPENED n} after each and {@code OPENED_ALL n} at the
 * end, then acts on commands until {@code STOP}: {@code REGISTER <name>} registers an available agent with 3 chat
 * units and prints {@code REGISTERED <name> <agent id>}.
 *
 * <p>Settings: {@code routing} (default true; false builds a Rapport without routing, a node that only serves, say,
 * agent administration), {@code cases} (0), {@code openPauseMillis} (0), {@code routingMillis} (the routing worker's
 * interval, default Rapport's 500), {@code requireAcceptance} (false), {@code offerTimeoutMillis} (30,000);
 * {@code resolve} (false): whether this node resolves every case routing assigned, {@code holdMillis} (200) after it
 * saw the assignment, on {@code resolverThreads} (2) threads, printing {@code RESOLVED n}; {@code accept} (false):
 * whether this node accepts every open offer {@code acceptMillis} (100) after it saw it, except offers to agents
 * whose name starts with {@code Absent}, who never answer; prints {@code ACCEPTED n}.
 */
final class RouteNode implements NodeRole {

    /** Agents whose name starts with this never accept an offer: theirs time out. */
    static final String ABSENT = "Absent";

    private final Set<CaseId> resolving = ConcurrentHashMap.newKeySet();
    private final Set<UUID> answering = ConcurrentHashMap.newKeySet();
    private final Map<AgentId, String> agentNames = new ConcurrentHashMap<>();
    private final AtomicInteger resolved = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    @Override
    public void run(NodeContext context) throws Exception {
        Settings settings = context.settings();
        int cases = settings.integer("cases", 0);
        Rapport.Builder builder = Rapport.builder().storage(context.storage())
                .eventPublisher(new RecordingPublisher(context, Duration.ZERO))
                .interval(Worker.ROUTING, settings.millis("routingMillis", Rapport.DEFAULT_ROUTING_INTERVAL.toMillis()));
        if (settings.flag("routing", true)) {
            builder.routing(RoutingPolicy.builder().requireAcceptance(settings.flag("requireAcceptance", false))
                    .offerTimeout(settings.millis("offerTimeoutMillis", 30_000)).build());
        }
        Rapport rapport = builder.build();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            customers.add(rapport.customers().register(RegisterCustomer.builder()
                    .name("Customer " + context.name() + "-" + i).identity(ContactIdentity.primary(Channel.EMAIL,
                            context.name() + "-" + i + "@example.com")).build()));
        }
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(
                Math.max(1, settings.integer("resolverThreads", 2)) + 1);
        context.ready();
        context.awaitGo();
        if (context.stopRequested()) {
            rapport.close();
            return;
        }
        rapport.start();
        context.out("STARTED");
        if (settings.flag("resolve", false)) {
            Duration hold = settings.millis("holdMillis", 200);
            workers.scheduleWithFixedDelay(() -> resolveAssigned(context, rapport, workers, hold), 0, 20,
                    TimeUnit.MILLISECONDS);
        }
        if (settings.flag("accept", false)) {
            Duration delay = settings.millis("acceptMillis", 100);
            workers.scheduleWithFixedDelay(() -> acceptOffers(context, rapport, workers, delay), 0, 20,
                    TimeUnit.MILLISECONDS);
        }
        Duration pause = settings.millis("openPauseMillis", 0);
        for (int i = 0; i < cases && !context.stopRequested(); i++) {
            rapport.cases().open(OpenCase.builder().customerId(customers.get(i).id())
                    .subject("Chat " + context.name() + "-" + i).originChannel(Channel.CHAT).build());
            context.out("OPENED " + (i + 1));
            RecordingMessenger.pause(pause);
        }
        context.out("OPENED_ALL " + cases);
        while (!context.stopRequested()) {
            Optional<String> command = context.nextCommand(Duration.ofMillis(200));
            if (command.isPresent() && command.get().startsWith("REGISTER ")) {
                String name = command.get().substring("REGISTER ".length()).trim();
                Agent agent = rapport.agents().register(RegisterAgent.builder().name(name).capacity(Channel.CHAT, 3)
                        .presence(Presence.AVAILABLE).build());
                context.out("REGISTERED " + name + " " + agent.id().value());
            }
        }
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        rapport.close();
        context.out("STOPPED");
    }

    /** Schedules a resolution, after the hold time, for every case an agent holds that it has not yet scheduled. */
    private void resolveAssigned(NodeContext context, Rapport rapport, ScheduledExecutorService workers,
            Duration hold) {
        try {
            for (UUID id : held(context)) {
                CaseId caseId = new CaseId(id);
                if (resolving.add(caseId)) {
                    workers.schedule(() -> resolve(context, rapport, caseId), hold.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private void resolve(NodeContext context, Rapport rapport, CaseId caseId) {
        try {
            rapport.cases().startWork(caseId);
            rapport.cases().resolve(caseId);
            context.out("RESOLVED " + resolved.incrementAndGet());
        } catch (RuntimeException e) {
            // left unresolved: the test finds it open, and this says why
            System.err.println("could not resolve case " + caseId + ": " + e);
            e.printStackTrace();
            context.out("RESOLVE_FAILED " + caseId);
        }
    }

    private static List<UUID> held(NodeContext context) {
        try (Connection c = context.pool().getConnection();
                PreparedStatement st = c.prepareStatement("SELECT case_id FROM "
                        + context.settings().text("prefix") + "routing_holding");
                ResultSet rs = st.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the holdings: " + e.getMessage(), e);
        }
    }

    /** Schedules an answer, after the delay, for every open offer not yet seen, unless its agent is absent. */
    private void acceptOffers(NodeContext context, Rapport rapport, ScheduledExecutorService workers,
            Duration delay) {
        try {
            for (RoutingWork work : allWork(context)) {
                Optional<RoutingOffer> offer = work.offer();
                if (offer.isEmpty() || !answering.add(offer.get().offerId())) {
                    continue;
                }
                String agent = agentNames.computeIfAbsent(offer.get().agentId(),
                        id -> context.storage().agents().get(id).name());
                if (agent.startsWith(ABSENT)) {
                    continue;
                }
                UUID offerId = offer.get().offerId();
                workers.schedule(() -> {
                    try {
                        rapport.routing().accept(offerId);
                        context.out("ACCEPTED " + accepted.incrementAndGet());
                    } catch (NotFoundException e) {
                        // the offer timed out or was withdrawn meanwhile; its work went on without this answer
                    } catch (RuntimeException e) {
                        System.err.println("could not accept offer " + offerId + ": " + e);
                        e.printStackTrace();
                    }
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private static List<RoutingWork> allWork(NodeContext context) {
        List<RoutingWork> all = new ArrayList<>();
        Optional<CaseId> after = Optional.empty();
        while (true) {
            List<RoutingWork> page = context.storage().routing().listWork(after, 1_000);
            all.addAll(page);
            if (page.size() < 1_000) {
                return all;
            }
            after = Optional.of(page.get(page.size() - 1).caseId());
        }
    }
}
