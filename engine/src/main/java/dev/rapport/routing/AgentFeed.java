package dev.rapport.routing;

import dev.rapport.spi.PageRequest;
import dev.rapport.spi.PageWalk;
import dev.rapport.spi.agent.AgentChange;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a router's agent index current from storage's agent change feed: reads every agent at first and every
 * {@link Router#FULL_RELOAD_INTERVAL}, and in between what changed since {@link Router#FEED_OVERLAP} before the last
 * change seen. Thread-safe: one walk of the feed at a time.
 */
final class AgentFeed {

    /** Where a full read of the change feed starts: before any write a store can date. */
    private static final Instant FEED_BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

    private final RouterCore core;
    private final Object feedLock = new Object();
    private Instant feedSince;
    private Instant lastFullReload;

    AgentFeed(RouterCore core) {
        this.core = core;
    }

    /** Reads every agent into the index; see {@link Router#reloadAgents()}. */
    void reload() {
        synchronized (feedLock) {
            Instant start = core.storage.agents().storeTime();
            readFeed(FEED_BEGINNING);
            feedSince = start.minus(Router.FEED_OVERLAP);
            lastFullReload = start;
        }
    }

    /** Reads what changed since the last read; see {@link Router#refreshAgents()}. */
    int refresh() {
        synchronized (feedLock) {
            Instant storeNow = core.storage.agents().storeTime();
            if (Duration.between(lastFullReload, storeNow).compareTo(Router.FULL_RELOAD_INTERVAL) >= 0) {
                reload();
                return core.index.size();
            }
            FeedRead read = readFeed(feedSince);
            if (read.newest() != null) {
                Instant next = read.newest().minus(Router.FEED_OVERLAP);
                if (next.isAfter(feedSince)) {
                    feedSince = next;
                }
            }
            return read.count();
        }
    }

    /** What one walk of the change feed read: how many versions, and the newest write time seen (null if none). */
    private record FeedRead(int count, Instant newest) {
    }

    /** Walks the change feed from {@code since} to its end, by key, putting every agent into the index. */
    private FeedRead readFeed(Instant since) {
        int read = 0;
        Instant newest = null;
        for (AgentChange change : PageWalk.<AgentChange>byKey(PageRequest.MAX_LIMIT, (last, limit) -> core.storage
                .agents().changedSince(last.map(AgentChange::writtenAt).orElse(since),
                        last.map(c -> c.agent().id()), limit))) {
            core.locked(() -> core.index.put(change.agent()));
            read++;
            newest = change.writtenAt();
        }
        return new FeedRead(read, newest);
    }
}
