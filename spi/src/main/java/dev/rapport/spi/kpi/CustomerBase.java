package dev.rapport.spi.kpi;

/**
 * The customer base over a period.
 *
 * @param atStart customers at the start (S)
 * @param atEnd customers at the end (E)
 * @param retained customers at both start and end
 * @param newRegistrations customers at the end, not at the start, created in the period
 * @param reactivated customers at the end, not at the start, created before the period
 */
public record CustomerBase(long atStart, long atEnd, long retained, long newRegistrations, long reactivated) {
    /** No customer. */
    public static final CustomerBase EMPTY = new CustomerBase(0, 0, 0, 0, 0);

    /**
     * Customers at the start and not at the end.
     *
     * @return the number of customers counted at the start but not at the end; zero or more
     */
    public long lost() {
        return atStart - retained;
    }

    /**
     * Customers at the end who were not at the start (N).
     *
     * @return the number of customers counted at the end but not at the start; zero or more
     */
    public long gained() {
        return atEnd - retained;
    }
}
