package dev.rapport.routing;

import dev.rapport.spi.Channel;
import java.util.Arrays;

/**
 * One channel of an {@link AgentIndex}: every agent's rank and tie-breaker there, and its buckets for any team and
 * per team. Not thread-safe: the index's owner guards it.
 */
final class AgentLane {
    final Channel channel;
    long[] rank = new long[16];
    long[] tie = new long[16];
    final BucketGroup any = new BucketGroup();
    BucketGroup[] teams = new BucketGroup[4];

    AgentLane(Channel channel) {
        this.channel = channel;
    }

    void ensure(int number) {
        if (number >= rank.length) {
            int size = Math.max(number + 1, rank.length + (rank.length >> 1));
            rank = Arrays.copyOf(rank, size);
            tie = Arrays.copyOf(tie, size);
        }
    }

    BucketGroup team(int team) {
        if (team >= teams.length) {
            teams = Arrays.copyOf(teams, Math.max(team + 1, teams.length * 2));
        }
        BucketGroup group = teams[team];
        if (group == null) {
            group = new BucketGroup();
            teams[team] = group;
        }
        return group;
    }

    BucketGroup teamOrNull(int team) {
        return team < teams.length ? teams[team] : null;
    }

    /** The order of buckets: rank, then tie-breaker, then agent id. */
    int compare(int a, int b, AgentIndex.Entry[] entries) {
        int c = Long.compare(rank[a], rank[b]);
        if (c != 0) {
            return c;
        }
        c = Long.compare(tie[a], tie[b]);
        return c != 0 ? c : entries[a].id.value().compareTo(entries[b].id.value());
    }
}
