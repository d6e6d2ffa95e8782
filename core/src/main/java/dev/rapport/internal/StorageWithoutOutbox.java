package dev.rapport.internal;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.Transactions;
import dev.rapport.spi.agent.AgentRepository;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.complaint.ComplaintRepository;
import dev.rapport.spi.customer.CustomerRepository;
import dev.rapport.spi.event.EventOutbox;
import dev.rapport.spi.feedback.FeedbackRepository;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.interaction.InteractionRepository;
import dev.rapport.spi.kpi.KpiQueries;
import java.util.Objects;
import java.util.Optional;

/**
 * A storage seen without its outbox, for parts that build their own unit of work over a storage when the host set
 * {@code useOutbox(false)}: their events are then published directly after commit, like every other service's.
 * Everything else is the storage itself. Internal to Rapport; not an API. Thread-safe as the storage is.
 */
public final class StorageWithoutOutbox implements RapportStorage {

    private final RapportStorage storage;

    /** The storage, seen without its outbox. */
    public StorageWithoutOutbox(RapportStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    public CustomerRepository customers() {
        return storage.customers();
    }

    @Override
    public InteractionRepository interactions() {
        return storage.interactions();
    }

    @Override
    public CaseRepository cases() {
        return storage.cases();
    }

    @Override
    public FeedbackRepository feedback() {
        return storage.feedback();
    }

    @Override
    public FollowUpRepository followUps() {
        return storage.followUps();
    }

    @Override
    public AgentRepository agents() {
        return storage.agents();
    }

    @Override
    public ComplaintRepository complaints() {
        return storage.complaints();
    }

    @Override
    public Transactions transactions() {
        return storage.transactions();
    }

    @Override
    public Optional<EventOutbox> outbox() {
        return Optional.empty();
    }

    @Override
    public Optional<KpiQueries> kpiQueries() {
        return storage.kpiQueries();
    }
}
