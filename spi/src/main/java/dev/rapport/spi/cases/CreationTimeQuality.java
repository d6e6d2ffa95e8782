package dev.rapport.spi.cases;

/**
 * How well a case's {@link Case#createdAt() creation time} is known. Cases Rapport opens itself are always
 * {@link #RECORDED}; the other values come from imported history, where a helpdesk export may give no creation time,
 * or only a date. The KPIs that measure from the creation time (first reply time, resolution times) leave out cases
 * whose creation time is not recorded, under {@link dev.rapport.spi.kpi.ExclusionReason#CREATION_TIME_ESTIMATED} and
 * {@link dev.rapport.spi.kpi.ExclusionReason#CREATION_TIME_UNKNOWN}; counts by period still count them.
 */
public enum CreationTimeQuality {
    /** The moment the case was created, as recorded; the default. */
    RECORDED,
    /**
     * Derived from another time: a later moment of the case (its first reply, for example) or a date taken at the
     * start of its day. Good enough to place the case in a period, not to measure from.
     */
    ESTIMATED,
    /** Not known at all: the creation time holds the moment the case was imported, only so that it has one. */
    UNKNOWN
}
