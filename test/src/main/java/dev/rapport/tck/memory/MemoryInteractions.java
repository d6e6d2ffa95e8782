package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.DuplicateExternalIdException;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionId;
import dev.rapport.spi.interaction.InteractionNotFoundException;
import dev.rapport.spi.interaction.InteractionRepository;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

final class MemoryInteractions implements InteractionRepository {

    private static final Comparator<Interaction> ORDER =
            Comparator.comparing(Interaction::occurredAt).thenComparing(i -> i.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<InteractionId, Interaction> byId = new HashMap<>();
    private final Map<String, InteractionId> byExternalId = new HashMap<>();
    private final Map<CaseId, List<InteractionId>> byCase = new HashMap<>();
    private final Map<CustomerId, List<InteractionId>> byCustomer = new HashMap<>();

    MemoryInteractions(MemoryState state) {
        this.state = state;
    }

    @Override
    public Interaction insert(Interaction interaction) {
        ValueDomain.check(interaction);
        Objects.requireNonNull(interaction, "interaction");
        return state.inTransaction(() -> {
            if (byId.containsKey(interaction.id())) {
                throw DuplicateEntityException.ofId("interaction", interaction.id());
            }
            Optional<String> externalId = interaction.externalId();
            if (externalId.isPresent() && byExternalId.containsKey(externalId.get())) {
                throw new DuplicateExternalIdException(externalId.get(), byExternalId.get(externalId.get()));
            }
            state.put(byId, interaction.id(), interaction);
            externalId.ifPresent(key -> state.put(byExternalId, key, interaction.id()));
            interaction.caseId().ifPresent(c -> state.addToIndex(byCase, c, interaction.id()));
            state.addToIndex(byCustomer, interaction.customerId(), interaction.id());
            return interaction;
        });
    }

    @Override
    public Optional<Interaction> findById(InteractionId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<Interaction> findByExternalId(String externalId) {
        return state.locked(() -> Optional.ofNullable(byExternalId.get(externalId)).map(byId::get));
    }

    @Override
    public List<Interaction> findByCase(CaseId caseId) {
        return state.locked(() -> byCase.getOrDefault(caseId, List.of()).stream().map(byId::get)
                .sorted(ORDER).toList());
    }

    @Override
    public Page<Interaction> findByCustomer(CustomerId customerId, TimeRange occurred, PageRequest page) {
        return state.locked(() -> MemoryState.page(
                byCustomer.getOrDefault(customerId, List.of()).stream().map(byId::get).toList(),
                i -> occurred.contains(i.occurredAt()), ORDER, page));
    }

    @Override
    public Page<Interaction> findOccurredBetween(TimeRange occurred, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), i -> occurred.contains(i.occurredAt()), ORDER, page));
    }

    @Override
    public int redactForCustomer(CustomerId customerId, String placeholder) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(placeholder, "placeholder");
        return state.inTransaction(() -> {
            int changed = 0;
            for (InteractionId id : byCustomer.getOrDefault(customerId, List.of())) {
                Interaction current = byId.get(id);
                if (current.summary().isPresent() && !current.summary().get().equals(placeholder)) {
                    state.put(byId, id, current.toBuilder().summary(placeholder).build());
                    changed++;
                }
            }
            return changed;
        });
    }

    @Override
    public boolean redact(InteractionId id, Optional<String> summary) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(summary, "summary");
        return state.inTransaction(() -> {
            Interaction current = byId.get(id);
            if (current == null) {
                throw new InteractionNotFoundException(id);
            }
            if (current.summary().equals(summary)) {
                return false;
            }
            state.put(byId, id, current.toBuilder().summary(summary.orElse(null)).build());
            return true;
        });
    }

    /** Gives the customer's interactions to another customer; for {@code CustomerMerges.reassign}. Call in a transaction. */
    int reassignCustomer(CustomerId from, CustomerId into) {
        List<InteractionId> ids = byCustomer.getOrDefault(from, List.of());
        for (InteractionId id : ids) {
            state.put(byId, id, byId.get(id).toBuilder().customerId(into).build());
            state.addToIndex(byCustomer, into, id);
        }
        state.remove(byCustomer, from);
        return ids.size();
    }
}
