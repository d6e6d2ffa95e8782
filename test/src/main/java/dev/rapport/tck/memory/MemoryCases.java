package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import java.util.List;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseNotFoundException;
import dev.rapport.spi.cases.CaseRepository;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.field.FieldValue;
import dev.rapport.spi.field.TagsAndFields;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class MemoryCases implements CaseRepository {

    private static final Comparator<Case> ORDER =
            Comparator.comparing(Case::createdAt).thenComparing(c -> c.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<CaseId, Case> byId = new HashMap<>();

    MemoryCases(MemoryState state) {
        this.state = state;
    }

    /** Every stored case; call under the lock. Used by the automation firings' candidate scan. */
    Collection<Case> all() {
        return byId.values();
    }

    @Override
    public Case insert(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        return state.inTransaction(() -> {
            if (byId.containsKey(supportCase.id())) {
                throw DuplicateEntityException.ofId("case", supportCase.id());
            }
            Case stored = supportCase.withVersion(1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Case update(Case supportCase) {
        ValueDomain.check(supportCase);
        Objects.requireNonNull(supportCase, "supportCase");
        TagsAndFields.check("Case", supportCase.tags(), supportCase.fields());
        return state.inTransaction(() -> {
            Case current = byId.get(supportCase.id());
            if (current == null) {
                throw new CaseNotFoundException(supportCase.id());
            }
            if (current.version() != supportCase.version()) {
                throw new StaleVersionException("case", supportCase.id(), supportCase.version());
            }
            Case stored = supportCase.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    @Override
    public Map<CaseId, Case> findAllById(Collection<CaseId> ids) {
        Objects.requireNonNull(ids, "ids");
        ids.forEach(id -> Objects.requireNonNull(id, "id"));
        return state.locked(() -> {
            Map<CaseId, Case> found = new HashMap<>();
            for (CaseId id : ids) {
                Case supportCase = byId.get(id);
                if (supportCase != null) {
                    found.put(id, supportCase);
                }
            }
            return found;
        });
    }

    @Override
    public Optional<Case> findById(CaseId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Page<Case> findByCustomer(CustomerId customerId, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> c.customerId().equals(customerId), ORDER, page));
    }

    @Override
    public Page<Case> findByStatus(Set<CaseStatus> statuses, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> statuses.contains(c.status()), ORDER, page));
    }

    @Override
    public java.util.List<Case> listByStatusAfter(Set<CaseStatus> statuses, java.util.Optional<CaseId> after,
            int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return state.locked(() -> byId.values().stream()
                .filter(c -> statuses.contains(c.status()))
                .filter(c -> after.isEmpty() || MemoryState.ID_ORDER.compare(c.id().value(), after.get().value()) > 0)
                .sorted(Comparator.comparing(c -> c.id().value(), MemoryState.ID_ORDER)).limit(limit).toList());
    }

    @Override
    public Page<Case> findCreatedBetween(TimeRange created, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), c -> created.contains(c.createdAt()), ORDER, page));
    }

    @Override
    public Page<Case> findByTag(String tag, PageRequest page) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(page, "page");
        return state.locked(() -> MemoryState.page(byId.values(), c -> c.tags().contains(tag), ORDER, page));
    }

    @Override
    public Page<Case> findByField(String field, FieldValue value, PageRequest page) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(page, "page");
        return state.locked(() -> MemoryState.page(byId.values(), c -> value.equals(c.fields().get(field)), ORDER,
                page));
    }

    /** Gives the customer's cases to another customer; for {@code CustomerMerges.reassign}. Call in a transaction. */
    int reassignCustomer(CustomerId from, CustomerId into) {
        int moved = 0;
        for (Case value : List.copyOf(byId.values())) {
            if (value.customerId().equals(from)) {
                state.put(byId, value.id(), value.toBuilder().customerId(into).version(value.version() + 1).build());
                moved++;
            }
        }
        return moved;
    }
}
