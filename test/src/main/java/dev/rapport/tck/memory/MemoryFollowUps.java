package dev.rapport.tck.memory;

import dev.rapport.spi.validation.ValueDomain;
import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.Page;
import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.StaleVersionException;
import dev.rapport.spi.ValidationException;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.followup.DuplicateIdempotencyKeyException;
import dev.rapport.spi.followup.FollowUp;
import dev.rapport.spi.followup.FollowUpId;
import dev.rapport.spi.followup.FollowUpKind;
import dev.rapport.spi.followup.FollowUpNotFoundException;
import dev.rapport.spi.followup.FollowUpRepository;
import dev.rapport.spi.followup.FollowUpStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

final class MemoryFollowUps implements FollowUpRepository {

    private static final Comparator<FollowUp> ORDER =
            Comparator.comparing(FollowUp::dueAt).thenComparing(f -> f.id().value(), MemoryState.ID_ORDER);

    private final MemoryState state;
    private final Map<FollowUpId, FollowUp> byId = new HashMap<>();
    private final Map<String, FollowUpId> byKey = new HashMap<>();

    MemoryFollowUps(MemoryState state) {
        this.state = state;
    }

    @Override
    public FollowUp insert(FollowUp followUp) {
        ValueDomain.check(followUp);
        Objects.requireNonNull(followUp, "followUp");
        return state.inTransaction(() -> {
            if (byId.containsKey(followUp.id())) {
                throw DuplicateEntityException.ofId("follow-up", followUp.id());
            }
            FollowUpId holder = byKey.get(followUp.idempotencyKey());
            if (holder != null) {
                throw new DuplicateIdempotencyKeyException(followUp.idempotencyKey(), holder);
            }
            FollowUp stored = followUp.withVersion(1);
            state.put(byId, stored.id(), stored);
            state.put(byKey, stored.idempotencyKey(), stored.id());
            return stored;
        });
    }

    @Override
    public FollowUp update(FollowUp followUp) {
        ValueDomain.check(followUp);
        Objects.requireNonNull(followUp, "followUp");
        return state.inTransaction(() -> {
            FollowUp current = byId.get(followUp.id());
            if (current == null) {
                throw new FollowUpNotFoundException(followUp.id());
            }
            if (current.version() != followUp.version()) {
                throw new StaleVersionException("follow-up", followUp.id(), followUp.version());
            }
            if (!current.idempotencyKey().equals(followUp.idempotencyKey())) {
                FollowUpId holder = byKey.get(followUp.idempotencyKey());
                if (holder != null) {
                    throw new DuplicateIdempotencyKeyException(followUp.idempotencyKey(), holder);
                }
                state.remove(byKey, current.idempotencyKey());
                state.put(byKey, followUp.idempotencyKey(), followUp.id());
            }
            FollowUp stored = followUp.withVersion(current.version() + 1);
            state.put(byId, stored.id(), stored);
            return stored;
        });
    }

    /** All or nothing: the elements are updated in one transaction of this store, so a failure undoes them all. */
    @Override
    public List<Optional<FollowUp>> updateEach(List<FollowUp> followUps) {
        followUps.forEach(ValueDomain::check);
        Objects.requireNonNull(followUps, "followUps");
        Set<FollowUpId> ids = new HashSet<>();
        for (FollowUp followUp : followUps) {
            Objects.requireNonNull(followUp, "followUp");
            if (!ids.add(followUp.id())) {
                throw ValidationException.of("updateEach", "followUps", "Unique", "must not hold follow-up "
                        + followUp.id() + " twice");
            }
        }
        return state.inTransaction(() -> {
            List<Optional<FollowUp>> results = new ArrayList<>(followUps.size());
            for (FollowUp followUp : followUps) {
                FollowUp current = byId.get(followUp.id());
                if (current == null || current.version() != followUp.version()) {
                    results.add(Optional.empty());
                } else {
                    results.add(Optional.of(update(followUp)));
                }
            }
            return List.copyOf(results);
        });
    }

