package dev.rapport;

import dev.rapport.cases.CaseService;
import dev.rapport.customer.CustomerService;
import dev.rapport.feedback.FeedbackService;
import dev.rapport.interaction.InteractionService;
import dev.rapport.internal.CommandValidator;
import dev.rapport.internal.UnitOfWork;
import dev.rapport.outbox.OutboxRelay;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.event.EventPublisher;
import dev.rapport.spi.messaging.CustomerMessenger;
import dev.rapport.spi.messaging.MessageDeliveryException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one entry point to Rapport: built once with {@link #builder()}, then shared by the whole application.
 *
 * <pre>{@code
 * Rapport rapport = Rapport.builder()
 *         .storage(new InMemoryStorage())        // required: where Rapport keeps its data
 *         .eventPublisher(myBroker::publish)     // optional: what happened, after each commit
 *         .build();
 * Customer ann = rapport.customers().register(RegisterCustomer.builder()
 *         .name("Ann Lee")
 *         .identity(ContactIdentity.primary(Channel.EMAIL, "ann@example.com"))
 *         .build());
 * }</pre>
 *
 * <p>Thread-safe: a Rapport and every service it hands out are safe to share between threads. Every operation runs
 * in one storage transaction and publishes its domain events only after that transaction committed. When the
 * storage has a transactional outbox (the JDBC adapter does), events are written to it in that transaction and a
 * background {@link OutboxRelay} publishes them; {@link #close()} stops the relay.
 */
public final class Rapport implements AutoCloseable {

    /**
     * The messenger used when the host configures none: it refuses every message with a non-retryable
     * {@link MessageDeliveryException}, so nothing is sent to customers by accident and the failure is visible.
     */
    public static final CustomerMessenger REFUSING_MESSENGER = message -> {
        throw new MessageDeliveryException(
                "no CustomerMessenger is configured; pass one to Rapport.builder().messenger(...)", false, null);
    };

    /** The event publisher used when the host configures none: {@link EventPublisher#NONE}, which drops events. */
    public static final EventPublisher DEFAULT_EVENT_PUBLISHER = EventPublisher.NONE;

    /** The clock used when the host configures none: the system clock in UTC. */
    public static final Clock DEFAULT_CLOCK = Clock.systemUTC();

    private final RapportStorage storage;
    private final CustomerMessenger messenger;
    private final EventPublisher eventPublisher;
    private final Clock clock;
    private final Validator validator;
    private final CustomerService customers;
    private final InteractionService interactions;
    private final CaseService cases;
    private final FeedbackService feedback;
    private final Optional<OutboxRelay> outboxRelay;

    private Rapport(Builder builder) {
        storage = builder.storage;
        messenger = builder.messenger;
        eventPublisher = builder.eventPublisher;
        clock = builder.clock;
        validator = builder.validator != null ? builder.validator : DefaultValidation.validator(clock);
        outboxRelay = storage.outbox().map(outbox -> OutboxRelay.builder().outbox(outbox).publisher(eventPublisher)
                .build());
        outboxRelay.ifPresent(OutboxRelay::start);
        UnitOfWork unitOfWork = UnitOfWork.over(storage, eventPublisher,
                () -> outboxRelay.ifPresent(OutboxRelay::wake));
        CommandValidator commands = new CommandValidator(validator);
        customers = new CustomerService(storage, unitOfWork, commands, clock);
        interactions = new InteractionService(storage, unitOfWork, commands, clock);
        cases = new CaseService(storage, unitOfWork, commands, clock);
        feedback = new FeedbackService(storage, unitOfWork, commands, clock);
    }

    /** A builder with every default in place and no storage yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registering customers, their contact identities and consents, and finding them by any of their addresses. */
    public CustomerService customers() {
        return customers;
    }

    /** Recording interactions on any channel, idempotently, with their effects on cases. */
    public InteractionService interactions() {
        return interactions;
    }

    /** Opening cases, moving them through their lifecycle and assigning them. */
    public CaseService cases() {
        return cases;
    }

    /** Recording CSAT, NPS and CES responses. */
    public FeedbackService feedback() {
        return feedback;
    }

    /** The clock every time Rapport stamps comes from. */
    public Clock clock() {
        return clock;
    }

    /** The storage adapter Rapport keeps its data in. */
    public RapportStorage storage() {
        return storage;
    }

    /** The messenger Rapport sends customer messages through. */
    public CustomerMessenger messenger() {
        return messenger;
    }

    /** The publisher Rapport hands domain events to after each commit. */
    public EventPublisher eventPublisher() {
        return eventPublisher;
    }

    /** The Jakarta validator commands are checked with. */
    public Validator validator() {
        return validator;
    }

    /**
     * The relay publishing events from the storage's transactional outbox, when the storage has one. It runs in the
     * background from {@link Builder#build()} on; hosts may also call {@link OutboxRelay#relayOnce()} or re-drive
     * dead letters through it.
     */
    public Optional<OutboxRelay> outboxRelay() {
        return outboxRelay;
    }

    /** Stops the background work this Rapport started (the outbox relay); the storage is the host's to close. */
    @Override
    public void close() {
        outboxRelay.ifPresent(OutboxRelay::close);
    }

    /**
     * Configures and builds a {@link Rapport}. Each setter records its value; {@link #build()} checks them all and
     * names the first property at fault. Not thread-safe; use it from one thread, then share the Rapport.
     */
    public static final class Builder {

        private RapportStorage storage;
        private CustomerMessenger messenger = REFUSING_MESSENGER;
        private EventPublisher eventPublisher = DEFAULT_EVENT_PUBLISHER;
        private Clock clock = DEFAULT_CLOCK;
        private Validator validator;
        private boolean validatorSet;

        private Builder() {
        }

        /**
         * Sets the storage adapter that holds every aggregate, for example the JDBC adapter or
         * {@code dev.rapport.tck.memory.InMemoryStorage}. Required: there is no default.
         */
        public Builder storage(RapportStorage value) {
            storage = value;
            return this;
        }

        /**
         * Sets the port that sends messages to customers. Default: {@link Rapport#REFUSING_MESSENGER}, which refuses
         * every message, so nothing goes out until the host wires its own gateways.
         */
        public Builder messenger(CustomerMessenger value) {
            messenger = value;
            return this;
        }

        /**
         * Sets the port that receives domain events after each commit. Default:
         * {@link Rapport#DEFAULT_EVENT_PUBLISHER} ({@link EventPublisher#NONE}), which drops them.
         */
        public Builder eventPublisher(EventPublisher value) {
            eventPublisher = value;
            return this;
        }

        /**
         * Sets the clock every timestamp comes from; tests pass a fixed or controllable clock. Default:
         * {@link Rapport#DEFAULT_CLOCK}, the system clock in UTC.
         */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /**
         * Sets the Jakarta validator commands are checked with, for hosts that configure their own. Default: a
         * Hibernate Validator with Expressly for messages, in English, whose factory is built once per class
         * loader and whose {@code @Past} and {@code @Future} constraints read the {@link #clock(Clock) clock}.
         */
        public Builder validator(Validator value) {
            validator = value;
            validatorSet = true;
            return this;
        }

        /**
         * Checks the configuration and builds the Rapport.
         *
         * @throws RapportConfigurationException naming the property at fault: {@code storage} when none was given or
         *         it hands out no repository or transactions; {@code messenger}, {@code eventPublisher},
         *         {@code clock} or {@code validator} when set to null
         */
        public Rapport build() {
            if (storage == null) {
                throw new RapportConfigurationException("storage",
                        "is required; pass a RapportStorage such as the JDBC adapter or InMemoryStorage");
            }
            checkStorage(storage);
            require("messenger", messenger);
            require("eventPublisher", eventPublisher);
            require("clock", clock);
            if (validatorSet) {
                require("validator", validator);
            }
            return new Rapport(this);
        }

        private static void require(String property, Object value) {
            if (value == null) {
                throw new RapportConfigurationException(property, "must not be null; leave it unset for the default");
            }
        }

        private static void checkStorage(RapportStorage storage) {
            Map<String, Supplier<Object>> parts = Map.of(
                    "customers()", storage::customers,
                    "interactions()", storage::interactions,
                    "cases()", storage::cases,
                    "feedback()", storage::feedback,
                    "followUps()", storage::followUps,
                    "agents()", storage::agents,
                    "transactions()", storage::transactions);
            parts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(part -> {
                if (part.getValue().get() == null) {
                    throw new RapportConfigurationException("storage", part.getKey() + " returned null");
                }
            });
        }
    }
}
