package dev.rapport.routing;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** Iterates several of an {@link AgentIndex}'s rank-ordered iterators as one, in rank order. */
final class MergedSlots implements Iterator<AgentIndex.Slot> {
    /** The order of slots: rank, then tie-breaker, then agent id. */
    private static final Comparator<AgentIndex.Slot> ORDER = Comparator.comparingLong(AgentIndex.Slot::rank)
            .thenComparingLong(AgentIndex.Slot::tie).thenComparing(AgentIndex.Slot::id);

    private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.slot, b.slot));

    MergedSlots(List<Iterator<AgentIndex.Slot>> iterators) {
        for (Iterator<AgentIndex.Slot> iterator : iterators) {
            if (iterator.hasNext()) {
                heads.add(new Head(iterator.next(), iterator));
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public AgentIndex.Slot next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        if (head.rest.hasNext()) {
            heads.add(new Head(head.rest.next(), head.rest));
        }
        return head.slot;
    }

    private record Head(AgentIndex.Slot slot, Iterator<AgentIndex.Slot> rest) {
    }
}
