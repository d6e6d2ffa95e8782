package dev.rapport.routing;

/**
 * An {@link AgentIndex} lane's buckets by dimension code: open addressing over two arrays. A team's group also keeps,
 * once a decision has counted one, how many of its agents a bucket it does not hold (a pair of skills, a skill with a
 * language) would hold, kept current as agents are placed and taken out, so that counting it again costs nothing.
 */
final class BucketGroup {
    private long[] codes = new long[4];
    private AgentBucket[] buckets = new AgentBucket[4];
    private int size;
    /** Counts of buckets not held, by dimension code, open addressing; null until the first is kept. */
    private long[] countCodes;
    private int[] counts;
    private int countSize;

    AgentBucket get(long code) {
        int mask = codes.length - 1;
        for (int i = slot(code) & mask; codes[i] != 0; i = (i + 1) & mask) {
            if (codes[i] == code) {
                return buckets[i];
            }
        }
        return null;
    }

    AgentBucket create(long code) {
        if ((size + 1) * 2 > codes.length) {
            long[] oldCodes = codes;
            AgentBucket[] oldBuckets = buckets;
            codes = new long[oldCodes.length * 2];
            buckets = new AgentBucket[oldCodes.length * 2];
            for (int i = 0; i < oldCodes.length; i++) {
                if (oldCodes[i] != 0) {
                    add(oldCodes[i], oldBuckets[i]);
                }
            }
        }
        AgentBucket bucket = new AgentBucket();
        add(code, bucket);
        size++;
        return bucket;
    }

    private void add(long code, AgentBucket bucket) {
        int mask = codes.length - 1;
        int i = slot(code) & mask;
        while (codes[i] != 0) {
            i = (i + 1) & mask;
        }
        codes[i] = code;
        buckets[i] = bucket;
    }

    private static int slot(long code) {
        return AgentIndex.spread(Long.hashCode(code * 0x9E3779B97F4A7C15L));
    }

    /** Whether any count of a bucket not held is kept. */
    boolean keepsCounts() {
        return countSize > 0;
    }

    /** The kept count for the dimension code; -1 if none is kept. */
    int count(long code) {
        if (countCodes == null) {
            return -1;
        }
        int mask = countCodes.length - 1;
        for (int i = slot(code) & mask; countCodes[i] != 0; i = (i + 1) & mask) {
            if (countCodes[i] == code) {
                return counts[i];
            }
        }
        return -1;
    }

    /** Keeps a count, as just made by walking, for the dimension code. */
    void keepCount(long code, int count) {
        if (countCodes == null) {
            countCodes = new long[8];
            counts = new int[8];
        } else if ((countSize + 1) * 2 > countCodes.length) {
            long[] oldCodes = countCodes;
            int[] oldCounts = counts;
            countCodes = new long[oldCodes.length * 2];
            counts = new int[oldCodes.length * 2];
            for (int i = 0; i < oldCodes.length; i++) {
                if (oldCodes[i] != 0) {
                    addCount(oldCodes[i], oldCounts[i]);
                }
            }
        }
        addCount(code, count);
        countSize++;
    }

    /** Adds to the kept count for the dimension code, if one is kept. */
    void adjustCount(long code, int delta) {
        int mask = countCodes.length - 1;
        for (int i = slot(code) & mask; countCodes[i] != 0; i = (i + 1) & mask) {
            if (countCodes[i] == code) {
                counts[i] += delta;
                return;
            }
        }
    }

    private void addCount(long code, int count) {
        int mask = countCodes.length - 1;
        int i = slot(code) & mask;
        while (countCodes[i] != 0) {
            i = (i + 1) & mask;
        }
        countCodes[i] = code;
        counts[i] = count;
    }
}
