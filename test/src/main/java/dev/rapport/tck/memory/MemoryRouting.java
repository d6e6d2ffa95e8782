package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.routing.RoutingHolding;
import dev.rapport.spi.routing.RoutingRepository;
import dev.rapport.spi.routing.RoutingWork;
import dev.rapport.spi.routing.RoutingWorkNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Routing's shared state in memory: waiting work and holdings keyed by case, undone with the transaction. */
final class MemoryRouting implements RoutingRepository {

    static final String WORK = "routing_work";

    private static final Comparator<RoutingWork> ORDER =
            Comparator.comparing(w -> w.caseId().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<CaseId, RoutingWork> work = new HashMap<>();
    private final Map<CaseId, RoutingHolding> holdings = new HashMap<>();

    MemoryRouting(MemoryState state) {
        this.state = state;
    }

    @Override
    public RoutingWork insertWork(RoutingWork item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "work");
        return state.inTransaction(() -> {
            if (work.containsKey(item.caseId())) {
                throw DuplicateEntityException.ofId(WORK, item.caseId());
            }
            RoutingWork stored = item.withVersion(1);
            state.put(work, stored.caseId(), stored);
            return stored;
        });
    }

    @Override
    public RoutingWork updateWork(RoutingWork item) {
        ValueDomain.check(item);
        Objects.requireNonNull(item, "work");
        return state.inTransaction(() -> {
            RoutingWork current = current(item);
            RoutingWork stored = item.withVersion(current.version() + 1);
            state.put(work, stored.caseId(), stored);
            return stored;
        });
    }

    @Override
    public void deleteWork(RoutingWork item) {
        Objects.requireNonNull(item, "work");
        state.inTransaction(() -> {
            current(item);
            state.remove(work, item.caseId());
            return null;
        });
    }

    /** The stored work the given one must be the current version of. Call under the lock. */
    private RoutingWork current(RoutingWork item) {
        RoutingWork current = work.get(item.caseId());
        if (current == null) {
            throw new RoutingWorkNotFoundException(item.caseId());
        }
        if (current.version() != item.version()) {
            throw new StaleVersionException(WORK, item.caseId(), item.version());
        }
        return current;
    }

    @Override
    public Optional<RoutingWork> removeWork(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.inTransaction(() -> {
            Optional<RoutingWork> current = Optional.ofNullable(work.get(caseId));
            current.ifPresent(w -> state.remove(work, caseId));
            return current;
        });
    }

    @Override
    public Optional<RoutingWork> findWork(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.locked(() -> Optional.ofNullable(work.get(caseId)));
    }

    @Override
    public Optional<RoutingWork> findWorkByOffer(java.util.UUID offerId) {
        Objects.requireNonNull(offerId, "offerId");
        return state.locked(() -> work.values().stream()
                .filter(w -> w.offer().map(o -> o.offerId().equals(offerId)).orElse(false)).findFirst());
    }

    @Override
    public List<RoutingWork> listWork(Optional<CaseId> after, int limit) {
        Objects.requireNonNull(after, "after");
        checkLimit("listWork", limit);
        return state.locked(() -> {
            List<RoutingWork> out = new ArrayList<>();
            for (RoutingWork w : work.values()) {
                if (after.isEmpty() || MemoryState.ID_ORDER.compare(w.caseId().value(), after.get().value()) > 0) {
                    out.add(w);
                }
            }
            out.sort(ORDER);
            return List.copyOf(out.subList(0, Math.min(limit, out.size())));
        });
    }

    @Override
    public long countWork() {
        return state.locked(() -> (long) work.size());
    }

    @Override
    public void putHolding(RoutingHolding holding) {
        ValueDomain.check(holding);
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(holding.caseId(), "holding.caseId");
        state.inTransaction(() -> {
            state.put(holdings, holding.caseId(), holding);
            return null;
        });
    }

    @Override
    public Optional<RoutingHolding> findHolding(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.locked(() -> Optional.ofNullable(holdings.get(caseId)));
    }

    @Override
    public Optional<RoutingHolding> removeHolding(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.inTransaction(() -> {
            Optional<RoutingHolding> current = Optional.ofNullable(holdings.get(caseId));
            current.ifPresent(h -> state.remove(holdings, caseId));
            return current;
        });
    }

    /** Checks a walk's limit: 1 to {@link PageRequest#MAX_LIMIT}. */
    static void checkLimit(String subject, int limit) {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw ValidationException.of(subject, "limit", "Range", "must be between 1 and " + PageRequest.MAX_LIMIT);
        }
    }
}
