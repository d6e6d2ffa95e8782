package dev.rapport.spi.kpi;

/**
 * Handle-time totals, in microseconds.
 *
 * @param contacts contacts handled by a human with a handle time
 * @param talkMicros total talk time
 * @param holdMicros total hold time
 * @param afterContactWorkMicros total after-contact work
 */
public record HandleTimeTotals(long contacts, long talkMicros, long holdMicros, long afterContactWorkMicros) {
    /** No contact. */
    public static final HandleTimeTotals EMPTY = new HandleTimeTotals(0, 0, 0, 0);

    /**
     * Talk + hold + after-contact work.
     *
     * @return the sum of talk, hold and after-contact work, in microseconds
     */
    public long totalMicros() {
        return talkMicros + holdMicros + afterContactWorkMicros;
    }
}
