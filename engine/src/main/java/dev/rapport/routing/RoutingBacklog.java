package dev.rapport.routing;

import dev.rapport.spi.PageWalk;
import dev.rapport.spi.routing.RoutingOffer;
import dev.rapport.spi.routing.RoutingWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A router's view of the waiting work every node shares: reads it all from storage, times out expired offers and
 * hands the rest out most urgent first. Thread-safe: it keeps no state of its own.
 */
final class RoutingBacklog {

    private static final int PAGE = 500;

    private final RouterCore core;
    private final AssignmentCommit commit;

    RoutingBacklog(RouterCore core, AssignmentCommit commit) {
        this.core = core;
        this.commit = commit;
    }

    /** Times out expired offers and routes the rest, most urgent first; see {@link Router#dispatch()}. */
    List<RoutingDecision> dispatch() {
        Instant now = core.now();
        List<Work> ready = new ArrayList<>();
        for (RoutingWork stored : allWork()) {
            Optional<RoutingOffer> offer = stored.offer();
            if (offer.isPresent() && !now.isBefore(offer.get().expiresAt())) {
                commit.expire(stored, now).ifPresent(fresh -> ready.add(Work.of(fresh)));
            } else if (offer.isEmpty()) {
                ready.add(Work.of(stored));
            }
        }
        if (ready.isEmpty() || !core.locked(core.index::hasSpareCapacity)) {
            return List.of();
        }
        ready.sort(core.decider.urgency(now));
        List<RoutingDecision> decisions = new ArrayList<>(ready.size());
        for (Work work : ready) {
            decisions.add(commit.route(work, now));
        }
        return decisions;
    }

    /** The waiting work of every node, most urgent first; see {@link Router#waiting()}. */
    List<WorkItem> waiting() {
        Instant now = core.now();
        List<Work> all = new ArrayList<>();
        allWork().forEach(stored -> all.add(Work.of(stored)));
        all.sort(core.decider.urgency(now));
        return all.stream().map(Work::toItem).toList();
    }

    /** Every piece of waiting work as stored, walked by case id. */
    private List<RoutingWork> allWork() {
        List<RoutingWork> all = new ArrayList<>();
        PageWalk.<RoutingWork>byKey(PAGE, (last, limit) -> core.storage.routing().listWork(
                last.map(RoutingWork::caseId), limit)).forEach(all::add);
        return all;
    }
}
