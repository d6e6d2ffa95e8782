package dev.rapport.tck.memory;

import dev.rapport.spi.DuplicateEntityException;
import dev.rapport.spi.automation.AutomationFiring;
import dev.rapport.spi.automation.AutomationFirings;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.cases.CaseStatus;
import dev.rapport.spi.validation.ValueDomain;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Automation firings in memory, keyed by rule, case and occasion; the candidate scan walks the in-memory cases. */
final class MemoryAutomationFirings implements AutomationFirings {

    private static final Comparator<AutomationFiring> ORDER = Comparator.comparing(AutomationFiring::firedAt)
            .thenComparing(AutomationFiring::ruleName);
    private static final Comparator<Case> BY_ID = Comparator.comparing(c -> c.id().value(), MemoryState.ID_ORDER);

    private record Key(String ruleName, CaseId caseId, Instant occasion) {
    }

    private final MemoryState state;
    private final MemoryCases cases;
    private final Map<Key, AutomationFiring> byKey = new HashMap<>();

    MemoryAutomationFirings(MemoryState state, MemoryCases cases) {
        this.state = state;
        this.cases = cases;
    }

    @Override
    public AutomationFiring record(AutomationFiring firing) {
        Objects.requireNonNull(firing, "firing");
        ValueDomain.check(firing);
        Key key = new Key(firing.ruleName(), firing.caseId(), firing.occasion());
        return state.inTransaction(() -> {
            if (byKey.containsKey(key)) {
                throw new DuplicateEntityException("automation firing", "occasion", "rule " + firing.ruleName()
                        + " already fired on case " + firing.caseId() + " for occasion " + firing.occasion());
            }
            state.put(byKey, key, firing);
            return firing;
        });
    }

    @Override
    public boolean hasFired(String ruleName, CaseId caseId, Instant occasion) {
        Key key = new Key(Objects.requireNonNull(ruleName, "ruleName"), Objects.requireNonNull(caseId, "caseId"),
                Objects.requireNonNull(occasion, "occasion"));
        return state.locked(() -> byKey.containsKey(key));
    }

    @Override
    public List<AutomationFiring> findByCase(CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.locked(() -> byKey.values().stream().filter(f -> f.caseId().equals(caseId)).sorted(ORDER)
                .toList());
    }

    @Override
    public List<Case> candidates(Set<CaseStatus> statuses, Instant now, Optional<CaseId> after, int limit) {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1000, was " + limit);
        }
        return state.locked(() -> cases.all().stream()
                .filter(c -> statuses.contains(c.status()))
                .filter(c -> !c.isSnoozedAt(now))
                .filter(c -> after.isEmpty() || MemoryState.ID_ORDER.compare(c.id().value(), after.get().value()) > 0)
                .sorted(BY_ID)
                .limit(limit)
                .toList());
    }
}
