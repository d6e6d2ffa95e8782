package dev.rapport.followup;

import com.google.common.util.concurrent.Uninterruptibles;
import dev.rapport.internal.Arguments;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.internal.WorkerLoop;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.ValidationException.Violation;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.ContactIdentity;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.customer.CustomerStatus;
import dev.rapport.spi.event.DomainEvent;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.event.FollowUpCancelled;
import dev.rapport.spi.event.FollowUpFailed;
import dev.rapport.spi.event.FollowUpSent;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import dev.rapport.spi.messaging.OutboundMessage;
import dev.rapport.spi.validation.Limits;
import dev.rapport.spi.validation.PlainTextValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due follow-ups, once in effect, even with several dispatchers on one database and a node that dies
 * mid-batch.
 *
 * <p>Each round claims up to {@link Builder#batchSize(int)} due follow-ups under a lease
 * ({@link FollowUpRepository#claimDue}), reads their customers and cases in a few calls, and decides for each: it
 * expires it if past its expiry; cancels it if the customer is gone, erased or opted out of its channel; defers it
 * without an attempt if it is now quiet hours in the customer's time zone; otherwise sends it through the
 * {@link CustomerMessenger} with the idempotency key {@link #messageKey} (the same on every attempt). At the end of
 * the round it stores every outcome in one transaction ({@link FollowUpRepository#updateEach}), each with a version
 * check: a follow-up whose version changed meanwhile was taken over by another dispatcher after this one's lease
 * lapsed, or cancelled, and nothing is written for it. Before each send the lease is checked by the dispatcher's
 * clock; once it has lapsed, the rest of the batch is left alone for others to claim.
 *
 * <p>Once in effect: a dispatcher that dies after sending but before storing the round leaves those follow-ups
 * claimed; once the lease ends another dispatcher sends them again with the same key, which the messenger
 * recognises as a repeat. Storing a round at once costs one transaction per batch instead of one per follow-up;
 * the price is that a crash can leave up to a batch of sent follow-ups to be repeated under their keys, rather
 * than one.
 *
 * <p><b>Crash bound.</b> A node killed at any moment sends again at most the follow-ups it had sent and whose
 * outcomes it had not yet stored, and no thread ever holds more than one such round: at most
 * {@link Builder#batchSize(int) batchSize} follow-ups per background thread ({@link Builder#threads(int)}) and per
 * host thread inside {@link #dispatchDue()}, each sent again under the same idempotency key {@link #messageKey}
 * once its lease ends. A round's sends start only after the previous round of the same thread is stored;
 * claiming and reading the next batch may overlap that store, but claimed follow-ups that were not sent are only
 * delayed by a crash (until their lease ends), never repeated. A store that fails while the node lives is tried
 * again before the thread sends anything else.
 *
 * <p>Failures: a retryable one ({@link MessageDeliveryException#retryable()}, or any other runtime exception)
 * schedules the follow-up again after an exponential backoff with jitter, in an allowed send time, keeping the
 * error; after {@link Builder#maxAttempts(int)} attempts, or at once for a non-retryable one, it is parked as
 * {@link FollowUpStatus#FAILED} with the error kept. Errors kept are the {@link MessageDeliveryException}'s message
 * (which its contract keeps free of personal data) or, for other exceptions, only the exception's class name.
 * Events {@link FollowUpSent}, {@link FollowUpFailed} and {@link FollowUpCancelled} are published after commit.
 *
 * <p>Two ways to run: the host calls {@link #dispatchDue()} from its own scheduler, or calls {@link #start()} to
 * let the dispatcher poll on its own threads; {@link #close()} stops claiming, lets each thread finish the
 * follow-up it is sending and hands the rest of its batch back as scheduled. A background thread stores a full
 * round's outcomes on a companion thread while it claims the next batch and reads what it needs, so the database
 * writes one batch while the next is read (each background thread may therefore use two connections at once);
 * it sends nothing of the next batch before that store is done.
 * {@link #dispatchDue()} stores each round before it claims the next.
 *
 * <p>Thread-safe: {@link #dispatchDue()} may be called from several threads at once, also while the background
 * threads run.
 */
public final class FollowUpDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpDispatcher.class);

    /** Default number of follow-ups claimed per round: 100. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Default lease on claimed follow-ups: 5 minutes; a batch should be sent well within it. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** Default number of send attempts before a follow-up is parked as failed: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default delay before the first retry, doubled for each further one: 1 minute. */
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMinutes(1);
    /** Default longest delay between retries: 1 hour. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);
    /** Default jitter: each retry delay is shortened by a random share of up to 20%. */
    public static final double DEFAULT_JITTER = 0.2;
    /** Default pause of a background thread after a round that found less than a full batch: 10 seconds. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    /** Default number of background threads: 1. */
    public static final int DEFAULT_THREADS = 1;
    /** Default time {@link #close()} waits for background threads to finish: 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, RUNNING, CLOSED }

    /** What became of one claimed follow-up. */
    private enum Outcome { SENT, RETRIED, FAILED, EXPIRED, CANCELLED, DEFERRED, RELEASED, ABANDONED, LEASE_LOST }

    private final FollowUpRepository followUps;
    private final RapportStorage storage;
    private final CustomerMessenger messenger;
    private final Clock clock;
    private final UnitOfWork unitOfWork;
    private final dev.rapport.RapportObserver observer;
    private final SendWindow sendWindow;
    private final dev.rapport.feedback.SurveyTokens surveyTokens;
    private final String owner;
    private final int batchSize;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final double jitter;
    private final Duration pollInterval;
    private final int threads;
    private final Duration shutdownTimeout;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;
    private final Templates templates;

    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private State state = State.NEW;
    private List<WorkerLoop> loops = List.of();
    private ExecutorService storers;

    private FollowUpDispatcher(Builder b) {
        storage = b.storage;
        followUps = storage.followUps();
        messenger = b.messenger;
        clock = b.clock;
        unitOfWork = b.runtime != null ? b.runtime.unitOfWork() : UnitOfWork.over(storage, b.eventPublisher, () -> { });
        observer = b.runtime != null ? b.runtime.observer() : dev.rapport.RapportObserver.NONE;
        sendWindow = b.sendWindow;
        surveyTokens = new dev.rapport.feedback.SurveyTokens(b.surveys);
        owner = b.owner;
        batchSize = b.batchSize;
        lease = b.lease;
        maxAttempts = b.maxAttempts;
        backoffBase = b.backoffBase;
        backoffMax = b.backoffMax;
        jitter = b.jitter;
        pollInterval = b.pollInterval;
        threads = b.threads;
        shutdownTimeout = b.shutdownTimeout;
        restartBackoff = b.restartBackoff;
        maxRestartBackoff = b.maxRestartBackoff;
        templates = b.templates;
    }

    /**
     * A builder over a storage adapter and a messenger.
     *
     * @param storage where follow-ups, customers, cases and agents are kept
     * @param messenger what sends the messages
     * @return a new builder with every other option at its default
     */
    public static Builder builder(RapportStorage storage, CustomerMessenger messenger) {
        return new Builder(storage, messenger);
    }

    /**
     * A builder over the runtime a Rapport shares between its services: the dispatcher takes its storage, clock
     * and unit of work (and so the way its events leave) from it. {@code Rapport} does this.
     *
     * @param runtime the shared runtime
     * @param messenger what sends the messages
     * @return a new builder using the runtime's clock, with every other option at its default
     */
    public static Builder builder(EngineRuntime runtime, CustomerMessenger messenger) {
        Builder builder = new Builder(runtime.storage(), messenger);
        builder.runtime = runtime;
        return builder.clock(runtime.clock());
    }

    /**
     * The lease owner this dispatcher claims as.
     *
     * @return the owner name written on every lease this dispatcher takes
     */
    public String owner() {
        return owner;
    }

    /**
     * The idempotency key a follow-up's message carries: {@code "followup:<id>"}, the same on every attempt. A send
     * that timed out but did reach the customer is retried under the same key, so the messenger drops the repeat
     * and the customer gets the message once; a key per attempt could not give that guarantee.
     *
     * @param id the follow-up
     * @return the key {@code "followup:<id>"}
     */
    public static String messageKey(FollowUpId id) {
        return "followup:" + id;
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /**
     * Claims and handles due follow-ups in batches until a batch comes back less than full, then returns what it
     * did. For hosts that run their own scheduler; call it every few seconds or minutes.
     *
     * @return the counts of all rounds of this call added up; {@link DispatchSummary#EMPTY} if nothing was due
     * @throws IllegalStateException if the dispatcher was closed
     * @throws dev.rapport.spi.StorageException if the store fails; follow-ups still claimed go back to the pool
     *         when their lease ends
     */
    public DispatchSummary dispatchDue() {
        if (stopping) {
            throw new IllegalStateException("the follow-up dispatcher is closed");
        }
        DispatchSummary total = DispatchSummary.EMPTY;
        while (true) {
            DispatchSummary round = dispatchBatch();
            total = total.plus(round);
            if (round.claimed() < batchSize || stopping) {
                return total;
            }
        }
    }

    private DispatchSummary dispatchBatch() {
        return finish(decideRound());
    }

    /** A round's claimed follow-ups, decided (and sent) but not yet stored. */
    private record Round(int claimed, List<Decision> decisions, int[] counts, boolean leaseLost) { }

    /** A claimed batch with what deciding it needs from the store; nothing decided or sent yet. */
    private record Claim(List<FollowUp> claimed, Batch batch) { }

    /** Claims a batch and reads what it needs. */
    private Claim claim() {
        List<FollowUp> claimed = followUps.claimDue(owner, lease, batchSize);
        return new Claim(claimed, claimed.isEmpty() || stopping ? null : load(claimed));
    }

    /** Claims a batch, reads what it needs, and decides and sends each follow-up; stores nothing yet. */
    private Round decideRound() {
        return decide(claim());
    }

    /** Decides and sends each follow-up of a claimed batch; stores nothing yet. */
    private Round decide(Claim claim) {
        List<FollowUp> claimed = claim.claimed();
        int[] counts = new int[Outcome.values().length];
        if (claimed.isEmpty()) {
            return new Round(0, List.of(), counts, false);
        }
        Batch batch = claim.batch();
        List<Decision> decisions = new ArrayList<>(claimed.size());
        boolean leaseLost = false;
        for (FollowUp followUp : claimed) {
            if (stopping) {
                decisions.add(release(followUp));
            } else if (leaseLost) {
                counts[Outcome.ABANDONED.ordinal()]++;
            } else {
                Decision decision = handle(followUp, batch);
                if (decision.outcome() == Outcome.LEASE_LOST) {
                    leaseLost = true;
                    counts[Outcome.ABANDONED.ordinal()]++;
                } else {
                    decisions.add(decision);
                }
            }
        }
        return new Round(claimed.size(), decisions, counts, leaseLost);
    }

    /** Stores a round's outcomes and tells what became of its follow-ups. */
    private DispatchSummary finish(Round round) {
        store(round.decisions(), round.counts());
        if (round.leaseLost()) {
            LOG.warn("Lease lapsed during a batch of {} follow-ups; left the rest to other dispatchers",
                    round.claimed());
        }
        DispatchSummary summary = summary(round.claimed(), round.counts());
        observer.followUpRoundFinished(summary);
        return summary;
    }

    private static DispatchSummary summary(int claimed, int[] counts) {
        return new DispatchSummary(claimed, counts[Outcome.SENT.ordinal()], counts[Outcome.RETRIED.ordinal()],
                counts[Outcome.FAILED.ordinal()], counts[Outcome.EXPIRED.ordinal()],
                counts[Outcome.CANCELLED.ordinal()], counts[Outcome.DEFERRED.ordinal()],
                counts[Outcome.RELEASED.ordinal()], counts[Outcome.ABANDONED.ordinal()]);
    }

    /**
     * What a batch needs from the store, read up front in a few calls instead of several per follow-up: the
     * customers, the cases follow-ups refer to, and their assignees (read once per agent).
     */
    private final class Batch {
        final Map<CustomerId, Customer> customers;
        final Map<CaseId, Case> cases;
        final Map<AgentId, Optional<Agent>> agents = new HashMap<>();

        Batch(Map<CustomerId, Customer> customers, Map<CaseId, Case> cases) {
            this.customers = customers;
            this.cases = cases;
        }

        Optional<Agent> agent(AgentId id) {
            return agents.computeIfAbsent(id, storage.agents()::findById);
        }
    }

    private Batch load(List<FollowUp> claimed) {
        Set<CustomerId> customerIds = new LinkedHashSet<>();
        Set<CaseId> caseIds = new LinkedHashSet<>();
        for (FollowUp followUp : claimed) {
            customerIds.add(followUp.customerId());
            followUp.caseId().ifPresent(caseIds::add);
        }
        Map<CaseId, Case> cases = caseIds.isEmpty() ? Map.of() : storage.cases().findAllById(caseIds);
        return new Batch(storage.customers().findAllById(customerIds), cases);
    }

    private Decision handle(FollowUp followUp, Batch batch) {
        Instant now = Arguments.now(clock);
        if (followUp.leaseUntil().isEmpty() || !now.isBefore(followUp.leaseUntil().get())) {
            return new Decision(followUp, null, null, Outcome.LEASE_LOST); // by our clock; another may hold it
        }
        if (isExpired(followUp, now)) {
            return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED), null, Outcome.EXPIRED);
        }
        Customer customer = batch.customers.get(followUp.customerId());
        if (customer == null) {
            return cancel(followUp, CancellationReason.CUSTOMER_NOT_FOUND);
        }
        if (customer.status() == CustomerStatus.ERASED) {
            return cancel(followUp, CancellationReason.CUSTOMER_ERASED);
        }
        if (!customer.mayContactOn(followUp.channel())) {
            return cancel(followUp, CancellationReason.OPTED_OUT);
        }
        int attempt = followUp.attempts() + 1;
        Optional<ContactIdentity> address = customer.addressOn(followUp.channel());
        if (address.isEmpty()) {
            return fail(followUp, attempt, "no address on channel " + followUp.channel(), now);
        }
        ZoneId zone = customer.timeZone();
        if (!sendWindow.isAllowed(now, zone)) {
            Instant next = FollowUps.truncate(sendWindow.nextAllowed(now, zone));
            if (followUp.expiresAt().isPresent() && !next.isBefore(followUp.expiresAt().get())) {
                return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED), null, Outcome.EXPIRED);
            }
            return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED).dueAt(next), null, Outcome.DEFERRED);
        }
        OutboundMessage message;
        try {
            message = message(followUp, customer, address.get(), batch);
        } catch (TemplateNotFoundException e) {
            return retry(followUp, attempt, FollowUps.errorText(e.getMessage()), zone); // the host may add it
        } catch (MissingTemplateValueException | ValidationException e) {
            return fail(followUp, attempt, FollowUps.errorText(e.getMessage()), now);
        }
        try {
            messenger.send(message);
        } catch (MessageDeliveryException e) {
            return e.retryable() ? retry(followUp, attempt, FollowUps.errorText(e.getMessage()), zone)
                    : fail(followUp, attempt, FollowUps.errorText(e.getMessage()), now);
        } catch (RuntimeException e) {
            return retry(followUp, attempt, e.getClass().getName(), zone);
        }
        Instant sentAt = Arguments.now(clock);
        return decide(followUp, f -> f.status(FollowUpStatus.SENT).attempts(attempt),
                new FollowUpSent(UUID.randomUUID(), sentAt, followUp.id(), attempt), Outcome.SENT);
    }

    private OutboundMessage message(FollowUp followUp, Customer customer, ContactIdentity address, Batch batch) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MessageValues.CUSTOMER_NAME, customer.name());
        Optional<Case> supportCase = followUp.caseId().map(batch.cases::get);
        supportCase.ifPresent(c -> {
            values.put(MessageValues.CASE_SUBJECT, c.subject());
            c.assignee().flatMap(batch::agent).map(Agent::name)
                    .ifPresent(name -> values.put(MessageValues.AGENT_NAME, name));
        });
        if (surveyTokens.settings().enabled() && FollowUpKind.SURVEY.equals(followUp.kind())) {
            // the survey comes back through this token: FeedbackService.answerSurvey checks it
            String token = surveyTokens.issue(followUp.id(), Arguments.now(clock));
            values.put(MessageValues.SURVEY_TOKEN, token);
            surveyTokens.settings().linkPrefix().ifPresent(p -> values.put(MessageValues.SURVEY_LINK, p + token));
        }
        values.putAll(followUp.values());
        Locale locale = MessageLocale.of(supportCase.flatMap(Case::language), customer.locale());
        String template = values.get(MessageValues.TEMPLATE);
        if (templates != null && template != null) {
            values.put(MessageValues.TEXT, templates.render(template, locale, values));
        }
        return new OutboundMessage(messageKey(followUp.id()), customer.id(), followUp.kind().code(),
                followUp.channel(), address.value(), locale, values);
    }

    private Decision retry(FollowUp followUp, int attempt, String error, ZoneId zone) {
        Instant now = Arguments.now(clock);
        if (attempt >= maxAttempts) {
            return fail(followUp, attempt, error, now);
        }
        Instant next = FollowUps.truncate(sendWindow.nextAllowed(now.plus(backoff(attempt)), zone));
        LOG.debug("Follow-up {} attempt {} failed; retrying at {}", followUp.id(), attempt, next);
        if (followUp.expiresAt().isPresent() && !next.isBefore(followUp.expiresAt().get())) {
            return decide(followUp, f -> f.status(FollowUpStatus.EXPIRED).attempts(attempt).lastError(error), null,
                    Outcome.EXPIRED);
        }
        return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED).attempts(attempt).lastError(error)
                .dueAt(next), null, Outcome.RETRIED);
    }

    private Decision fail(FollowUp followUp, int attempt, String error, Instant now) {
        LOG.warn("Follow-up {} failed after {} attempt(s); parked as failed", followUp.id(), attempt);
        return decide(followUp, f -> f.status(FollowUpStatus.FAILED).attempts(attempt).lastError(error),
                new FollowUpFailed(UUID.randomUUID(), now, followUp.id(), attempt, error), Outcome.FAILED);
    }

    private Decision cancel(FollowUp followUp, CancellationReason reason) {
        Instant now = Arguments.now(clock);
        return decide(followUp, f -> f.status(FollowUpStatus.CANCELLED).cancelReason(reason.code()),
                new FollowUpCancelled(UUID.randomUUID(), now, followUp.id(), reason.code()), Outcome.CANCELLED);
    }

    private Decision release(FollowUp followUp) {
        return decide(followUp, f -> f.status(FollowUpStatus.SCHEDULED), null, Outcome.RELEASED);
    }

    /** A claimed follow-up's next state, lease cleared, with the event to raise once it is stored. */
    private record Decision(FollowUp claimed, FollowUp next, DomainEvent event, Outcome outcome) { }

    private Decision decide(FollowUp claimed, UnaryOperator<FollowUp.Builder> change, DomainEvent event,
            Outcome outcome) {
        Instant now = Arguments.now(clock);
        FollowUp next = change.apply(claimed.toBuilder().leaseOwner(null).leaseUntil(null).updatedAt(now)).build();
        return new Decision(claimed, next, event, outcome);
    }

    /**
     * Stores the batch's decisions in one transaction, each with a version check, and raises the events of those
     * stored (published after commit, or appended to the outbox in the same transaction). A stale version means the
     * follow-up was taken over or cancelled meanwhile: nothing is written for it and nothing resent.
     */
    private void store(List<Decision> decisions, int[] counts) {
        if (decisions.isEmpty()) {
            return;
        }
        List<FollowUp> next = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            next.add(decision.next());
        }
        List<Optional<FollowUp>> stored = unitOfWork.run(events -> {
            List<Optional<FollowUp>> results = followUps.updateEach(next);
            for (int i = 0; i < results.size(); i++) {
                DomainEvent event = decisions.get(i).event();
                if (results.get(i).isPresent() && event != null) {
                    events.add(event);
                }
            }
            return results;
        });
        for (int i = 0; i < stored.size(); i++) {
            Decision decision = decisions.get(i);
            if (stored.get(i).isPresent()) {
                counts[decision.outcome().ordinal()]++;
                continue;
            }
            counts[Outcome.ABANDONED.ordinal()]++;
            FollowUpStatus current = followUps.findById(decision.claimed().id()).map(FollowUp::status)
                    .orElse(FollowUpStatus.CANCELLED);
            if (current == FollowUpStatus.CANCELLED) {
                LOG.debug("Follow-up {} was cancelled while claimed", decision.claimed().id());
            } else {
                LOG.info("Follow-up {} was taken over by another dispatcher after the lease lapsed",
                        decision.claimed().id());
            }
        }
    }

    private static boolean isExpired(FollowUp followUp, Instant now) {
        return followUp.expiresAt().isPresent() && !now.isBefore(followUp.expiresAt().get());
    }

    /** The delay before retry {@code attempt + 1}: base doubled per attempt, capped, shortened by jitter. */
    Duration backoff(int attempt) {
        Duration delay = backoffBase;
        for (int i = 1; i < attempt && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(backoffMax) > 0) {
            delay = backoffMax;
        }
        if (jitter > 0) {
            double share = jitter * ThreadLocalRandom.current().nextDouble();
            delay = delay.minusNanos((long) (delay.toNanos() * share));
        }
        return delay;
    }

    // ------------------------------------------------------------------------------------------------ background

    /**
     * Starts the background threads, which claim and send until {@link #close()}. A thread that finds less than a
     * full batch pauses for the poll interval. A round that fails is logged and tried again after a backoff from
     * {@link Builder#restartBackoff(Duration)} doubling to {@link Builder#maxRestartBackoff(Duration)}; an
     * interrupt that {@link #close()} did not cause is logged and does not stop a thread.
     *
     * @return this dispatcher
     * @throws IllegalStateException if already started or closed
     */
    public FollowUpDispatcher start() {
        synchronized (lifecycle) {
            if (state != State.NEW || stopping) {
                throw new IllegalStateException("the follow-up dispatcher was already started or closed");
            }
            state = State.RUNNING;
            AtomicInteger storer = new AtomicInteger();
            storers = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "rapport-followup-" + owner + "-store-" + storer.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            List<WorkerLoop> started = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                WorkerLoop loop = new WorkerLoop("followup-" + owner, pollInterval, restartBackoff,
                        maxRestartBackoff, new Pipeline());
                loop.start();
                started.add(loop);
            }
            loops = List.copyOf(started);
            LOG.info("Follow-up dispatcher {} started with {} thread(s)", owner, threads);
            return this;
        }
    }

    /**
     * Whether the background threads run and have not been asked to stop.
     *
     * @return {@code true} between {@code start()} and the start of {@code close()}
     */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return state == State.RUNNING && !stopping;
        }
    }

    /**
     * One background thread's rounds. The outcomes of a full round are stored on a companion thread while this
     * thread claims the next batch and reads what it needs, so the database writes one batch while the next is
     * read; but no follow-up of the next round is sent before the previous round's outcomes are stored. A thread
     * therefore never holds more than one round (at most a batch) of follow-ups that were sent and whose outcome is
     * not stored: that is the bound on what a crash can leave to be sent again. A store that fails is tried again
     * on this thread before anything else is claimed or sent; until it succeeds the thread backs off.
     */
    private final class Pipeline implements WorkerLoop.Task {
        /** A round whose follow-ups were decided and sent, and whose outcomes are not yet known to be stored. */
        private Round unstored;
        /** The companion thread's store of {@link #unstored}, if it runs there. */
        private Future<?> storing;

        @Override
        public boolean runRound() {
            if (unstored != null && storing == null) {
                storeUnstored(); // a store that failed is retried before anything else
            }
            Claim next;
            try {
                next = stopping ? null : claim();
            } finally {
                storeUnstored(); // the previous round is stored before a follow-up of this one is sent
            }
            if (next == null || next.claimed().isEmpty()) {
                return false;
            }
            Round round = decide(next);
            unstored = round;
            try {
                storing = storers.submit(() -> finish(round));
            } catch (RejectedExecutionException e) {
                storeUnstored(); // the storing threads are stopped: store it here
            }
            if (round.claimed() < batchSize || stopping) {
                storeUnstored(); // nothing more is ready: wait for the store before pausing
                return false;
            }
            return true;
        }

        private void storeUnstored() {
            if (unstored == null) {
                return;
            }
            Future<?> running = storing;
            storing = null;
            if (running != null) {
                try {
                    Uninterruptibles.getUninterruptibly(running);
                    unstored = null;
                    return;
                } catch (ExecutionException e) {
                    LOG.warn("Storing the outcomes of a follow-up round failed ({}); trying again",
                            e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName());
                }
            }
            finish(unstored);
            unstored = null;
        }

        @Override
        public void stopped() {
            try {
                storeUnstored();
            } catch (RuntimeException e) {
                LOG.warn("Storing the last follow-up round failed on shutdown ({}); its follow-ups are claimed again"
                        + " once their lease ends", e.getClass().getName());
            }
        }
    }

    /**
     * Stops gracefully: no new claims; each thread finishes the follow-up it is sending, hands the rest of its
     * batch back as scheduled, so other dispatchers can take them at once, and stores its last round. Waits up to
     * the shutdown timeout, then interrupts what still runs (follow-ups it held go back to the pool when their
     * lease ends). Also stops {@link #dispatchDue()} calls running on other threads the same way. Calling it again
     * does nothing.
     */
    @Override
    public void close() {
        List<WorkerLoop> running;
        ExecutorService storing;
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            stopping = true;
            state = State.CLOSED;
            running = loops;
            storing = storers;
        }
        if (running.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        boolean inTime = true;
        for (WorkerLoop loop : running) {
            long left = Math.max(1, deadline - System.nanoTime());
            inTime &= loop.close(Duration.ofNanos(left));
        }
        if (!inTime) {
            LOG.warn("Follow-up dispatcher {} did not stop within {}; interrupted it", owner, shutdownTimeout);
        }
        // each thread stored its last round before it ended; a store still running after an interrupt may finish
        storing.shutdown();
        LOG.info("Follow-up dispatcher {} closed", owner);
    }

    // ------------------------------------------------------------------------------------------------ builder

    /** Builds {@link FollowUpDispatcher}s; not thread-safe. */
    public static final class Builder {
        private final RapportStorage storage;
        private final CustomerMessenger messenger;
        private EventPublisher eventPublisher = EventPublisher.NONE;
        private Clock clock = Clock.systemUTC();
        private SendWindow sendWindow;
        private dev.rapport.feedback.SurveySettings surveys = dev.rapport.feedback.SurveySettings.none();
        private String owner;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private double jitter = DEFAULT_JITTER;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int threads = DEFAULT_THREADS;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration restartBackoff = WorkerLoop.DEFAULT_RESTART_BACKOFF;
        private Duration maxRestartBackoff = WorkerLoop.DEFAULT_MAX_RESTART_BACKOFF;
        private EngineRuntime runtime;
        private Templates templates;

        private Builder(RapportStorage storage, CustomerMessenger messenger) {
            this.storage = storage;
            this.messenger = messenger;
        }

        /**
         * Sets where events go after commit; default {@link EventPublisher#NONE}. Ignored by a builder over a
         * runtime, whose unit of work decides.
         *
         * @param value the publisher of the dispatcher's events
         * @return this builder
         */
        public Builder eventPublisher(EventPublisher value) { eventPublisher = value; return this; }
        /**
         * Sets the clock for stamps, expiry, quiet hours and backoff; default {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) { clock = value; return this; }
        /**
         * Sets the allowed send times; default {@link SendWindow#defaults()}; use the scheduler's.
         *
         * @param value the send window; {@code null} for the default
         * @return this builder
         */
        public Builder sendWindow(SendWindow value) { sendWindow = value; return this; }

        /**
         * Sets the survey settings whose secret signs the token every survey follow-up's message carries (values
         * {@link MessageValues#SURVEY_TOKEN} and {@link MessageValues#SURVEY_LINK}); default
         * {@link dev.rapport.feedback.SurveySettings#none()}: no token.
         *
         * @param value the survey settings
         * @return this builder
         */
        public Builder surveys(dev.rapport.feedback.SurveySettings value) {
            surveys = value;
            return this;
        }
        /**
         * Sets the lease owner, unique per dispatcher; default {@code "dispatcher-"} and a random UUID.
         *
         * @param value the owner name; plain text, not blank
         * @return this builder
         */
        public Builder owner(String value) { owner = value; return this; }
        /**
         * Sets how many follow-ups one round claims, 1 to 1000; default {@link #DEFAULT_BATCH_SIZE}.
         *
         * @param value the number of follow-ups per round, 1 to 1000
         * @return this builder
         */
        public Builder batchSize(int value) { batchSize = value; return this; }
        /**
         * Sets the lease on claimed follow-ups; default {@link #DEFAULT_LEASE}.
         *
         * @param value how long a claim holds before another dispatcher may take the follow-up; positive
         * @return this builder
         */
        public Builder lease(Duration value) { lease = value; return this; }
        /**
         * Sets the number of send attempts before giving up, at least 1; default {@link #DEFAULT_MAX_ATTEMPTS}.
         *
         * @param value the number of attempts, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int value) { maxAttempts = value; return this; }
        /**
         * Sets the delay before the first retry; default {@link #DEFAULT_BACKOFF_BASE}.
         *
         * @param value the first retry delay, doubled per further attempt up to the maximum; positive
         * @return this builder
         */
        public Builder backoffBase(Duration value) { backoffBase = value; return this; }
        /**
         * Sets the longest delay between retries; default {@link #DEFAULT_BACKOFF_MAX}.
         *
         * @param value the longest retry delay; positive, not shorter than the base
         * @return this builder
         */
        public Builder backoffMax(Duration value) { backoffMax = value; return this; }
        /**
         * Sets the largest share, 0 to 1, by which a retry delay is randomly shortened; default {@link #DEFAULT_JITTER}.
         *
         * @param value the share, 0 to 1; 0 for no jitter
         * @return this builder
         */
        public Builder jitter(double value) { jitter = value; return this; }
        /**
         * Sets the pause of a background thread after a round that was not full; default {@link #DEFAULT_POLL_INTERVAL}.
         *
         * @param value the pause; positive
         * @return this builder
         */
        public Builder pollInterval(Duration value) { pollInterval = value; return this; }
        /**
         * Sets the number of background threads, 1 to 64, each with a companion that stores its rounds (so up to
         * two connections per thread); default {@link #DEFAULT_THREADS}.
         *
         * @param value the number of threads, 1 to 64
         * @return this builder
         */
        public Builder threads(int value) { threads = value; return this; }
        /**
         * Sets how long {@link FollowUpDispatcher#close()} waits; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
         *
         * @param value the longest wait for running rounds to finish; positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) { shutdownTimeout = value; return this; }
        /**
         * Sets how long a background thread waits after a first failed round, doubled per further failure;
         * default one second ({@code WorkerLoop.DEFAULT_RESTART_BACKOFF}).
         *
         * @param value the first wait; positive
         * @return this builder
         */
        public Builder restartBackoff(Duration value) { restartBackoff = value; return this; }
        /**
         * Sets the longest wait of a background thread after failed rounds; default one minute.
         *
         * @param value the longest wait; positive, not shorter than the restart backoff
         * @return this builder
         */
        public Builder maxRestartBackoff(Duration value) { maxRestartBackoff = value; return this; }

        /**
         * Sets the templates follow-ups that name one ({@link MessageValues#TEMPLATE}) are rendered from, into
         * {@link MessageValues#TEXT} in the customer's (or the case's) locale with fallback. A template found nowhere
         * is a retryable failure (the host may add it); a placeholder without a value or a broken stored template
         * fails the follow-up at once, the error naming the placeholder. Default: none, and messages carry the
         * template key for the host to render; {@code Rapport} sets its own.
         *
         * @param value the templates, or null for none
         * @return this builder
         */
        public Builder templates(Templates value) { templates = value; return this; }

        /**
         * The dispatcher, not yet started.
         *
         * @return the dispatcher; call {@code start()} for background threads or
         *         {@link FollowUpDispatcher#dispatchDue()} yourself
         * @throws ValidationException naming each property at fault
         */
        public FollowUpDispatcher build() {
            List<Violation> violations = new ArrayList<>();
            requireNonNull(violations, "storage", storage);
            requireNonNull(violations, "messenger", messenger);
            requireNonNull(violations, "eventPublisher", eventPublisher);
            requireNonNull(violations, "clock", clock);
            requireNonNull(violations, "surveys", surveys);
            if (owner == null) {
                owner = "dispatcher-" + UUID.randomUUID();
            }
            if (owner.isBlank() || owner.length() > Limits.KEY - 40 || !PlainTextValidator.isPlainText(owner, false)) {
                violations.add(new Violation("owner", "PlainText",
                        "must be plain text of 1 to " + (Limits.KEY - 40) + " characters"));
            }
            if (batchSize < 1 || batchSize > 1_000) {
                violations.add(new Violation("batchSize", "Range", "must be between 1 and 1000"));
            }
            requirePositive(violations, "lease", lease);
            if (maxAttempts < 1) {
                violations.add(new Violation("maxAttempts", "Min", "must be at least 1"));
            }
            requirePositive(violations, "backoffBase", backoffBase);
            requirePositive(violations, "backoffMax", backoffMax);
            if (backoffBase != null && backoffMax != null && backoffMax.compareTo(backoffBase) < 0) {
                violations.add(new Violation("backoffMax", "NotBefore", "must not be shorter than backoffBase"));
            }
            if (!(jitter >= 0 && jitter <= 1)) {
                violations.add(new Violation("jitter", "Range", "must be between 0 and 1"));
            }
            requirePositive(violations, "pollInterval", pollInterval);
            if (threads < 1 || threads > 64) {
                violations.add(new Violation("threads", "Range", "must be between 1 and 64"));
            }
            requirePositive(violations, "shutdownTimeout", shutdownTimeout);
            requirePositive(violations, "restartBackoff", restartBackoff);
            requirePositive(violations, "maxRestartBackoff", maxRestartBackoff);
            if (restartBackoff != null && maxRestartBackoff != null && maxRestartBackoff.compareTo(restartBackoff) < 0) {
                violations.add(new Violation("maxRestartBackoff", "NotBefore", "must not be shorter than restartBackoff"));
            }
            if (!violations.isEmpty()) {
                throw new ValidationException("FollowUpDispatcher", violations);
            }
            if (sendWindow == null) {
                sendWindow = SendWindow.defaults();
            }
            return new FollowUpDispatcher(this);
        }

        private static void requireNonNull(List<Violation> violations, String field, Object value) {
            if (value == null) {
                violations.add(new Violation(field, "NotNull", "must not be null"));
            }
        }

        private static void requirePositive(List<Violation> violations, String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                violations.add(new Violation(field, "Positive", "must be positive"));
            }
        }
    }

    @Override
    public String toString() {
        return "FollowUpDispatcher[owner=" + owner + ", batchSize=" + batchSize + ", lease=" + lease + ", threads="
                + threads + "]";
    }
}
