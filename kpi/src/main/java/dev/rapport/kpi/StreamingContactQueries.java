package dev.rapport.kpi;

import dev.rapport.kpi.StreamingSubjects.CaseSubject;
import dev.rapport.kpi.StreamingSubjects.ComplimentSubject;
import dev.rapport.kpi.StreamingSubjects.InteractionSubject;
import dev.rapport.spi.Channel;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.TimeRange;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.complaint.Complaint;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.interaction.HandleTime;
import dev.rapport.spi.interaction.Handler;
import dev.rapport.spi.interaction.Interaction;
import dev.rapport.spi.interaction.InteractionKind;
import dev.rapport.spi.kpi.ExclusionReason;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Containment;
import dev.rapport.spi.kpi.Count;
import dev.rapport.spi.kpi.HandleTimeTotals;
import dev.rapport.spi.kpi.RepeatContacts;
import dev.rapport.spi.kpi.Slice;
import dev.rapport.spi.kpi.Tallies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The contact questions of {@link StreamingKpiQueries}: repeat contacts, containment, handle times and compliments,
 * streamed over the storage. Thread-safe: it holds no state between calls.
 */
final class StreamingContactQueries {

    private final RapportStorage storage;
    private final int pageSize;
    private final StreamingReads read;

    StreamingContactQueries(StreamingReads read) {
        this.read = read;
        this.storage = read.storage();
        this.pageSize = read.pageSize();
    }

