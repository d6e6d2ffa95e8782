package dev.rapport.routing;

/** An {@link AgentIndex} lane's buckets by dimension code: open addressing over two arrays. */
final class BucketGroup {
    private long[] codes = new long[4];
    private AgentBucket[] buckets = new AgentBucket[4];
    private int size;

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
}
