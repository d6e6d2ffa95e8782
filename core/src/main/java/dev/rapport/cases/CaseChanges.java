package dev.rapport.cases;

import dev.rapport.internal.CaseAudit;
import dev.rapport.internal.CaseHooks;
import dev.rapport.internal.EngineRuntime;
import dev.rapport.internal.Retry;
import dev.rapport.spi.IllegalTransitionException;
import dev.rapport.spi.cases.Actor;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.event.CaseStatusChanged;
import dev.rapport.spi.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * How {@link CaseService} changes a stored case: reads the current version, applies a change to it, writes it with
 * its audit entries and events in one unit of work, runs the case hooks on a status move, and applies the change
 * again when another writer got there first. Thread-safe: immutable.
 */
final class CaseChanges {

    private final EngineRuntime runtime;
    private final CaseHooks hooks;

    CaseChanges(EngineRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.hooks = runtime.caseHooks();
    }

    /** A case after a change, with the events the change raises. */
    record Change(Case next, List<DomainEvent> events) {
    }

    /** Moves a case to a state allowed from its current one, recording the actor and reason in its history. */
    Case moveTo(CaseId caseId, CaseStatus to, Set<CaseStatus> allowedFrom, Actor actor, Optional<String> reason) {
        return change(caseId, actor, (current, now) -> {
            if (!allowedFrom.contains(current.status())) {
                throw new IllegalTransitionException("case", current.id(), current.status(), to);
            }
            Case next = current.moveTo(to, now, actor, reason);
            return new Change(next, List.of(
                    new CaseStatusChanged(UUID.randomUUID(), now, current.id(), current.status(), to)));
        });
    }

    /** Applies a change to the current version, retrying on stale versions; writes and publishes only a change. */
    Case change(CaseId caseId, Actor actor, BiFunction<Case, Instant, Change> change) {
        return Retry.onStaleVersion(CaseService.MAX_ATTEMPTS, "Case " + caseId, () -> {
            boolean[] statusChanged = new boolean[1];
            Case stored = runtime.unitOfWork().run(events -> {
                statusChanged[0] = false;
                Case current = runtime.storage().cases().get(caseId);
                Instant now = runtime.now();
                Change result = change.apply(current, now);
                if (result.next().equals(current)) {
                    return current;
                }
                Case updated = runtime.storage().cases().update(runtime.commands().check(result.next()));
                CaseAudit.record(runtime.storage(), current, updated, now, actor);
                events.addAll(result.events());
                if (updated.status() != current.status()) {
                    statusChanged[0] = true;
                    hooks.statusChanged(current, updated, events);
                }
                return updated;
            });
            if (statusChanged[0]) {
                hooks.committed();
            }
            return stored;
        });
    }
}
