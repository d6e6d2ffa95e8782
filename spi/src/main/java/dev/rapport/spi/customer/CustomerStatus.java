package dev.rapport.spi.customer;

/** Where a customer stands in their relationship with the business. */
public enum CustomerStatus {
    /** Known but has not bought yet. */
    PROSPECT,
    /** A current customer. */
    ACTIVE,
    /** A customer who has not been active for a while but has not left. */
    INACTIVE,
    /** A customer who left; counted as lost in churn. */
    CHURNED,
    /** Personal data erased on request; the record stays so counts and KPIs keep working. */
    ERASED
}