    Tallies<RepeatContacts> repeatContacts(Duration window, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Case c : read.casesCreated(slice.period())) {
            countContact(groups, grouper.keys(new CaseSubject(c, c.assignee())), c.customerId(), c.category(),
                    new ContactPoint(c.createdAt(), c.id().value()), window);
        }
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (CaseFacts.isCaselessContact(i)) {
                countContact(groups, grouper.keys(new InteractionSubject(i, grouper)), i.customerId(), i.reason(),
                        new ContactPoint(i.occurredAt(), i.id().value()), window);
            }
        }
        return groups.finish(counts -> new RepeatContacts(counts[0], counts[1]));
    }

    void countContact(Groups<long[]> groups, List<GroupKey> keys, CustomerId customer,
            Optional<String> category, ContactPoint contact, Duration window) {
        if (category.isEmpty()) {
            groups.exclude(keys, ExclusionReason.UNCATEGORISED);
            return;
        }
        boolean repeat = isRepeat(customer, category.get(), contact, window);
        groups.each(keys, counts -> {
            counts[0]++;
            if (repeat) {
                counts[1]++;
            }
        });
    }

    /**
     * Whether the contact falls within the window of an earlier first contact: walks the customer's contacts on the
     * category in time order, each one outside the current window opening a new one.
     */
    boolean isRepeat(CustomerId customer, String category, ContactPoint target, Duration window) {
        Iterator<ContactPoint> cases = new FilteringIterator<>(read.casesOf(customer).iterator(),
                c -> c.category().filter(category::equals).isPresent() && !c.createdAt().isAfter(target.at()),
                c -> new ContactPoint(c.createdAt(), c.id().value()));
        // up to and including the target: stores keep microseconds (a bound of target + 1 ns would be cut to the
        // target itself, leaving the target out); contacts after it are never reached by the walk below
        TimeRange upToTarget = TimeRange.of(Instant.MIN, Times.plus(target.at(), Duration.ofNanos(1_000)));
        Iterator<ContactPoint> interactions = new FilteringIterator<>(
                read.interactionsOf(customer, upToTarget).iterator(),
                i -> CaseFacts.isCaselessContact(i) && i.reason().filter(category::equals).isPresent(),
                i -> new ContactPoint(i.occurredAt(), i.id().value()));
        Instant windowStart = null;
        ContactPoint a = next(cases);
        ContactPoint b = next(interactions);
        while (a != null || b != null) {
            ContactPoint current;
            if (b == null || (a != null && a.compareTo(b) <= 0)) {
                current = a;
                a = next(cases);
            } else {
                current = b;
                b = next(interactions);
            }
            boolean repeat = windowStart != null && current.at().isBefore(Times.plus(windowStart, window));
            if (!repeat) {
                windowStart = current.at();
            }
            if (current.id().equals(target.id())) {
                return repeat;
            }
        }
        return false;
    }

    static <T> T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    Tallies<Containment> containment(Duration window, Set<Channel> automatedChannels, Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[2]);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (!CaseFacts.isAutomatedContact(i, automatedChannels)) {
                continue;
            }
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            Instant windowEnd = Times.plus(i.occurredAt(), window);
            if (windowEnd.isAfter(slice.asOf())) {
                groups.exclude(keys, ExclusionReason.WINDOW_OPEN);
                continue;
            }
            boolean followedByHuman = false;
            for (Interaction later : read.interactionsOf(i.customerId(), TimeRange.of(i.occurredAt(), windowEnd))) {
                if (CaseFacts.isHumanContact(later, automatedChannels)) {
                    followedByHuman = true;
                    break;
                }
            }
            boolean contained = !followedByHuman;
            groups.each(keys, counts -> {
                counts[0]++;
                if (contained) {
                    counts[1]++;
                }
            });
        }
        return groups.finish(counts -> new Containment(counts[0], counts[1]));
    }

    Tallies<HandleTimeTotals> handleTimes(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[4]);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (i.handleTime().isEmpty()) {
                continue;
            }
            HandleTime time = i.handleTime().get();
            List<GroupKey> keys = grouper.keys(new InteractionSubject(i, grouper));
            if (time.talk().isNegative() || time.hold().isNegative() || time.afterContactWork().isNegative()) {
                groups.exclude(keys, ExclusionReason.NEGATIVE_HANDLE_TIME);
            } else if (i.handledBy() != Handler.HUMAN) {
                groups.exclude(keys, ExclusionReason.AUTOMATED_HANDLING);
            } else {
                groups.each(keys, totals -> {
                    totals[0]++;
                    totals[1] += Times.micros(time.talk());
                    totals[2] += Times.micros(time.hold());
                    totals[3] += Times.micros(time.afterContactWork());
                });
            }
        }
        return groups.finish(t -> new HandleTimeTotals(t[0], t[1], t[2], t[3]));
    }

    Tallies<Count> compliments(Slice slice) {
        Grouper grouper = new Grouper(storage, slice);
        Groups<long[]> groups = new Groups<>(() -> new long[1]);
        for (Interaction i : read.interactionsIn(slice.period())) {
            if (i.kind() == InteractionKind.COMPLIMENT) {
                groups.each(grouper.keys(new InteractionSubject(i, grouper)), c -> c[0]++);
            }
        }
        // compliments taken in through the complaints door: once in each group of the agents they credit
        Map<AgentId, Boolean> stored = new HashMap<>();
        for (Complaint c : PageWalk.byTime(slice.period(), pageSize, storage.complaints()::findReceivedBetween,
                Complaint::receivedAt)) {
            if (!c.isCompliment()) {
                continue;
            }
            List<Optional<AgentId>> credited = new ArrayList<>();
            for (AgentId agent : c.agentIds()) {
                if (stored.computeIfAbsent(agent, a -> storage.agents().findById(a).isPresent())) {
                    credited.add(Optional.of(agent));
                }
            }
            if (credited.isEmpty()) {
                credited.add(Optional.empty());
            }
            Set<GroupKey> keys = new HashSet<>();
            for (Optional<AgentId> agent : credited) {
                keys.addAll(grouper.keys(new ComplimentSubject(c, agent, grouper)));
            }
            keys.forEach(key -> groups.at(key)[0]++);
        }
        return groups.finish(c -> new Count(c[0]));
    }

    /**
     * A contact in time order; ties broken by id compared as an unsigned 128-bit number, the order the storage lists
     * each kind of contact in (so that merging cases and interactions gives one consistent order).
     */
    record ContactPoint(Instant at, UUID id) implements Comparable<ContactPoint> {
        @Override
        public int compareTo(ContactPoint other) {
            int byTime = at.compareTo(other.at);
            if (byTime != 0) {
                return byTime;
            }
            int high = Long.compareUnsigned(id.getMostSignificantBits(), other.id.getMostSignificantBits());
            return high != 0 ? high
                    : Long.compareUnsigned(id.getLeastSignificantBits(), other.id.getLeastSignificantBits());
        }
    }

    static final class FilteringIterator<S, T> implements Iterator<T> {
        private final Iterator<S> source;
        private final java.util.function.Predicate<S> keep;
        private final java.util.function.Function<S, T> map;
        private T next;

        FilteringIterator(Iterator<S> source, java.util.function.Predicate<S> keep,
                java.util.function.Function<S, T> map) {
            this.source = source;
            this.keep = keep;
            this.map = map;
        }

        @Override
        public boolean hasNext() {
            while (next == null && source.hasNext()) {
                S item = source.next();
                if (keep.test(item)) {
                    next = map.apply(item);
                }
            }
            return next != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            T item = next;
            next = null;
            return item;
        }
    }
}
