package dev.rapport.internal;

import dev.rapport.spi.RapportStorage;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every service of one Rapport shares: the storage, the clock, the validator, the one unit of work (which
 * honours {@code useOutbox} and wakes the relay) and the case hooks. Built once by the facade; no service builds its
 * own. Internal to Rapport; not an API. Thread-safe.
 */
public final class EngineRuntime {

    private final RapportStorage storage;
    private final Clock clock;
    private final Validator validator;
    private final CommandValidator commands;
    private final UnitOfWork unitOfWork;
    private final List<CaseHooks> caseHooks = new CopyOnWriteArrayList<>();
    private final dev.rapport.observe.RapportObserver observer;
    private volatile dev.rapport.field.FieldSchema customFields = dev.rapport.field.FieldSchema.NONE;

    /**
     * A runtime over the given parts.
     *
     * @param storage where everything is kept
     * @param clock where times come from
     * @param validator checks commands and domain values
     * @param unitOfWork runs each operation in one transaction and hands its events on after commit
     */
    public EngineRuntime(RapportStorage storage, Clock clock, Validator validator, UnitOfWork unitOfWork) {
        this(storage, clock, validator, unitOfWork, dev.rapport.observe.RapportObserver.NONE);
    }

    /**
     * A runtime over the given parts, reporting to an observer.
     *
     * @param storage where everything is kept
     * @param clock where times come from
     * @param validator checks commands and domain values
     * @param unitOfWork runs each operation in one transaction and hands its events on after commit
     * @param observer told what the services do; guarded, so that its failures are only logged
     */
    public EngineRuntime(RapportStorage storage, Clock clock, Validator validator, UnitOfWork unitOfWork,
            dev.rapport.observe.RapportObserver observer) {
        this.observer = dev.rapport.observe.RapportObserver.guarded(Objects.requireNonNull(observer, "observer"));
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.commands = new CommandValidator(validator);
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /**
     * A runtime outside a Rapport whose unit of work publishes each operation's events directly after commit, with
     * no outbox and no case hooks: for tests and benchmarks of one service on its own. Hosts use the services
     * {@code Rapport} hands out instead.
     *
     * @param storage where everything is kept
     * @param clock where times come from
     * @param validator checks commands and domain values
     * @param publisher where events go after each commit
     * @return a new runtime over the given parts
     */
    public static EngineRuntime direct(RapportStorage storage, Clock clock, Validator validator,
            dev.rapport.spi.event.EventPublisher publisher) {
        return new EngineRuntime(storage, clock, validator,
                new UnitOfWork(storage.transactions(), Objects.requireNonNull(publisher, "publisher")));
    }

    /**
     * The storage.
     *
     * @return the storage adapter every service works on
     */
    public RapportStorage storage() {
        return storage;
    }

    /**
     * The observer the services report to; {@link dev.rapport.observe.RapportObserver#NONE} unless set.
     *
     * @return the observer the services report to
     */
    public dev.rapport.observe.RapportObserver observer() {
        return observer;
    }

    /**
     * The clock.
     *
     * @return the clock every time is read from
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The clock's instant now, truncated to microseconds as storage keeps it.
     *
     * @return the current instant by {@link #clock()}, truncated to microseconds
     */
    public Instant now() {
        return Arguments.now(clock);
    }

    /**
     * The Jakarta validator.
     *
     * @return the Jakarta validator commands are checked with
     */
    public Validator validator() {
        return validator;
    }

    /**
     * The command checker over {@link #validator()}.
     *
     * @return the command checker the services share
     */
    public CommandValidator commands() {
        return commands;
    }

    /**
     * The one unit of work every service runs its operations in.
     *
     * @return the unit of work the services share
     */
    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    /**
     * Sets the custom field schema the services check field values against; the facade does this once, before it
     * builds the services.
     *
     * @param schema the checked schema
     */
    public void useCustomFields(dev.rapport.field.FieldSchema schema) {
        customFields = Objects.requireNonNull(schema, "schema");
    }

    /**
     * The custom field schema; {@link dev.rapport.field.FieldSchema#NONE} unless the host declared one.
     *
     * @return the schema
     */
    public dev.rapport.field.FieldSchema customFields() {
        return customFields;
    }

    /**
     * Adds hooks that run in every transaction that opens a case or changes its status.
     *
     * @param hooks the hooks to add after those already added
     */
    public void addCaseHooks(CaseHooks hooks) {
        caseHooks.add(Objects.requireNonNull(hooks, "hooks"));
    }

    /**
     * The case hooks, all of them as one.
     *
     * @return hooks that run every added hook set, in the order they were added
     */
    public CaseHooks caseHooks() {
        return new CaseHooks() {
            @Override
            public void opened(dev.rapport.spi.cases.Case opened, List<dev.rapport.spi.event.DomainEvent> events) {
                caseHooks.forEach(h -> h.opened(opened, events));
            }

            @Override
            public void statusChanged(dev.rapport.spi.cases.Case before, dev.rapport.spi.cases.Case after,
                    List<dev.rapport.spi.event.DomainEvent> events) {
                caseHooks.forEach(h -> h.statusChanged(before, after, events));
            }

            @Override
            public void committed() {
                caseHooks.forEach(CaseHooks::committed);
            }
        };
    }
}
