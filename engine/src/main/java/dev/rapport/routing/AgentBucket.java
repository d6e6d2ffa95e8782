package dev.rapport.routing;

import java.util.Arrays;

/**
 * Agent numbers of an {@link AgentIndex} bucket, sorted by a lane's order: one array while small, blocks of at
 * most {@link #BLOCK} once large, so that adding or removing an agent moves at most a block. Not thread-safe: the
 * index's owner guards it.
 */
final class AgentBucket {
    private static final int BLOCK = 512;

    int size;
    /** While small: the numbers; null once in blocks. */
    private int[] flat = new int[1];
    private int[][] blocks;
    private int[] lengths;
    private int blockCount;

    void insert(int number, AgentLane lane, AgentIndex.Entry[] entries) {
        if (flat != null) {
            if (size == BLOCK) {
                toBlocks();
            } else {
                if (size == flat.length) {
                    flat = Arrays.copyOf(flat, Math.min(BLOCK, size + Math.max(1, size >> 1)));
                }
                insertInto(flat, size, number, lane, entries);
                size++;
                return;
            }
        }
        int b = block(number, lane, entries);
        if (lengths[b] == BLOCK) {
            split(b);
            if (lane.compare(number, blocks[b][lengths[b] - 1], entries) > 0) {
                b++;
            }
        }
        insertInto(blocks[b], lengths[b], number, lane, entries);
        lengths[b]++;
        size++;
    }

    void remove(int number, AgentLane lane, AgentIndex.Entry[] entries) {
        if (flat != null) {
            removeFrom(flat, size, number, lane, entries);
            size--;
            return;
        }
        int b = block(number, lane, entries);
        removeFrom(blocks[b], lengths[b], number, lane, entries);
        lengths[b]--;
        size--;
        if (lengths[b] == 0 && blockCount > 1) {
            System.arraycopy(blocks, b + 1, blocks, b, blockCount - b - 1);
            System.arraycopy(lengths, b + 1, lengths, b, blockCount - b - 1);
            blockCount--;
            blocks[blockCount] = null;
        }
    }

    /** The block whose range holds the number: the first whose last number does not come before it. */
    private int block(int number, AgentLane lane, AgentIndex.Entry[] entries) {
        int low = 0;
        int high = blockCount - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int length = lengths[middle];
            if (length > 0 && lane.compare(blocks[middle][length - 1], number, entries) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void toBlocks() {
        blocks = new int[4][];
        lengths = new int[4];
        int half = size / 2;
        blocks[0] = Arrays.copyOf(Arrays.copyOfRange(flat, 0, half), BLOCK);
        blocks[1] = Arrays.copyOf(Arrays.copyOfRange(flat, half, size), BLOCK);
        lengths[0] = half;
        lengths[1] = size - half;
        blockCount = 2;
        flat = null;
    }

    private void split(int b) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
            lengths = Arrays.copyOf(lengths, blockCount * 2);
        }
        System.arraycopy(blocks, b + 1, blocks, b + 2, blockCount - b - 1);
        System.arraycopy(lengths, b + 1, lengths, b + 2, blockCount - b - 1);
        int[] full = blocks[b];
        int half = BLOCK / 2;
        int[] upper = new int[BLOCK];
        System.arraycopy(full, half, upper, 0, BLOCK - half);
        blocks[b + 1] = upper;
        lengths[b + 1] = BLOCK - half;
        lengths[b] = half;
        blockCount++;
    }

    private static void insertInto(int[] array, int length, int number, AgentLane lane, AgentIndex.Entry[] entries) {
        int low = 0;
        int high = length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (lane.compare(array[middle], number, entries) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        System.arraycopy(array, low, array, low + 1, length - low);
        array[low] = number;
    }

    private static void removeFrom(int[] array, int length, int number, AgentLane lane, AgentIndex.Entry[] entries) {
        int low = 0;
        int high = length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int c = lane.compare(array[middle], number, entries);
            if (c < 0) {
                low = middle + 1;
            } else if (c > 0) {
                high = middle - 1;
            } else {
                System.arraycopy(array, middle + 1, array, middle, length - middle - 1);
                return;
            }
        }
        throw new IllegalStateException("agent " + number + " is not in the bucket");
    }

    Cursor cursor() {
        return new Cursor();
    }

    /** Walks the numbers in order. */
    final class Cursor {
        private int block;
        private int offset;
        private int seen;

        boolean hasNext() {
            return seen < size;
        }

        int next() {
            seen++;
            if (flat != null) {
                return flat[offset++];
            }
            while (offset >= lengths[block]) {
                block++;
                offset = 0;
            }
            return blocks[block][offset++];
        }
    }
}
