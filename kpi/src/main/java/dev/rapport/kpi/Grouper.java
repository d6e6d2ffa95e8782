package dev.rapport.kpi;

import dev.rapport.spi.RapportStorage;
import dev.rapport.spi.agent.Agent;
import dev.rapport.spi.agent.AgentId;
import dev.rapport.spi.agent.TeamId;
import dev.rapport.spi.cases.Case;
import dev.rapport.spi.cases.CaseId;
import dev.rapport.spi.customer.Customer;
import dev.rapport.spi.customer.CustomerId;
import dev.rapport.spi.kpi.Dimension;
import dev.rapport.spi.kpi.GroupKey;
import dev.rapport.spi.kpi.Slice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Places records in the groups of one slice's breakdown, looking up what the record does not hold itself (the
 * customer's segment, the agent's team, a rating's case) through small bounded caches. One per query call; not
 * thread-safe.
 */
final class Grouper {

    /** How many looked-up customers, agents and cases each cache keeps. */
    static final int CACHE_SIZE = 4_096;

    private final RapportStorage storage;
    private final Slice slice;
    private final Map<CustomerId, Optional<String>> segments = lru();
    private final Map<AgentId, Optional<TeamId>> teams = lru();
    private final Map<CaseId, Optional<Case>> cases = lru();
    private final Map<CustomerId, Optional<String>> bands = lru();
    private final Map<CustomerId, Optional<Customer>> customers = lru();

    Grouper(RapportStorage storage, Slice slice) {
        this.storage = storage;
        this.slice = slice;
    }

    /** The group of the record. */
    GroupKey key(Subject subject) {
        Dimension dimension = slice.breakdown().dimension();
        return switch (dimension) {
            case TOTAL -> GroupKey.TOTAL;
            case PERIOD -> Times.bucket(subject.at(), slice.breakdown().granularity(), slice.breakdown().zone(),
                    slice.period()).key();
            case CHANNEL -> GroupKey.of(dimension, subject.channel().map(c -> c.code()).orElse(null));
            case CATEGORY -> GroupKey.of(dimension, subject.category().orElse(null));
            case SEGMENT -> GroupKey.of(dimension, segment(subject).orElse(null));
            case AGENT -> GroupKey.of(dimension, subject.agent().map(AgentId::toString).orElse(null));
            case TEAM -> GroupKey.of(dimension, subject.team().or(() -> subject.agent().flatMap(this::teamOf))
                    .map(TeamId::code).orElse(null));
            case PRIORITY -> GroupKey.of(dimension, subject.priority().map(Enum::name).orElse(null));
            case JOURNEY_STAGE -> GroupKey.of(dimension,
                    subject.category().map(slice.journeyStages()::get).orElse(null));
            case TAG, CUSTOMER_TAG -> throw new IllegalStateException(
                    "a breakdown by " + dimension + " may place a record in several groups: ask keys()");
            case FIELD -> LabelGroups.of(slice.breakdown(), subject.linkedCase(), Optional.empty()).get(0);
            case CUSTOMER_FIELD -> LabelGroups.of(slice.breakdown(), Optional.empty(), customerOf(subject)).get(0);
            case HEALTH_BAND -> GroupKey.of(dimension, subject.customer() == null ? null
                    : cached(bands, subject.customer(), k -> storage.healthStandings().find(k)
                            .map(standing -> standing.band().name())).orElse(null));
            case CHURN_REASON -> GroupKey.of(dimension, subject.churnReason().orElse(null));
            case CASE_STATUS -> GroupKey.of(dimension, subject.caseStatus().orElse(null));
        };
    }

    /**
     * The groups of a record: for {@link Dimension#TAG} one per tag of its case (see {@link Subject#linkedCase()}),
     * for {@link Dimension#CUSTOMER_TAG} one per tag of its customer (the group with no value if there is none, or
     * no case or customer), otherwise the one {@link #key(Subject)} gives.
     */
    List<GroupKey> keys(Subject subject) {
        Dimension dimension = slice.breakdown().dimension();
        if (dimension == Dimension.TAG) {
            return LabelGroups.of(slice.breakdown(), subject.linkedCase(), Optional.empty());
        }
        if (dimension == Dimension.CUSTOMER_TAG) {
            return LabelGroups.of(slice.breakdown(), Optional.empty(), customerOf(subject));
        }
        return List.of(key(subject));
    }

    /** The customer the record is about, if stored; cached. */
    private Optional<Customer> customerOf(Subject subject) {
        if (subject instanceof CustomerSubject customer) {
            return Optional.of(customer.record());
        }
        return subject.customer() == null ? Optional.empty()
                : cached(customers, subject.customer(), k -> storage.customers().findById(k));
    }

    /** The case with the id, if stored; cached. */
    Optional<Case> caseOf(CaseId id) {
        return cached(cases, id, k -> storage.cases().findById(k));
    }

    private Optional<String> segment(Subject subject) {
        if (subject instanceof CustomerSubject customer) {
            return customer.record().segment();
        }
        return cached(segments, subject.customer(),
                k -> storage.customers().findById(k).flatMap(Customer::segment));
    }

    private Optional<TeamId> teamOf(AgentId agent) {
        return cached(teams, agent, k -> storage.agents().findById(k).flatMap(Agent::team));
    }

    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> load) {
        V value = cache.get(key);
        if (value == null) {
            value = load.apply(key);
            cache.put(key, value);
        }
        return value;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }

    /** A customer as a record of its own, for customer-level KPIs. */
    record CustomerSubject(Customer record) implements Subject {
        @Override
        public java.time.Instant at() {
            return record.createdAt();
        }

        @Override
        public CustomerId customer() {
            return record.id();
        }

        @Override
        public Optional<String> churnReason() {
            return record.churnReason();
        }
    }
}
