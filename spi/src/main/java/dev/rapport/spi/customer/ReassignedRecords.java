package dev.rapport.spi.customer;

/**
 * How many records {@link CustomerMerges#reassign} moved from one customer to another, per kind.
 *
 * @param interactions interactions moved
 * @param cases cases moved
 * @param feedback feedback responses moved
 * @param followUps follow-ups moved
 * @param complaints complaints and compliments moved
 */
public record ReassignedRecords(int interactions, int cases, int feedback, int followUps, int complaints) {

    /**
     * Records moved in all.
     *
     * @return the sum of the counts of every kind; zero if the customer held nothing
     */
    public int total() {
        return interactions + cases + feedback + followUps + complaints;
    }
}