    @Override
    public Optional<FollowUp> findById(FollowUpId id) {
        return state.locked(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<FollowUp> findByIdempotencyKey(String idempotencyKey) {
        return state.locked(() -> Optional.ofNullable(byKey.get(idempotencyKey)).map(byId::get));
    }

    @Override
    public Page<FollowUp> findByCustomer(CustomerId customerId, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), f -> f.customerId().equals(customerId), ORDER, page));
    }

    @Override
    public Page<FollowUp> findByStatus(Set<FollowUpStatus> statuses, PageRequest page) {
        return state.locked(() -> MemoryState.page(byId.values(), f -> statuses.contains(f.status()), ORDER, page));
    }

    @Override
    public List<FollowUp> listByStatusAfter(Set<FollowUpStatus> statuses, Optional<FollowUpId> after, int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return state.locked(() -> byId.values().stream()
                .filter(f -> statuses.contains(f.status()))
                .filter(f -> after.isEmpty() || MemoryState.ID_ORDER.compare(f.id().value(), after.get().value()) > 0)
                .sorted(Comparator.comparing(f -> f.id().value(), MemoryState.ID_ORDER)).limit(limit).toList());
    }

    @Override
    public List<FollowUp> listDueBetween(FollowUpStatus status, FollowUpKind kind, TimeRange due,
            Optional<FollowUp> after, int limit) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(after, "after");
        PageWalk.requireKeyLimit(limit);
        return state.locked(() -> byId.values().stream()
                .filter(f -> f.status() == status && kind.equals(f.kind()) && due.contains(f.dueAt()))
                .filter(f -> after.isEmpty() || ORDER.compare(f, after.get()) > 0)
                .sorted(ORDER).limit(limit).toList());
    }

    @Override
    public List<FollowUp> claimDue(String owner, Duration lease, int limit) {
        if (owner == null || owner.isBlank()) {
            throw ValidationException.of("claimDue", "owner", "NotBlank", "must not be blank");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw ValidationException.of("claimDue", "lease", "Positive", "must be positive");
        }
        if (limit < 1) {
            throw ValidationException.of("claimDue", "limit", "Positive", "must be positive");
        }
        return state.inTransaction(() -> {
            // stamped to the microsecond, as Rapport stamps its own times and as databases keep them
            Instant now = state.clock.instant().truncatedTo(ChronoUnit.MICROS);
            List<FollowUp> due = new ArrayList<>();
            for (FollowUp f : byId.values()) {
                boolean scheduledAndDue = f.status() == FollowUpStatus.SCHEDULED && !f.dueAt().isAfter(now);
                boolean leaseLapsed = f.status() == FollowUpStatus.CLAIMED
                        && f.leaseUntil().map(until -> until.isBefore(now)).orElse(true);
                if (scheduledAndDue || leaseLapsed) {
                    due.add(f);
                }
            }
            due.sort(ORDER);
            List<FollowUp> claimed = new ArrayList<>();
            for (FollowUp f : due.subList(0, Math.min(limit, due.size()))) {
                FollowUp stored = f.toBuilder().status(FollowUpStatus.CLAIMED).leaseOwner(owner)
                        .leaseUntil(now.plus(lease)).updatedAt(now).version(f.version() + 1).build();
                state.put(byId, stored.id(), stored);
                claimed.add(stored);
            }
            return List.copyOf(claimed);
        });
    }

    /** Gives the customer's follow-ups to another customer; for {@code CustomerMerges.reassign}. Call in a transaction. */
    int reassignCustomer(CustomerId from, CustomerId into) {
        int moved = 0;
        for (FollowUp value : List.copyOf(byId.values())) {
            if (value.customerId().equals(from)) {
                state.put(byId, value.id(), value.toBuilder().customerId(into).version(value.version() + 1).build());
                moved++;
            }
        }
        return moved;
    }
}
